"""x[i], x[i, j], x[:, j], x[i:k, j:l] with constant indices (negative ones count from the end):
the picked entries, local 1 each. Its backward scatters: ∂L/∂x is zeros with ∂L/∂y written into
the picked places."""
import numpy as np

from .. import influence as I
from .. import syntax as S
from ..factors import constant
from ..rules import derived
from ._base import OpDef, ShapeRule


def key(at):
    """The numpy index of an `at` spec: whole numbers and ('slice', start, stop)."""
    return tuple(slice(a[1], a[2]) if isinstance(a, tuple) else a for a in at)


def forward(x, at):
    return x[key(at)]


def index_shape(shape, at):
    if len(at) > len(shape):
        raise ShapeRule(f"{len(at)} indices for an array of {len(shape)} dimension(s) {shape}")
    try:
        out = np.broadcast_to(np.empty(()), shape)[key(at)].shape
    except IndexError:
        raise ShapeRule(f"index out of range for shape {shape}") from None
    if 0 in out:
        raise ShapeRule(f"the slice picks no entries of shape {shape}")
    return out


def scatter(g, out, x, at):
    grad = np.zeros(np.shape(x), dtype=np.result_type(g, float))
    grad[key(at)] = g
    return grad


def picked(site):
    """Per output entry, the flat input entry it is."""
    shape = site.shape(0)
    return np.arange(int(np.prod(shape))).reshape(shape)[key(site.params["at"])].reshape(-1)


def feeds(site, i, idx):
    """An entry feeds the one output entry that picked it, with local 1; the others feed nothing."""
    where = np.full(int(np.prod(site.shape(0))), -1)
    where[picked(site)] = np.arange(int(np.prod(site.out_shape)))
    src = np.flatnonzero(where[idx] >= 0)
    return I.Effect(src, where[idx][src], constant(1.0, "1", len(src)))


def item_syntax(a):
    if not isinstance(a, tuple):
        return S.Number(0, 0, a, str(a))
    return S.Slice(0, 0, *(None if b is None else S.Number(0, 0, b, str(b)) for b in a[1:]))


OP = OpDef(
    "index", "[]", forward, index_shape,
    vjps=(scatter,),
    formulas=([derived("scatter(∂L/∂{y}) into zeros", scatter)],),
    influence=I.EntryRule((feeds,), lambda ex, site, flat: ex(0, int(picked(site)[flat]))),
    description="x[i, j:k]: entries picked by constant indices; its backward scatters ∂L/∂y into zeros",
    notation="subscript", group="matrix", params=("at",), samples=({"at": (0,)}, {"at": (("slice", None, None), -1)},
                                                             {"at": (("slice", 0, 1), ("slice", 1, None))}),
    written=lambda args, params: S.Index(0, 0, args[0], tuple(item_syntax(a) for a in params["at"])),
    aliases=True, numpy="{0}[{at}]", torch="{0}[{at}]",
    source_params=lambda params: {"at": ", ".join(S.render(item_syntax(a)) for a in params["at"])},
    numpy_vjps=("scatter({g}, {0}.shape, np.s_[{at}])",))
