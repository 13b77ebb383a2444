"""maximum(x, y), entry by entry: ∂L/∂x = ∂L/∂z ⊙ [x ≥ y], ∂L/∂y = ∂L/∂z ⊙ [x < y]."""
import numpy as np

from ._pairwise import pairwise

OP = pairwise("maximum", np.maximum, np.greater_equal, "≥", "{0} >= {1}")
