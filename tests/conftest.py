import gc
import os
import tempfile

# The suite runs without a display, also when started as plain `pytest` rather than `make test`.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# ...and in a home of its own, before Qt reads where settings and caches live: no test reads or
# changes the user's QSettings (window arrangement, recent files, scale, theme) or folders.
_HOME = tempfile.mkdtemp(prefix="studio-tests-")
for _name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = _HOME

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


def pytest_unconfigure(config):
    """Freeze what the run made before the interpreter exits: its last collection would otherwise
    traverse every wrapper of the thousands of widgets the run made (two and a half minutes on two
    cores) only to free memory the process gives back anyway."""
    gc.freeze()


@pytest.fixture(scope="session", autouse=True)
def isolated_paths():
    """QStandardPaths in test mode: its folders are test folders, never the user's."""
    from PySide6.QtCore import QStandardPaths
    QStandardPaths.setTestModeEnabled(True)
    return _HOME


@pytest.fixture(autouse=True)
def seeded_rng():
    np.random.seed(0)


@pytest.fixture
def seed_inputs():
    return {"a": SEED_A, "b": SEED_B, "c": SEED_C}
