"""What the selection outlines, and drawing it on every heatmap shown.

The marks are engine Ranges (name, kind, rows, cols, role): the selection's own ranges; only the
hovered term's pair of cells; or, in predict-first mode, the question (the selected cell hidden)
with the learner's picks, then the verdict (right, missing, extra). A heatmap outlines the marks
of the array it stands for, each range with one item (a transposed view gets them swapped).

In the equation of a step that computes the selected entry (or a contribution to it), each matrix
outlines instead exactly the cells the engine says feed the entry through that step
(engine.step_cells): for `∂L/∂a += aᵀ @ ∂L/∂t1` and ∂L/∂a₁₂, row 1 of aᵀ and column 2 of ∂L/∂t1,
not every cell of a that feeds ∂L/∂a₁₂ some other way."""
import numpy as np

from engine import block_ranges


def marks(controller, hovered=None):
    """The ranges to outline now, from the controller's selection and prediction."""
    selection, prediction = controller.selection, controller.prediction
    if selection is None:
        return []
    selected = [r for r in selection.ranges if r.role == "selected"]
    shapes = {n: v.shape for n, v in selection.session.records.values.items()}
    if prediction.hidden(selection):
        picks = entry_ranges(prediction.picks, "picked", shapes)
        return [r._replace(role="hidden") for r in selected] + picks
    if hovered is not None:
        return selected + selection.term_ranges(hovered)
    cells = prediction.verdicts(selection)[1]
    if cells is not None:
        return selected + [r for role in ("right", "missing", "extra")
                           for r in entry_ranges(getattr(cells, role), role, shapes)]
    return list(selection.ranges)


def entry_ranges(entries, role, shapes):
    """Entries (name, index, is_grad) as few ranges: a picked or missing row is one outline."""
    from gui.model.selection import cell_range   # loaded with the first selection
    by_array = {}
    for name, index, is_grad in entries:
        by_array.setdefault((name, is_grad), []).append(index)
    out = []
    for (name, is_grad), indices in sorted(by_array.items()):
        shape = shapes[name]
        kind = "grad" if is_grad else "value"
        if not shape:
            out.append(cell_range(name, kind, (), role))
            continue
        flat = np.ravel_multi_index(np.array(indices).T, shape)
        out += block_ranges(name, kind, flat, shape, role)
    return out


def outline_all(heatmaps, found, shapes):
    """Outline on each heatmap the ranges of the array it shows (none on the others)."""
    by_array = {}
    for r in found:
        by_array.setdefault((r.name, r.kind == "grad"), []).append(r)
    for heatmap in heatmaps:
        source = heatmap.source
        if source is None:
            heatmap.clear_outline()
            continue
        name, is_grad, transposed = source
        swap = transposed and len(shapes.get(name, ())) == 2
        heatmap.outline([(r.cols, r.rows, r.role) if swap else (r.rows, r.cols, r.role)
                         for r in by_array.get((name, is_grad), ())])


def step_marks(controller, hovered=None):
    """The cells of the current step's equation that feed the selection through it (a StepCells),
    or None: no selection, a step that does not compute it, or other marks shown instead (a
    hovered term, a hidden question, a verdict)."""
    selection, prediction = controller.selection, controller.prediction
    if selection is None or hovered is not None or prediction.hidden(selection):
        return None
    if prediction.verdicts(selection)[1] is not None:
        return None
    return selection.step_cells(selection.session.cursor)


def outline_step(heatmaps, found):
    """Outline on each matrix of the step's equation its own cells of `found` (by position)."""
    operands = found.operands
    for heatmap in heatmaps:
        part = heatmap.part
        cells = found.result if part == "result" else operands[part] if isinstance(part, int) else None
        if cells is None:
            heatmap.clear_outline()
            continue
        role = "selected" if cells.kind == "result" else "upstream" if cells.grad else "factor"
        swap = cells.transposed and len(cells.shape) == 2
        heatmap.outline([(cols, rows, role) if swap else (rows, cols, role) for rows, cols in cells.blocks()])
