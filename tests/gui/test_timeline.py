"""The timeline: one mark per step, grouped by kind; click or drag to jump."""
from PySide6.QtCore import QPoint, Qt

from gui.panels.timeline import GAP, Timeline


def make_timeline(shown, controller, width=400):
    timeline = Timeline(controller)
    timeline.resize(width, 24)
    return shown(timeline)


def at(timeline, cursor):
    return QPoint(int(timeline.centres()[cursor]), timeline.height() // 2)


def test_one_mark_per_step_grouped_by_kind(qtbot, controller, shown):
    timeline = make_timeline(shown, controller)
    assert timeline.kinds() == ["start", "forward", "forward", "seed"] + ["backward"] * 4
    xs = timeline.centres()
    steps = [b - a for a, b in zip(xs, xs[1:])]
    # ○ │ ● ● │ ● │ ● ● ● ●: a wider gap wherever the kind changes
    assert [round(s - min(steps)) for s in steps] == [GAP, 0, GAP, GAP, 0, 0, 0]


def test_click_jumps_to_that_step(qtbot, controller, shown):
    timeline = make_timeline(shown, controller)
    with qtbot.waitSignal(controller.step_changed) as signal:
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=at(timeline, 5))
    assert signal.args == [5] and controller.session.cursor == 5
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=at(timeline, 0))
    assert controller.session.cursor == 0


def test_drag_follows_the_mouse(qtbot, controller, shown):
    timeline = make_timeline(shown, controller)
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=at(timeline, 1))
    for cursor in (2, 4, 7):
        qtbot.mouseMove(timeline, at(timeline, cursor))
        qtbot.waitUntil(lambda c=cursor: controller.session.cursor == c)
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=at(timeline, 7))
    assert controller.session.cursor == 7


def test_marks_follow_a_new_program(qtbot, controller, shown):
    timeline = make_timeline(shown, controller)
    controller.apply_text("h = relu(a @ b)\nloss = sum(h)")
    assert timeline.kinds().count("forward") == 3
    assert timeline.kinds().count("seed") == 1


def test_a_narrow_timeline_squeezes_the_marks_in(controller, shown):
    controller.apply_text("\n".join(f"x{i} = a * {i + 1}" for i in range(40)) + "\ny = x0 + x39")
    timeline = make_timeline(shown, controller, width=300)
    assert timeline.centres()[-1] < 300


def test_each_mark_names_its_step(controller, shown):
    timeline = make_timeline(shown, controller)
    assert timeline.step_text(6) == "step 6/7: ∂L/∂a = ∂L/∂t1 @ bᵀ  (matmul, input a)"
    assert timeline.step_text(0).startswith("inputs only")
