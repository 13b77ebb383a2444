"""The explanation panel on its own: the through node, fan-out per path, errors in place."""
import pytest

from engine.notation import number
from gui.app.controller import StudioController
from gui.panels.explanation import DEFAULT_THROUGH, ExplanationPanel

FAN_OUT = "a = randn(2, 2)\nb = randn(2, 2)\nd = a @ b\ne = d + a"


@pytest.fixture
def panel(qtbot, shown):
    def make(text):
        controller = StudioController(text)
        controller.to_end()
        widget = shown(ExplanationPanel(controller))
        widget.resize(700, 500)
        return widget
    return make


def choose(panel, text):
    """Pick a through node in the combo, as the user does."""
    panel.through.setCurrentIndex(panel.through.findText(text))
    panel.through.activated.emit(panel.through.currentIndex())


def test_nothing_selected_says_what_to_do(panel):
    p = panel(FAN_OUT)
    assert "Click an entry" in p.heading.text() and p.text() == "" and not p.through.isEnabled()


def test_a_value_used_twice_shows_each_path_then_the_sum(panel):
    p = panel(FAN_OUT)
    p.controller.select_entry(("a", (0, 0), True))
    lines = p.scalar.text().split("\n")
    assert lines[0].startswith("∂L/∂a₁₁ = ∂L/∂d₁₁·b₁₁ + ∂L/∂d₁₂·b₁₂ + ∂L/∂e₁₁")
    assert lines[1].startswith("  path a → d: ∂L/∂d₁₁·b₁₁ + ∂L/∂d₁₂·b₁₂ = ")
    assert lines[2].startswith("  path a → e: ∂L/∂e₁₁")
    assert p.terms.count() == 3


def test_the_through_node_can_be_changed_and_a_bad_one_is_explained_in_place(panel):
    p = panel(FAN_OUT)
    p.controller.select_entry(("a", (0, 0), True))
    assert [p.through.itemText(i) for i in range(p.through.count())] == [DEFAULT_THROUGH, "d", "e"]
    choose(p, "d")
    assert p.controller.view.through == "d"
    assert "the path a → e avoids it" in p.scalar.text() and p.terms.count() == 0
    choose(p, "e")
    assert p.scalar.text().startswith("∂L/∂a₁₁ = ∂L/∂e₁₁")
    choose(p, DEFAULT_THROUGH)
    assert p.controller.view.through is None and "path a → d" in p.scalar.text()


def test_the_seed_through_its_hidden_node(panel):
    p = panel("a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c")
    p.controller.select_entry(("a", (0, 0), True))
    choose(p, "t1")
    assert p.scalar.text().startswith("∂L/∂a₁₁ = ∂L/∂t1₁₁·b₁₁ + ∂L/∂t1₁₂·b₁₂ = ")


def test_long_sums_list_the_first_terms_and_the_last(panel):
    p = panel("a = randn(2, 9)\nb = randn(9, 2)\nd = a @ b")
    p.controller.select_entry(("d", (0, 0), False))
    texts = [p.terms.item(i).text() for i in range(p.terms.count())]
    assert len(texts) == 5 and texts[3] == "… (9 terms)" and texts[4].startswith("a₁₉b₉₁ = ")


def test_an_input_entry_is_given_not_computed(panel):
    p = panel("a = randn(2, 2)\nd = a * 2")
    p.controller.select_entry(("a", (0, 1), False))
    value = p.controller.session.records.values["a"][0, 1]
    assert p.scalar.text() == p.text() == f"a₁₂ = {number(value)}: an input, given, not computed"
    assert [r.role for r in p.controller.selection.ranges] == ["selected"]


@pytest.mark.parametrize("text,start,entry,says", [
    ("h = tanh(a)\ny = h * 2", "h", ("h", (0, 0), True), "∂L/∂h = G, the upstream gradient"),
    ("d = a @ b\ne = a * 2", None, ("b", (0, 0), True), "no path"),
    ("d = a @ b", None, ("a", (0, 0), False), "an input: given, not computed"),
])
def test_the_matrix_level_says_why_there_is_no_rule(text, start, entry, says):
    import engine
    from gui.model.selection import Selected
    session = engine.Session(text, start=start)
    session.seek(session.total)
    assert says in Selected(session, entry).no_rule_reason()
