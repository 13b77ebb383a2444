"""Random programs, good and bad, typed into the whole window: every panel copes (pytest-qt fails
the test on any exception raised inside a Qt slot or event handler)."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.engine.test_fuzz import EXPRS, NOISE
from tests.gui.conftest import SEED_TEXT

pytestmark = __import__("pytest").mark.filterwarnings("ignore:Generating overly large repr")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(EXPRS, min_size=1, max_size=3), NOISE, st.integers(0, 40), st.data())
def test_any_text_any_step_any_entry(window, exprs, noise, step, data):
    controller = window.controller
    controller.apply_text(SEED_TEXT)   # each example starts from the seed, not from the last one
    controller.seek(0)
    text = "\n".join(f"v{i} = {e}" for i, e in enumerate(exprs)) + data.draw(st.sampled_from(["", noise]))
    controller.apply_text(text)
    controller.seek(step)
    drawn = controller.session or controller.shown.inputs   # without a pass, its inputs are still drawn
    if drawn is None:
        return
    values = drawn.records.values
    name = data.draw(st.sampled_from(sorted(values)))
    index = tuple(data.draw(st.integers(0, n - 1)) for n in values[name].shape)
    controller.select_entry((name, index, data.draw(st.booleans())))
    controller.to_end()
    controller.select_entry(None)
