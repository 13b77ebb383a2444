"""Layout loops are bounded, wherever the nodes are. Not collected on its own (the file name does not start with test_): test_app_items runs it
in a child pytest with a time limit and a memory cap, so a regression fails that one test, not the run."""
from gui.model.layout import free_spot


# -- layout loops are bounded ------------------------------------------------------------------------------
def test_placing_a_node_beside_a_box_at_1e20_ends():
    sizes = {"a": (80.0, 40.0), "b": (80.0, 40.0)}
    x, y = free_spot("b", 0.0, 1e20, {"a": (0.0, 1e20)}, sizes)
    assert x == 0.0
