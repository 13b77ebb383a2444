"""Long layouts wrap into bands that fit the canvas's width, stacked top to bottom."""
import engine
from gui import style
from gui.model.layout import layered_layout, program_graph
from gui.model.wrap import band_width, crossing_edges, strips, wrap_bands
from tests.model.test_layout import assert_no_overlaps

CHAIN = "\n".join(["h0 = randn(8, 8)", "w = randn(8, 8)"] + [f"h{i} = tanh(h{i - 1} @ w)" for i in range(1, 501)])
SIZES = {n: (40.0, 20.0) for n in "abcdef"}


def row(count, step=100.0):
    """`count` nodes in one row, `step` apart."""
    return {n: (i * step, 0.0) for i, n in enumerate("abcdef"[:count])}


def extent(positions, sizes):
    xs = [(x - sizes[n][0] / 2, x + sizes[n][0] / 2) for n, (x, _) in positions.items()]
    return min(a for a, _ in xs), max(b for _, b in xs)


def test_a_layout_that_fits_is_left_alone():
    assert wrap_bands(row(3), SIZES, 300.0, 30.0) == row(3)


def test_a_wide_row_wraps_into_equal_bands_each_within_the_width_and_starting_at_the_left():
    placed = wrap_bands(row(6), SIZES, 250.0, 30.0)
    ys = sorted({y for _, y in placed.values()})
    assert ys == [0.0, 50.0, 100.0]                     # three bands, each 20 high and 30 apart
    for y in ys:
        band = {n: p for n, p in placed.items() if p[1] == y}
        left, right = extent(band, SIZES)
        assert left == -20.0 and right - left <= 250.0 and len(band) == 2


def test_bands_read_like_lines_of_text():
    placed = wrap_bands(row(6), SIZES, 250.0, 30.0)
    order = sorted(placed, key=lambda n: (placed[n][1], placed[n][0]))
    assert order == list("abcdef")


def test_strips_tell_the_bands_apart_and_a_single_row_is_one_strip():
    placed = wrap_bands(row(6), SIZES, 250.0, 30.0)
    assert strips(placed, SIZES, 30.0) == dict(zip("abcdef", [0, 0, 1, 1, 2, 2]))
    assert set(strips(row(6), SIZES, 30.0).values()) == {0}


def test_the_thousand_node_chain_fills_the_canvas_in_bands_with_stubs_between_them():
    graph = program_graph(engine.parse(CHAIN))
    positions = layered_layout(graph)
    sizes = {n: graph.nodes[n]["size"] for n in graph}
    left, right = extent(positions, sizes)
    assert right - left <= band_width() - style.CANVAS_STUB_ROOM
    bands = strips(positions, sizes, style.CANVAS_BAND_GAP)
    assert max(bands.values()) > 50                     # many bands, not a one-pixel line
    assert_no_overlaps(graph, positions)
    stubs = crossing_edges(graph, positions)
    assert stubs and all(bands[u] != bands[v] for u, v, _ in stubs)


def test_a_wrapped_layout_leaves_room_for_its_stubs_labels():
    placed = wrap_bands(row(6), SIZES, 250.0, 30.0, stub_room=60.0)
    for y in {y for _, y in placed.values()}:
        left, right = extent({n: p for n, p in placed.items() if p[1] == y}, SIZES)
        assert right - left <= 190.0


def test_a_last_narrow_column_joins_the_band_before():
    positions = {**row(5), "f": (430.0, 0.0)}
    placed = wrap_bands(positions, SIZES, 300.0, 30.0)
    assert placed["f"][1] == placed["e"][1] and placed["f"][0] > placed["e"][0]
