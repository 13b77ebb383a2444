"""The timeline: one mark per step, grouped by kind; click or drag to jump, the wheel steps;
thousands of steps fit."""
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

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


def long_chain(controller, statements=300):
    lines = ["h0 = randn(2, 2)", "w = randn(2, 2)"]
    lines += [f"h{i} = tanh(h{i - 1} @ w)" for i in range(1, statements + 1)]
    controller.apply_text("\n".join(lines))


def test_thousands_of_steps_fit_and_a_click_finds_the_nearest(controller, shown):
    long_chain(controller)
    timeline = make_timeline(shown, controller, width=500)
    xs = timeline.centres()
    assert len(xs) == controller.session.total + 1 > 1000
    assert xs == sorted(xs) and xs[-1] < 500
    for cursor in (0, 1, 600, len(xs) - 1):
        assert timeline.step_at(xs[cursor]) == cursor
        assert timeline.step_at(xs[cursor] + 0.01) == cursor
    assert timeline.step_at(-50) == 0 and timeline.step_at(10_000) == len(xs) - 1


def test_the_current_step_stays_in_view_as_a_click_seeks_among_thousands(qtbot, controller, shown):
    long_chain(controller)
    timeline = make_timeline(shown, controller, width=500)
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(250, timeline.height() // 2))
    cursor = controller.session.cursor
    assert 0 < cursor < controller.session.total
    assert abs(timeline.centres()[cursor] - 250) < 1   # the step under the click, drawn where clicked


def test_the_wheel_steps_one_step_at_a_time(qtbot, controller, shown):
    timeline = make_timeline(shown, controller)
    controller.seek(3)
    wheel(timeline, -120)
    assert controller.session.cursor == 4
    wheel(timeline, 120)
    wheel(timeline, 120)
    assert controller.session.cursor == 2


def wheel(widget, delta):
    """A wheel turn over the widget's middle (negative: towards the user)."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, widget.mapToGlobal(centre), QPoint(0, 0), QPoint(0, delta),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)
