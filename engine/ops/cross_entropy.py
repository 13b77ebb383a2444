"""cross_entropy(x, y) = mean over rows i of −log softmax(xᵢ)[yᵢ] (PyTorch's F.cross_entropy with
mean reduction), x of shape (n, k), y n integer labels in [0, k): ∂L/∂x = ∂L/∂c (softmax(x) −
onehot(y))/n; the labels get no gradient."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import Factor, Ref
from ..rules import derived
from ._base import OpDef, ShapeRule, within
from .softmax import forward as softmax


def forward(x, y):
    top = np.max(x, axis=1, keepdims=True)
    lse = top[:, 0] + np.log(np.sum(np.exp(x - top), axis=1))
    return np.mean(lse - x[np.arange(len(y)), within(y, x)])


def ce_shape(x, y):
    if len(x) != 2 or y != x[:1]:
        raise ShapeRule(f"cross_entropy(x, y) needs x of shape (n, k) and n labels y, got {x} and {y}")
    return ()


# slope as exported numpy source: the softmax of each row less the one-hot rows, over n
NUMPY_SLOPE = ("{g} * ((np.exp({0} - np.max({0}, axis=1, keepdims=True)) / np.sum(np.exp({0} - np.max({0}, axis=1, "
               "keepdims=True)), axis=1, keepdims=True) - np.eye({0}.shape[1])[{1}]) / len({1}))")


def slope(x, y):
    """(softmax(x) − onehot(y)) / n."""
    s = softmax(x, axis=1)
    s[np.arange(len(y)), y] -= 1
    return s / len(y)


def feeds_x(site, i, idx):
    """Every logit feeds the scalar, with local (sᵢⱼ − [j = yᵢ])/n."""
    x, y = np.asarray(site.values[0], dtype=float), np.asarray(site.values[1]).astype(int)
    ref = Ref(site.names[0], site.shape(0), idx, site.texts[0])
    text = f"(softmax at {{0}} − onehot)/{len(y)}"
    return I.Effect(np.arange(len(idx)), np.zeros_like(idx), Factor(slope(x, y).reshape(-1)[idx], (text,), (ref,)))


def feeds_labels(site, i, idx):
    empty = np.zeros(0, dtype=int)
    return I.Effect(empty, empty, Factor(np.zeros(0), ("0",)))


def scalar_form(ex, site, flat):
    """c = Σᵢ (log Σⱼ exp(xᵢⱼ) − x_{i,yᵢ}) / n."""
    (n, k), y = site.shape(0), np.asarray(site.values[1]).astype(int)
    rows = [S.total([S.log_sum_exp([ex(0, r * k + j) for j in range(k)]), ex(0, r * k + int(y[r]))], [1, -1])
            for r in range(n)]
    return S.quotient(S.total(rows, [1] * n), S.num(str(n), n))


OP = OpDef(
    "cross_entropy", "cross_entropy", forward, ce_shape,
    vjps=(lambda g, out, x, y: g * slope(x, y), None),
    formulas=([derived("∂L/∂{y} (softmax({0}) − onehot({1}))/n", lambda g, out, x, y: g * slope(x, y))], []),
    influence=I.EntryRule((feeds_x, feeds_labels), scalar_form),
    description="mean over rows of −log softmax(x) at the row's label y (F.cross_entropy)",
    group="loss", labels=(1,), latex=r"\mathrm{CE}",
    numpy="np.mean(np.log(np.exp({0}).sum(1)) - {0}[np.arange(len({1})), {1}])",
    torch="torch.nn.functional.cross_entropy({0}, {1})",
    numpy_vjps=(NUMPY_SLOPE, None))
