"""Every example's canvas reads at fit, at the sizes and scales a lecture is given at, light and
dark: no canvas label (name, op, shape, corner marks, stubs) renders under 10 px × presentation
scale; a graph too wide for that wraps into bands and the view fits their width.

The windows are test_readable_matrix's: one per scale and theme, the examples reloaded into it."""
import pytest

from gui import style
from tests.gui.test_readable_matrix import SIZES, open_example, studio  # noqa: F401  (studio: the fixture)
from tests.golden.pictures import EXAMPLE_SELECTIONS


def rendered_label_px(view):
    """(item, smallest label px on screen) for every canvas item that draws a label."""
    scale = view.transform().m11()
    items = [*view.scene().nodes.values(), *view.scene().edges.values()]
    return [(item, min(f.pixelSize() for f in item.label_fonts()) * scale) for item in items if item.label_fonts()]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("file", sorted(EXAMPLE_SELECTIONS))
def test_every_canvas_label_reads_at_fit_across_the_whole_width(studio, file, size):  # noqa: F811
    open_example(studio, file, size)
    view = studio.graph_view
    view.fit()
    least = style.CANVAS_MIN_LABEL_PX * style.FONT_SCALE
    labels = rendered_label_px(view)
    assert len(labels) >= len(view.scene().nodes)
    small = [(getattr(item, "node_id", None), round(px, 1)) for item, px in labels if px < least - 1e-6]
    assert not small, f"{file}: labels under {least} px: {small[:5]}"
    content = view.scene().content_rect()   # and the whole width is seen: nothing cut at a side
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert seen.left() <= content.left() and seen.right() >= content.right(), (file, content, seen)


@pytest.mark.parametrize("file", ["mlp5.txt", "backprop_ninja.txt"])
def test_a_long_example_wraps_and_the_view_fits_its_width_showing_its_start(studio, file):  # noqa: F811
    open_example(studio, file, SIZES[1])
    view = studio.graph_view
    content = view.scene().content_rect()
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert content.height() > content.width()                   # wrapped: taller than wide
    assert seen.left() <= content.left() and seen.right() >= content.right()
    assert seen.top() <= content.top() < seen.bottom() < content.bottom()   # the top shown, the rest below
