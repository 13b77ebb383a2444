"""Text → canvas → text: for random valid programs, the program the canvas writes back (through
the builder's model, as every canvas edit does) is the program typed, and every node on the
canvas maps to a node of the written program (so its place follows it)."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from engine.sketch import settle_output
from engine.sketch_text import write_text
from gui.canvas.view import GraphView
from gui.model.canvas_edits import sketch_of
from gui.model.layout import LOSS_ID, program_graph
from tests.engine.test_fuzz import EXPRS
from tests.engine.test_sketch import structure

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")


@pytest.fixture
def view(qtbot, controller):
    widget = GraphView(controller)
    qtbot.addWidget(widget)
    return widget


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(EXPRS, min_size=1, max_size=3))
def test_text_to_canvas_to_text_is_the_same_program(view, controller, exprs):
    text = "\n".join(f"v{i} = {e}" for i, e in enumerate(exprs))
    try:
        program = engine.parse(text)
    except engine.ParseError:
        return
    if not controller.apply_text(text) and controller.session is not None:
        return   # inputs the engine refuses (memory); not the canvas's concern
    if program.input(program.output) and program.eqns:
        return   # the canvas hands the output to the newest computed node (engine.sketch.settle_output)
    written, keymap = write_text(settle_output(sketch_of(controller.shown, controller.model.made_up)))
    again = engine.parse(written)
    assert structure(again) == structure(program)
    shown = set(view.scene().nodes) - {LOSS_ID}
    assert {keymap[n] for n in shown} == set(program_graph(again).nodes) - {LOSS_ID}   # places follow
