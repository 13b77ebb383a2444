"""minimum(x, y), entry by entry: ∂L/∂x = ∂L/∂z ⊙ [x ≤ y], ∂L/∂y = ∂L/∂z ⊙ [x > y]."""
import numpy as np

from ._pairwise import pairwise

OP = pairwise("minimum", np.minimum, np.less_equal, "≤", "{0} <= {1}")
