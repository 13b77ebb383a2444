"""Σ x over all entries, or over one axis: ∂L/∂x = ∂L/∂y broadcast back over what was summed."""
import numpy as np

from .. import influence as I
from ..rules import derived
from ._base import OpDef
from ._reduce import (AXIS_SAMPLES, REDUCE_DEFAULTS, REDUCE_PARAMS, expand_source, expand_to, reduced, reduction,
                      sum_form)


def forward(x, axis=None, keepdims=False):
    """np.sum without its Python wrapper (this runs on every bias and batch-norm step)."""
    return np.add.reduce(x, axis=axis, keepdims=keepdims)


def vjp(g, out, x, axis=None, keepdims=False):
    return expand_to(g, x.shape, axis, keepdims)


OP = OpDef(
    "sum", "sum", forward, reduced,
    vjps=(vjp,),
    formulas=([derived("expand(∂L/∂{y})", vjp)],),
    influence=I.EntryRule((reduction(mean=False),), sum_form),
    description="Σ x over all entries, or over one axis",
    group="reduction", params=REDUCE_PARAMS, defaults=REDUCE_DEFAULTS, samples=AXIS_SAMPLES,
    numpy="np.sum({0}, axis={axis}, keepdims={keepdims})", torch="torch.sum({0}, dim={axis}, keepdim={keepdims})",
    numpy_vjps=(expand_source(mean=False),))
