"""x[arange(n), y]: one entry per row, at the row's label yᵢ (integer labels, never
differentiated). ∂L/∂x is zeros with ∂L/∂pᵢ at (i, yᵢ): the backward scatters."""
import numpy as np

from .. import influence as I
from .. import syntax as S
from ..factors import constant
from ..rules import derived
from ._base import OpDef, ShapeRule, within


def forward(x, y, rows):
    return x[np.arange(rows), within(y, x)]


def pick_shape(x, y, rows):
    if len(x) != 2 or y != (rows,) or x[0] != rows:
        raise ShapeRule(f"x[arange({rows}), y] needs x with {rows} rows and {rows} labels y, got {x} and {y}")
    return (rows,)


def scatter(g, out, x, y, rows):
    grad = np.zeros(np.shape(x), dtype=np.result_type(g, float))
    grad[np.arange(rows), y] = g
    return grad


def labels(site):
    return np.asarray(site.values[1]).astype(int)


def feeds_x(site, i, idx):
    """x[r, c] feeds p[r] when c is row r's label, with local 1."""
    cols = site.shape(0)[1]
    row, col = np.divmod(idx, cols)
    src = np.flatnonzero(labels(site)[row] == col)
    return I.Effect(src, row[src], constant(1.0, "1", len(src)))


def feeds_labels(site, i, idx):
    """Labels choose entries; they get no gradient, so they feed nothing."""
    empty = np.zeros(0, dtype=int)
    return I.Effect(empty, empty, constant(1.0, "1", 0))


OP = OpDef(
    "pick", "[arange(n), y]", forward, pick_shape,
    vjps=(scatter, None),
    formulas=([derived("scatter(∂L/∂{y}) into zeros at the labels", scatter)], []),
    influence=I.EntryRule((feeds_x, feeds_labels),
                          lambda ex, site, flat: ex(0, flat * site.shape(0)[1] + int(labels(site)[flat]))),
    description="x[arange(n), y]: one entry per row, at the row's label y; its backward scatters into zeros",
    notation="subscript", group="loss", params=("rows",), labels=(1,),
    samples=({"rows": 2},),
    written=lambda args, params: S.Index(0, 0, args[0], (
        S.Call(0, 0, "arange", (S.Number(0, 0, params["rows"], str(params["rows"])),), ()), args[1])),
    numpy="{0}[np.arange({rows}), {1}]", torch="{0}[torch.arange({rows}), {1}]",
    numpy_vjps=("scatter({g}, {0}.shape, (np.arange({rows}), {1}))", None))
