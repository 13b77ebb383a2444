"""|x|; abs′(x) = sign(x) (0 at 0, where its derivative jumps: a kink)."""
import numpy as np

from ._function import function

OP = function("abs", np.abs, lambda x, y: np.sign(x), "sign({0})", "|x|; abs′(x) = sign(x)",
              latex=r"\mathrm{abs}", kink=np.sign, numpy="np.abs({0})", torch="torch.abs({0})",
              numpy_vjps=("{g} * np.sign({0})",))
