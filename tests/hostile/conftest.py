"""The app cases share the GUI tests' fixtures: a controller on the seed and the shown window."""
from tests.gui.conftest import SEED_TEXT, controller, settings, window  # noqa: F401 (fixtures)
