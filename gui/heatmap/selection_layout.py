"""The selection's own equation, laid out as inspector slots (plain data, like gui.heatmap.equation):
for ∂L/∂a₁₁ in the seed `∂L/∂a = ∂L/∂d · b` (the arrays it is computed from, b and not bᵀ, so
its cells are outlined where they are), for a value entry `d ← a, b, c`; each array as it is
after the cursor (hatched "not yet" when it is not computed, its cells still outlined)."""
from gui.heatmap.equation import node_slots


def joined(slots, operator):
    return [slot for x in slots for slot in (x, operator)][:-1]


def product_form(selection):
    """True when every term is ∂L/∂y[j] times one operand's entry, along one path (the seed's
    ∂L/∂a₁₁ = ∂L/∂d₁₁·b₁₁ + ∂L/∂d₁₂·b₁₂); any other chain is shown as what feeds it (←)."""
    att = selection.att
    if att is None or len(att.groups) != 1 or not att.count or len(selection.named("factor")) != 1:
        return False
    term = att.term(0)
    others = [f for f in term["factors"] if f["text"] not in (term["local_from"], "1")]
    return term["local_from"] is not None and not others


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
        if product_form(selection):   # ∂L/∂a₁₁ = Σⱼ ∂L/∂dᵢⱼ·bₗⱼ: written as the product it is
            slots = [grad(selection.name), "=", grad(ups[0]), "·", value(factors[0])]
        else:   # a fan-out, or a local partial that is not one operand entry (relu′, 1 − h², 2h, 1)
            slots = [grad(selection.name), "←"] + joined([grad(n) for n in ups] + [value(n) for n in factors], ",")
    else:
        slots = [value(selection.name), "←"] + joined([value(n) for n in selection.named("feeds")], ",")
    if selection.error:
        return heading + selection.error, slots[:1]
    return heading + (status or "the entries that feed it are outlined"), slots
