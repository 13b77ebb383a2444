"""The selection's own equation, laid out as inspector slots (plain data, like gui.heatmap_equation):
for ∂L/∂a₁₁ in the seed `∂L/∂a = ∂L/∂d · b` (the arrays it is computed from, b and not bᵀ, so
its cells are outlined where they are), for a value entry `d ← a, b, c`; each array as it is
after the cursor (hatched "not yet" when it is not computed, its cells still outlined)."""
from gui.heatmap_equation import node_slots


def joined(slots, operator):
    return [slot for x in slots for slot in (x, operator)][:-1]


def selection_slots(session, selection):
    """(heading, slots) for the selected entry."""
    def value(name):
        return node_slots(session, name)[0]

    def grad(name):
        return node_slots(session, name)[1]

    heading = f"selection {selection.title()}: "
    status = selection.status()
    if selection.is_grad:
        ups, factors = selection.named("upstream"), selection.named("factor")
        slots = [grad(selection.name), "="] + joined([grad(n) for n in ups], "+")
        slots += ["·"] + joined([value(n) for n in factors], ",") if factors else []
    else:
        slots = [value(selection.name), "←"] + joined([value(n) for n in selection.named("feeds")], ",")
    if selection.error:
        return heading + selection.error, slots[:1]
    return heading + (status or "the entries that feed it are outlined"), slots
