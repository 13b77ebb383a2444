import os

# The suite runs without a display, also when started as plain `pytest` rather than `make test`.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Two cores and a shared machine: hypothesis's default 200 ms deadline flakes here.
settings.register_profile("studio", deadline=None, max_examples=60)
settings.load_profile("studio")

# The seed case's hand-chosen numbers (see ../shared/seeds).
SEED_A = np.array([[1.0, 2.0], [3.0, 4.0]])
SEED_B = np.array([[0.5, -1.0], [2.0, 0.25]])
SEED_C = np.array([0.1, -0.2])
SEED_G = np.array([[0.3, -0.1], [0.7, 2.0]])


@pytest.fixture(autouse=True)
def seeded_rng():
    np.random.seed(0)


@pytest.fixture
def seed_inputs():
    return {"a": SEED_A, "b": SEED_B, "c": SEED_C}
