"""√x; sqrt′(x) = 1/(2√x), written through the output y: ∂L/∂x = ∂L/∂y ⊘ 2y."""
import numpy as np

from ._base import positive
from ._function import function

OP = function("sqrt", np.sqrt, lambda x, y: 0.5 / y, "1/(2{0})", "√x; sqrt′ = 1/(2√x)", via="y",
              domain=(positive,), numpy="np.sqrt({0})", torch="torch.sqrt({0})",
              numpy_vjps=("{g} * (0.5 / {y})",))
