"""Undoing numpy broadcasting: the one place where a gradient is summed back to an input's shape."""
import numpy as np


def broadcast_shapes(*shapes):
    """numpy's broadcast result shape, or None when the shapes do not broadcast."""
    try:
        return np.broadcast_shapes(*shapes)
    except ValueError:
        return None


def unbroadcast(grad, shape):
    """Sum `grad` over the axes that broadcasting stretched, so it has `shape` again.

    If x of shape (n,) was broadcast to (m, n), ∂L/∂xⱼ = Σᵢ ∂L/∂yᵢⱼ: axis 0 is summed away.
    Axes that had length 1 are summed with keepdims."""
    if grad.shape == tuple(shape):
        return grad
    lead = grad.ndim - len(shape)
    # np.add.reduce is ndarray.sum without its Python wrapper: this runs on every bias step
    if lead:
        grad = np.add.reduce(grad, axis=0 if lead == 1 else tuple(range(lead)))
    if 1 in shape:   # only then can an axis of length 1 have been stretched
        stretched = tuple([i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1])
        if stretched:
            grad = np.add.reduce(grad, axis=stretched, keepdims=True)
    return grad


def stretched_axes(shape, out_shape):
    """The axes of `out_shape` over which an input of `shape` was repeated (for explanations)."""
    lead = len(out_shape) - len(shape)
    axes = list(range(lead))
    axes += [lead + i for i, n in enumerate(shape) if n == 1 and out_shape[lead + i] != 1]
    return tuple(axes)
