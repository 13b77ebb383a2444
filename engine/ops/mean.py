"""The mean of x over all entries, or over one axis: ∂L/∂x = ∂L/∂y broadcast back, divided by N."""
import numpy as np

from .. import influence as I
from ..rules import derived
from ._base import OpDef
from ._reduce import (AXIS_SAMPLES, REDUCE_DEFAULTS, REDUCE_PARAMS, expand_source, expand_to, mean_form, reduced,
                      reduced_count, reduction)


def forward(x, axis=None, keepdims=False):
    """np.mean without its Python wrapper: the sum over the axis, divided by its length."""
    # the dtype of x as an array: a number written in the program (a Python float) is float64 here,
    # where result_type would take it as weak and give float32
    return np.true_divide(np.add.reduce(x, axis=axis, keepdims=keepdims), reduced_count(np.shape(x), axis),
                          dtype=np.result_type(np.asarray(x).dtype, np.float32))


def vjp(g, out, x, axis=None, keepdims=False):
    return expand_to(g / reduced_count(x.shape, axis), x.shape, axis, keepdims)


OP = OpDef(
    "mean", "mean", forward, reduced,
    vjps=(vjp,),
    formulas=([derived("expand(∂L/∂{y}) / N", vjp)],),
    influence=I.EntryRule((reduction(mean=True),), mean_form),
    description="mean of x over all entries, or over one axis",
    group="reduction", params=REDUCE_PARAMS, defaults=REDUCE_DEFAULTS, samples=AXIS_SAMPLES,
    numpy="np.mean({0}, axis={axis}, keepdims={keepdims})", torch="torch.mean({0}, dim={axis}, keepdim={keepdims})",
    numpy_vjps=(expand_source(mean=True),))
