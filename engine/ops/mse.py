"""mse(y, t) = mean((y − t)²) over all entries, a scalar: ∂L/∂y = 2 ∂L/∂m (y − t)/N = −∂L/∂t."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import Factor
from ..rules import derived
from ._base import OpDef, elementwise, writes_into


def mse_shape(y, t):
    elementwise(y, t)
    return ()


def joint(y, t):
    """mean((y − t)²), summed by the ufunc itself (np.mean's Python layer costs more than the
    sum at the sizes a learner steps through), and the residual y − t both VJPs reuse."""
    diff = np.subtract(y, t)
    return np.add.reduce(np.square(diff), axis=None) / diff.size, diff


def mse(y, t):
    return joint(y, t)[0]


@writes_into
def residual(g, out, y, t, sign=1.0, saved=None, into=None):
    """g · ∂mse/∂y = g · 2(y − t)/N; with sign −1, g · ∂mse/∂t. The scalar factor is formed
    first, so each input costs one product over the entries, and the subtraction too unless the
    pass saved y − t. g is a 0-d array (mse is a scalar): its scalar g[()] multiplies by numpy's
    scalar arithmetic, the same product in the same dtype for half a ufunc call's cost."""
    diff = np.subtract(y, t) if saved is None else saved
    return np.multiply(g[()] * (sign * 2.0 / diff.size), diff, out=into)


@writes_into
def residual_t(g, out, y, t, saved=None, into=None):
    """g · ∂mse/∂t = −g · 2(y − t)/N (see residual)."""
    return residual(g, out, y, t, -1.0, saved, into)


def residual_source(sign):
    """residual as exported numpy source, its scale 2/N (N the broadcast size) written as a number."""
    def source(shapes, params):
        scale = sign * 2.0 / int(np.prod(np.broadcast_shapes(*shapes)))
        return f"({{g}} * {scale!r}) * ({{0}} - {{1}})"
    return source


def feeds(sign):
    """Every entry feeds the scalar, local ±2(y − t)/N over the broadcast shape."""
    def rule(site, i, idx):
        shape = np.broadcast_shapes(site.shape(0), site.shape(1))
        count = int(np.prod(shape))
        src, flat = I.stretch(idx, site.shape(i), shape)
        (y, ry), (t, rt) = I.operand_at(site, 0, flat, shape), I.operand_at(site, 1, flat, shape)
        text = ("" if sign > 0 else "−") + f"2({{0}} − {{1}})/{count}"
        return I.Effect(src, np.zeros_like(flat), Factor(sign * 2 * (y - t) / count, (text,), (ry, rt)))
    return rule


def scalar_form(ex, site, flat):
    """mse = Σ (yᵢ − tᵢ)² / N over the broadcast shape."""
    shape = np.broadcast_shapes(site.shape(0), site.shape(1))
    count = int(np.prod(shape))
    squares = []
    for k in range(count):
        y, t = (ex(j, int(I.source(np.array([k]), shape, site.shape(j))[0])) for j in (0, 1))
        squares.append(S.power(S.total([y, t], [1, -1]), 2))
    return S.quotient(S.total(squares, [1] * count), S.num(str(count), count))


OP = OpDef(
    "mse", "mse", mse, mse_shape,
    vjps=(residual, residual_t),
    formulas=([derived("2(∂L/∂{y})({0} − {1})/N", residual)],
              ["−", derived("2(∂L/∂{y})({0} − {1})/N", residual)]),
    influence=I.EntryRule((feeds(1), feeds(-1)), scalar_form),
    description="mean((y − t)²) over all entries, a scalar",
    group="loss", joint=joint,
    numpy="np.mean(({0} - {1}) ** 2)", torch="torch.mean(({0} - {1}) ** 2)",
    numpy_vjps=(residual_source(1), residual_source(-1)))
