"""The selection's own row, as inspector slots (plain data, like gui.heatmap.equation).

It is not a matrix equation, so no whole matrices are joined with =, · or @: its caption is the
entry's index-form sum (`∂L/∂a₁₁ = Σⱼ ∂L/∂d₁ⱼ · b₁ⱼ, j = 1…2`, engine.index_form), and beside it
stand the arrays the factors come from, each in its own layout (b, not bᵀ, so its cells are
outlined where they are) and titled with what it supplies (`∂L/∂d: ∂L/∂d₁ⱼ`). For a value entry,
its forward equation and the values that feed it. Each array as it is after the cursor (hatched
"not yet" when it is not computed, its cells still outlined)."""
from gui.heatmap.equation import node_slots

GAP = ""   # between the matrices: they stand side by side, no operator joins them


def spaced(slots):
    return [slot for x in slots for slot in (x, GAP)][:-1]


def titled(slot, what):
    return slot._replace(title=f"{slot.title}: {what}")


def selection_slots(session, selection, hidden=False):
    """(caption, slots) for the selected entry; `hidden`: a question (predict first), whose
    caption must not say what feeds it."""
    def value(name):
        return node_slots(session, name)[0]

    def grad(name):
        return node_slots(session, name)[1]

    status = selection.status()
    if selection.is_grad:
        caption, supplies = selection.caption()
        slots = [titled(grad(selection.name), selection.title())]
        slots += [titled(grad(n), supplies.get((n, True), "what feeds it"))
                  for n in selection.named("upstream")]
        slots += [titled(value(n), supplies.get((n, False), "its factors"))
                  for n in selection.named("factor")]
    elif selection.is_input_value():
        caption, slots = selection.scalar_lines()[0], [value(selection.name)]
    else:
        caption = selection.caption()[0]
        slots = [titled(value(selection.name), selection.title())]
        slots += [titled(value(n), "feeds it") for n in selection.named("feeds")]
    if selection.error:
        return f"selection {selection.title()}: {selection.error}", slots[:1]
    if hidden:
        caption = f"{selection.title()} = ?"
    return f"selection {caption}" + (f" — {status}" if status else ""), spaced(slots)
