"""What maximum and minimum share: elementwise with broadcasting, the gradient goes to the
operand that wins (x on a tie, as a tie is a kink)."""
from .. import influence as I
from .. import scalar as S
from ..factors import Factor, Ref
from ..rules import GRAD, derived
from ._base import OpDef, elementwise


def pairwise(name, forward, wins, word, wins_source):
    """The OpDef of maximum or minimum: `wins(x, y)` is where x is kept (`wins_source` the same,
    as exported numpy source over {0} and {1})."""
    def chosen(i, x, y):
        return wins(x, y) if i == 0 else ~wins(x, y)

    def partial(site, i, out):
        (x, rx), (y, ry) = I.operand_at(site, 0, out), I.operand_at(site, 1, out)
        return Factor(chosen(i, x, y).astype(float), (f"[{{{i}}} is kept]",), (rx, ry))

    return OpDef(
        name, name, forward, elementwise,
        vjps=(lambda g, out, x, y: g * chosen(0, x, y), lambda g, out, x, y: g * chosen(1, x, y)),
        formulas=([GRAD, "⊙", derived(f"[{{0}} {word} {{1}}]", lambda g, o, x, y: chosen(0, x, y))],
                  [GRAD, "⊙", derived(f"[not {{0}} {word} {{1}}]", lambda g, o, x, y: chosen(1, x, y))]),
        influence=I.EntryRule((I.pointwise(partial),) * 2, S.binary(lambda x, y: S.call(name, forward, x, y))),
        description=f"the {name} of x and y entry by entry; the gradient goes to the one kept (x on a tie)",
        group="elementwise", latex=rf"\mathrm{{{name}}}",
        kink=wins,
        numpy=f"np.{name}({{0}}, {{1}})", torch=f"torch.where({wins_source}, {{0}}, {{1}})",   # x on a tie, as here
        numpy_vjps=(f"{{g}} * ({wins_source})", f"{{g}} * ~({wins_source})"))
