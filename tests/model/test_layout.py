"""The canvas layout as plain data: layers, order, no overlaps, positions kept across edits."""
import itertools

import pytest

import engine
from bench.canvas import generated_program
from gui import style
from gui.canvas.routes import routes
from gui.model.layout import LOSS_ID, layered_layout, layers, program_graph
from gui.model.wrap import crossing_edges

SEED = "a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c"


def laid_out(text, previous=None):
    graph = program_graph(engine.parse(text))
    return graph, layered_layout(graph, previous)


def assert_no_overlaps(graph, positions):
    """No two boxes intersect (checked per column of equal x, then between neighbours in y)."""
    boxes = sorted((positions[n][0], positions[n][1], *graph.nodes[n]["size"]) for n in graph)
    for (x1, y1, w1, h1), (x2, y2, w2, h2) in itertools.combinations(boxes, 2) if len(boxes) < 60 else ():
        assert abs(x1 - x2) * 2 >= w1 + w2 or abs(y1 - y2) * 2 >= h1 + h2
    columns = {}
    for x, y, w, h in boxes:
        columns.setdefault(x, []).append((y, h))
    for column in columns.values():
        for (y1, h1), (y2, h2) in zip(column, column[1:]):
            assert y2 - y1 >= (h1 + h2) / 2


def test_seed_graph_has_one_node_per_value_and_one_edge_per_use():
    graph = program_graph(engine.parse(SEED))
    assert set(graph) == {"a", "b", "c", "d:a@b", "d:a@b+c", LOSS_ID}
    assert sorted((u, v) for u, v, _ in graph.edges(keys=True)) == [
        ("a", "d:a@b"), ("b", "d:a@b"), ("c", "d:a@b+c"), ("d:a@b", "d:a@b+c"), ("d:a@b+c", LOSS_ID)]
    assert graph.nodes["d:a@b"]["label"] == "@" and graph.nodes["d:a@b"]["name"] == "t1"


def test_a_value_used_twice_gets_two_edges_and_constants_their_own_nodes():
    graph = program_graph(engine.parse("h = randn(2, 2)\ny = h * h * 2"))
    assert graph.number_of_edges("h", "y:h*h") == 2
    consts = [n for n, data in graph.nodes(data=True) if data["kind"] == "const"]
    assert len(consts) == 1 and graph.nodes[consts[0]]["label"] == "2"


def test_seed_layers_read_left_to_right_like_the_sketch():
    graph, positions = laid_out(SEED)
    x = {n: p[0] for n, p in positions.items()}
    assert x["a"] == x["b"] < x["d:a@b"] == x["c"] < x["d:a@b+c"] < x[LOSS_ID]
    y = {n: p[1] for n, p in positions.items()}
    assert y["a"] < y["d:a@b"] < y["b"]          # t1 between its operands
    assert y["c"] > y["d:a@b"]                   # the bias joins from below
    assert abs(y["d:a@b+c"] - y["d:a@b"]) < 10   # the chain t1 → d stays about straight
    assert_no_overlaps(graph, positions)


def test_an_input_sits_just_before_its_first_consumer():
    graph = program_graph(engine.parse("x = randn(2, 2)\ny = relu(relu(relu(x)))\nz = y + b"))
    columns = layers(graph)
    ids = graph.graph["ids"]
    where = {name: i for i, column in enumerate(columns) for name, n in ids.items() if n in column}
    assert where["b"] == where["y"] == where["z"] - 1


def test_an_edit_keeps_the_positions_of_surviving_ids_and_places_the_new_node_beside_them():
    graph, before = laid_out(SEED)
    wrapped, after = laid_out(SEED.replace("a @ b + c", "relu(a @ b + c)"), before)
    for node in ("a", "b", "c", "d:a@b", "d:a@b+c"):
        assert after[node] == before[node]
    new = after["d:relu(a@b+c)"]
    assert new[0] > before["d:a@b+c"][0] and abs(new[1] - before["d:a@b+c"][1]) < 5
    assert after[LOSS_ID][0] > new[0]            # the loss marker follows the new output
    assert_no_overlaps(wrapped, after)


def test_a_new_node_never_lands_on_an_old_one():
    graph, before = laid_out(SEED)
    edited, after = laid_out(SEED + "\ne = d * c\nf = e + a", before)
    assert_no_overlaps(edited, after)


@pytest.mark.parametrize("nodes", [200, 1000])
def test_a_large_program_lays_out_without_overlaps(nodes):
    graph, positions = laid_out(generated_program(nodes))
    assert len(graph) >= nodes * 0.95 and set(positions) == set(graph)
    assert_no_overlaps(graph, positions)
    stubs = crossing_edges(graph, positions)
    for u, v, k in graph.edges(keys=True):
        assert (u, v, k) in stubs or positions[u][0] < positions[v][0]   # within a band, edges point right


def test_an_edge_spanning_layers_is_routed_around_the_nodes_between(monkeypatch):
    monkeypatch.setattr(style, "CANVAS_NARROWEST_PX", 10_000)   # one row: the edge spans the layers
    graph, positions = laid_out("h = randn(2, 2)\ne = h * h * 0.5 + h")
    ids = graph.graph["ids"]
    waypoints = routes(graph, positions)
    skip = (ids["h"], ids["e"], 1)
    assert set(waypoints) == {skip}
    for x, y in waypoints[skip]:
        for node in (ids["t1"], ids["t2"]):
            nx_, ny = positions[node]
            w, h = graph.nodes[node]["size"]
            assert abs(x - nx_) > w / 2 or abs(y - ny) > h / 2


def test_an_edge_within_a_band_of_a_wrapped_chain_heads_right_all_the_way():
    lines = ["h0 = randn(8, 8)", "w = randn(8, 8)"] + [f"h{i} = tanh(h{i - 1} @ w)" for i in range(1, 80)]
    graph, positions = laid_out("\n".join(lines))
    stubs = crossing_edges(graph, positions)
    assert stubs   # wrapped into bands
    waypoints = routes(graph, positions, stubs)
    assert waypoints   # the shared weight goes around the nodes of its band
    for (u, v, _), points in waypoints.items():
        xs = [positions[u][0], *(x for x, _ in points), positions[v][0]]
        assert xs == sorted(xs)


def test_badges_name_the_op_with_its_exponent_and_a_hole_is_an_unwired_port():
    graph = program_graph(engine.parse("a = randn(2, 2)\nb = a ** 2\nc = b.T @ ?"))
    labels = {data["name"]: data["label"] for _, data in graph.nodes(data=True) if data["kind"] == "eqn"}
    assert labels == {"b": "**2", "t1": "ᵀ", "c": "@"}
    c = graph.nodes["c:b.T@?"]
    assert c["ports"] == 2 and c["holes"] == (1,) and "not wired" in c["problem"]
    assert graph.in_degree("c:b.T@?") == 1
    graph_positions = layered_layout(graph)
    assert_no_overlaps(graph, graph_positions)
