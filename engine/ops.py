"""The op registry: per op its symbol, forward, shape rule, one VJP per input and the matrix
formula of each VJP, side by side. Adding an op touches this file only.

Every VJP has the signature `(g, out, *inputs, **params) -> gradient for that input`, where g is
∂L/∂out; broadcasting is undone by the caller (`broadcast.unbroadcast`), never here."""
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from . import closed_form as C
from . import influence as I
from . import scalar as S
from .broadcast import broadcast_shapes
from .rules import GRAD, OUT, Term, derived, value


class ShapeRule(Exception):
    """Raised by a shape rule; the program prefixes the equation it came from."""


@dataclass(frozen=True)
class OpDef:
    name: str
    symbol: str           # how it is written: '@', '+', or the function's name
    arity: int
    forward: Callable
    infer: Callable       # (*shapes, **params) -> output shape, or raises ShapeRule
    vjps: tuple           # one per input: (g, out, *inputs, **params) -> ∂L/∂input
    formulas: tuple       # one per input: the parts of the rule (operators and rules.Terms)
    params: tuple = ()    # keyword parameters it takes (`axis`), or ('exponent',) for **
    description: str = ""
    influence: object = field(default=None, compare=False)  # per-entry rule, see attribution


REGISTRY = {}


def defop(name, symbol, forward, infer, vjps, formulas, params=(), description="", influence=None):
    REGISTRY[name] = OpDef(name, symbol, len(vjps), forward, infer, tuple(vjps), tuple(formulas),
                           tuple(params), description, influence)


def lookup(name):
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown op {name!r}; known ops: {', '.join(sorted(REGISTRY))}") from None


# ---- shape rules -------------------------------------------------------------------------

def same_shape(shape, **params):
    return shape


def elementwise(*shapes):
    out = broadcast_shapes(*shapes)
    if out is None:
        raise ShapeRule("shapes " + " and ".join(map(str, shapes)) + " do not broadcast")
    return out


def check_axis(shape, axis):
    if axis is not None and not -len(shape) <= axis < len(shape):
        raise ShapeRule(f"axis {axis} is out of range for shape {shape}")


def reduced(shape, axis=None):
    check_axis(shape, axis)
    if axis is None:
        return ()
    axis %= len(shape)
    return shape[:axis] + shape[axis + 1:]


def softmax_shape(shape, axis=-1):
    if not shape:
        raise ShapeRule("softmax needs a vector or a matrix, got a scalar")
    check_axis(shape, axis)
    return shape


def matmul_shape(x, w):
    if not x or not w:
        raise ShapeRule("@ needs a vector or a matrix on each side, got a scalar")
    inner_x, inner_w = x[-1], (w[0] if len(w) == 1 else w[-2])
    if inner_x != inner_w:
        raise ShapeRule(f"inner dimensions {inner_x} and {inner_w} differ ({x} @ {w})")
    return x[:-1] + w[1:]


def mse_shape(y, t):
    elementwise(y, t)
    return ()


# ---- helpers shared by several VJPs --------------------------------------------------------

def expand_to(g, shape, axis):
    """Broadcast a reduced gradient back over the reduced axis (or all axes)."""
    if axis is not None:
        g = np.expand_dims(g, axis)
    return np.broadcast_to(g, shape)


def reduced_count(shape, axis):
    return int(np.prod(shape)) if axis is None else shape[axis]


def matmul_vjp_x(g, out, x, w):
    if w.ndim == 1:
        return np.multiply.outer(g, w)
    return g @ w.T


def matmul_vjp_w(g, out, x, w):
    if x.ndim == 1:
        return np.multiply.outer(x, g)
    return x.T @ g


def relu_mask(g, out, x):
    return (x > 0).astype(g.dtype)


def mse_residual(g, out, y, t, sign=1.0):
    """g · ∂mse/∂y = g · 2(y − t)/N; with sign −1, g · ∂mse/∂t. The scalar factor is formed
    first, so each input costs one subtraction and one product over the entries."""
    diff = np.subtract(y, t)
    return (g * (sign * 2.0 / diff.size)) * diff


def softmax(x, axis=-1):
    shifted = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


# ---- elementwise arithmetic ----------------------------------------------------------------

defop("add", "+", np.add, elementwise,
      [lambda g, out, x, y: g, lambda g, out, x, y: g],
      [[GRAD], [GRAD]], description="x + y, elementwise with broadcasting",
      influence=I.EntryRule((I.ONE, I.ONE), S.binary(lambda x, y: S.total([x, y], [1, 1]))))
defop("sub", "-", np.subtract, elementwise,
      [lambda g, out, x, y: g, lambda g, out, x, y: -g],
      [[GRAD], ["−", GRAD]], description="x − y, elementwise with broadcasting",
      influence=I.EntryRule((I.ONE, I.MINUS_ONE), S.binary(lambda x, y: S.total([x, y], [1, -1]))))
defop("mul", "*", np.multiply, elementwise,
      [lambda g, out, x, y: g * y, lambda g, out, x, y: g * x],
      [[GRAD, "⊙", value(1)], [GRAD, "⊙", value(0)]], description="x ⊙ y, elementwise product",
      influence=I.EntryRule((I.pointwise(I.other),) * 2, S.binary(S.product)))
defop("div", "/", np.divide, elementwise,
      [lambda g, out, x, y: g / y, lambda g, out, x, y: -g * x / (y * y)],
      [[GRAD, "⊘", value(1)], ["−", GRAD, "⊙", value(0), "⊘", derived("{1}²", lambda g, o, x, y: y * y)]],
      description="x ⊘ y, elementwise quotient",
      influence=I.EntryRule((I.pointwise(I.div_x), I.pointwise(I.div_y)), S.binary(S.quotient)))
defop("neg", "-", np.negative, same_shape,
      [lambda g, out, x: -g], [["−", GRAD]], description="−x",
      influence=I.EntryRule((I.MINUS_ONE,), S.unary(lambda x: S.total([x], [-1]))))
defop("pow", "**", lambda x, exponent: np.power(x, exponent), same_shape,
      [lambda g, out, x, exponent: g * exponent * np.power(x, exponent - 1)],
      [[GRAD, "⊙", derived("p·{0}^(p−1)", lambda g, o, x, exponent: exponent * np.power(x, exponent - 1))]],
      params=("exponent",), description="x ** p for a constant p",
      influence=I.EntryRule((I.pointwise(I.pow_x),),
                            lambda ex, site, k: S.power(ex(0, k), site.params["exponent"])))

# ---- matrix ops ------------------------------------------------------------------------------

defop("matmul", "@", np.matmul, matmul_shape,
      [matmul_vjp_x, matmul_vjp_w],
      [[GRAD, "@", value(1, transpose=True)], [value(0, transpose=True), "@", GRAD]],
      description="x @ w, matrix product",
      influence=I.EntryRule((I.matmul_x, I.matmul_w), S.matmul_form, C.matmul_joined))
defop("transpose", "transpose", np.transpose, lambda s: s[::-1],
      [lambda g, out, x: np.transpose(g)], [[Term("grad", transpose=True)]],
      description="xᵀ (also written x.T)",
      influence=I.EntryRule((I.transpose_x,), S.transpose_form))

# ---- elementwise functions -----------------------------------------------------------------

defop("relu", "relu", lambda x: np.maximum(x, 0.0), same_shape,
      [lambda g, out, x: g * (x > 0)],
      [[GRAD, "⊙", derived("relu′({0})", relu_mask)]], description="max(x, 0); relu′(x) = [x > 0]",
      influence=I.EntryRule((I.pointwise(I.relu_x),), S.unary(lambda x: S.call("relu", x))))
defop("tanh", "tanh", np.tanh, same_shape,
      [lambda g, out, x: g * (1 - out * out)],
      [[GRAD, "⊙", derived("(1 − {y}²)", lambda g, o, x: 1 - o * o)]], description="tanh x; tanh′ = 1 − tanh²",
      influence=I.EntryRule((I.pointwise(I.from_output("(1 − {0}²)", lambda y: 1 - y * y)),),
                            S.unary(lambda x: S.call("tanh", x))))
defop("sigmoid", "sigmoid", lambda x: 0.5 * (1 + np.tanh(0.5 * x)), same_shape,
      [lambda g, out, x: g * out * (1 - out)],
      [[GRAD, "⊙", derived("{y}(1 − {y})", lambda g, o, x: o * (1 - o))]], description="1/(1 + e⁻ˣ); σ′ = σ(1 − σ)",
      influence=I.EntryRule((I.pointwise(I.from_output("{0}(1 − {0})", lambda y: y * (1 - y))),),
                            S.unary(lambda x: S.call("sigmoid", x))))
defop("exp", "exp", np.exp, same_shape,
      [lambda g, out, x: g * out], [[GRAD, "⊙", OUT]], description="eˣ; exp′ = exp",
      influence=I.EntryRule((I.pointwise(I.exp_x),), S.unary(lambda x: S.call("exp", x))))
defop("log", "log", np.log, same_shape,
      [lambda g, out, x: g / x], [[GRAD, "⊘", value(0)]], description="ln x; log′(x) = 1/x",
      influence=I.EntryRule((I.pointwise(I.log_x),), S.unary(lambda x: S.call("log", x))))

# ---- reductions and normalisations -----------------------------------------------------------

defop("sum", "sum", lambda x, axis=None: np.sum(x, axis=axis), reduced,
      [lambda g, out, x, axis=None: expand_to(g, x.shape, axis)],
      [[derived("expand(∂L/∂{y})", lambda g, o, x, axis=None: expand_to(g, x.shape, axis))]],
      params=("axis",), description="Σ x over all entries, or over one axis",
      influence=I.EntryRule((I.reduction(mean=False),), S.sum_form))
defop("mean", "mean", lambda x, axis=None: np.mean(x, axis=axis), reduced,
      [lambda g, out, x, axis=None: expand_to(g / reduced_count(x.shape, axis), x.shape, axis)],
      [[derived("expand(∂L/∂{y}) / N", lambda g, o, x, axis=None:
                expand_to(g / reduced_count(x.shape, axis), x.shape, axis))]],
      params=("axis",), description="mean of x over all entries, or over one axis",
      influence=I.EntryRule((I.reduction(mean=True),), S.mean_form))
defop("softmax", "softmax", softmax, softmax_shape,
      [lambda g, out, x, axis=-1: out * (g - np.sum(g * out, axis=axis, keepdims=True))],
      [[OUT, "⊙", derived("(∂L/∂{y} − Σ ∂L/∂{y} ⊙ {y})",
                          lambda g, o, x, axis=-1: g - np.sum(g * o, axis=axis, keepdims=True))]],
      params=("axis",), description="eˣ / Σ eˣ along an axis (default the last)",
      influence=I.EntryRule((I.softmax_x,), S.softmax_form, C.softmax_joined))
defop("mse", "mse", lambda y, t: np.mean(np.square(np.subtract(y, t))), mse_shape,
      [mse_residual, lambda g, out, y, t: mse_residual(g, out, y, t, -1.0)],
      [[derived("2(∂L/∂{y})({0} − {1})/N", mse_residual)],
       ["−", derived("2(∂L/∂{y})({0} − {1})/N", mse_residual)]],
      description="mean((y − t)²) over all entries, a scalar",
      influence=I.EntryRule((I.mse_rule(1), I.mse_rule(-1)), S.mse_form))
defop("identity", "=", lambda x: x, same_shape,
      [lambda g, out, x: g], [[GRAD]], description="a new name for a value",
      influence=I.EntryRule((I.ONE,), S.unary(lambda x: x)))
