"""A large program on the canvas: its places are made off the UI thread, the old picture kept
until they arrive; a long chain fills the canvas in bands rather than a thin line."""
import threading

import pytest

import gui.model.shown as shown_module
from gui.app.layout_worker import LARGE
from gui.canvas.view import GraphView

STATEMENTS = LARGE // 2 + 10   # two equations each: past LARGE nodes


def chain_text(statements):
    """h0 = randn(8, 8), w = randn(8, 8), then h1 = tanh(h0 @ w) … (as bench/app_chain.py)."""
    lines = ["h0 = randn(8, 8)", "w = randn(8, 8)"]
    return "\n".join(lines + [f"h{i} = tanh(h{i - 1} @ w)" for i in range(1, statements + 1)])


@pytest.fixture
def view(shown, controller):
    return shown(GraphView(controller), (900, 600))


def test_a_large_layout_is_made_off_the_ui_thread_and_the_old_items_stay_until_it_arrives(
        qtbot, monkeypatch, view, controller):
    threads, release = [], threading.Event()
    real = shown_module.layered_layout

    def held_layout(graph, previous=None):
        threads.append(threading.current_thread())
        release.wait(timeout=60)
        return real(graph, previous)

    monkeypatch.setattr(shown_module, "layered_layout", held_layout)
    seed_items = dict(view.scene().nodes)
    controller.apply_text(chain_text(STATEMENTS))
    controller.step_forward()   # the window goes on answering meanwhile
    qtbot.wait(50)
    assert view.scene().nodes == seed_items and all(item.scene() is view.scene() for item in seed_items.values())
    with qtbot.waitSignal(controller.laid_out, timeout=60_000):
        release.set()
    assert threads == [threads[0]] and threads[0] is not threading.main_thread()
    names = {item.data["name"] for item in view.scene().nodes.values()}
    assert {"h0", "w", f"h{STATEMENTS}"} <= names and "d" not in names
    state = view.scene().nodes[controller.shown.graph.graph["ids"]["t1"]].state
    assert state.has_value and state.active   # styled at step 1: t1 = h0 @ w


def test_a_small_layout_is_made_at_once(view, controller):
    controller.apply_text(chain_text(5))
    assert controller.layout_ready() and "h5" in {i.data["name"] for i in view.scene().nodes.values()}


def test_a_long_chain_fills_the_canvas_in_bands(qtbot, view, controller):
    controller.apply_text(chain_text(STATEMENTS))
    qtbot.waitUntil(controller.layout_ready, timeout=60_000)
    qtbot.waitUntil(lambda: len(view.scene().nodes) > 2 * STATEMENTS, timeout=60_000)
    rect = view.scene().content_rect()
    assert rect.height() > rect.width() / 4   # bands stacked, not one line
    assert view.transform().m11() >= 0.5      # fitted to its width at a legible scale
