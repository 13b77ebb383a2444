"""A large program on the canvas: its places are made off the UI thread, the old picture kept
until they arrive; a long chain fills the canvas in bands rather than a thin line."""
import threading

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt

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


# -- a large graph's items are made as they come into sight ---------------------------------------
@pytest.fixture
def chain(qtbot, view, controller):
    """The long chain laid out on the canvas, fitted to its width (its top bands in sight)."""
    controller.apply_text(chain_text(STATEMENTS))
    qtbot.waitUntil(controller.layout_ready, timeout=60_000)
    qtbot.waitUntil(lambda: not view.waiting and f"h{STATEMENTS}" in names_of(view.scene().nodes),
                    timeout=60_000)
    return view


def names_of(nodes):
    """The names of the graph's nodes, made or not (ids follow the statement's name: `h3:…`)."""
    return {n.split(":")[0] for n in nodes}


def node_id(view, name):
    return view.graph.graph["ids"][name]


def pan_to(qtbot, view, scene_point):
    """Middle-drag the canvas, a viewport's height at most per drag, until `scene_point` is in the middle."""
    centre = view.viewport().rect().center()
    for _ in range(200):
        delta = view.mapFromScene(scene_point) - centre
        if delta.manhattanLength() <= 2:
            return
        step = QPoint(max(-300, min(300, delta.x())), max(-300, min(300, delta.y())))
        qtbot.mousePress(view.viewport(), Qt.MiddleButton, pos=centre)
        qtbot.mouseMove(view.viewport(), pos=centre - step)
        qtbot.mouseRelease(view.viewport(), Qt.MiddleButton, pos=centre - step)
    raise AssertionError(f"could not pan to {scene_point}")


def in_sight(view):
    """The ids of the nodes whose boxes meet what the view shows."""
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    return {n for n in view.scene().nodes if view.scene().boxes[n].intersects(seen)}


def test_a_long_chain_makes_the_items_in_sight_first(chain):
    scene = chain.scene()
    assert in_sight(chain) <= set(scene.nodes.made)
    assert node_id(chain, f"h{STATEMENTS}") not in scene.nodes.made   # far down: made once in sight
    assert len(scene.nodes.made) < len(scene.nodes) / 2


def test_panning_to_a_far_band_shows_its_nodes_styled_with_their_labels(qtbot, chain, controller):
    far = node_id(chain, f"h{STATEMENTS - 5}")
    controller.seek(controller.session.total)   # every gradient done: the far nodes show it too
    pan_to(qtbot, chain, QPointF(*chain.scene().positions[far]))
    scene = chain.scene()
    assert far in in_sight(chain) <= set(scene.nodes.made)
    item = scene.nodes.made[far]
    assert item.scene() is scene and chain.itemAt(chain.mapFromScene(item.scenePos())) is item
    assert item.state.grad == "done" and item.state.has_value and item.thumbnail.shown.is_grad
    assert [f.pixelSize() for f in item.label_fonts()]   # name and shape drawn: its labels
    wires = [edge for key, edge in scene.edges.made.items() if key[1] == far or key[0] == far]
    assert wires and all(edge.state.kind == "flowed" for edge in wires)


def test_clicking_a_far_node_selects_it_and_a_far_selection_waits_for_its_node(qtbot, chain, controller):
    controller.select_node(f"h{STATEMENTS - 2}")   # as a click on a heatmap does, far out of sight
    far, other = node_id(chain, f"h{STATEMENTS - 2}"), node_id(chain, f"h{STATEMENTS - 8}")
    assert far not in chain.scene().nodes.made
    pan_to(qtbot, chain, QPointF(*chain.scene().positions[far]))
    assert chain.scene().nodes.made[far].isSelected()
    pan_to(qtbot, chain, QPointF(*chain.scene().positions[other]))
    place = QPointF(*chain.scene().positions[other])
    qtbot.mouseClick(chain.viewport(), Qt.LeftButton, pos=chain.mapFromScene(place))
    assert controller.selected_node == f"h{STATEMENTS - 8}"
    assert chain.scene().selected_nodes() == {other}


def test_fit_sees_the_whole_width_of_the_items_not_made_yet(qtbot, chain):
    scene = chain.scene()
    qtbot.keyClick(chain, Qt.Key_F)
    before = chain.transform()
    from_places = scene.content_rect()
    made = QRectF()
    for node in scene.nodes.values():   # asking for every item makes it
        made |= node.sceneBoundingRect()
    for key, edge in scene.edges.items():
        if key in scene.stubs:
            made |= edge.sceneBoundingRect()
    assert len(scene.nodes.made) == len(scene.nodes) and from_places == made
    qtbot.keyClick(chain, Qt.Key_F)
    assert chain.transform() == before


def test_zooming_out_makes_every_item_it_shows(qtbot, chain):
    for _ in range(12):
        qtbot.wait(1)
        chain.zoom(0.5)
    assert in_sight(chain) <= set(chain.scene().nodes.made)
