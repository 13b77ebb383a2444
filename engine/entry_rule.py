"""The matrix rule behind a gradient entry, said only as far as the data says it:

    ∂L/∂a = ∂L/∂d @ bᵀ: ∂L/∂a₁₁ is row 1 of ∂L/∂d times column 1 of bᵀ

One rule per entry: every use of the value on a path to L is one term of it (`y = a @ a + a`
gives `∂L/∂a = ∂L/∂y @ aᵀ + aᵀ @ ∂L/∂y + ∂L/∂y`, a used three times, the count from the backward
plan), and what the entry reads of each use. A value stretched by broadcasting sums a column
(row) of ∂L/∂y when the local factor is 1, else of the product the rule names (∂L/∂y ⊙ a); every
Σ says over which index and axis it runs."""
from dataclasses import replace

from . import notation as N
from .plan import backward_plan
from .rules import INDEX_LETTERS, rule_rhs

TIMES = {2: "twice", 3: "three times"}


def uses(att):
    """(plan item, node it speaks of) for every use of the entry's value on the attribution's
    paths, in plan order, each once: the node is the through node when the ops between pass the
    gradient through unchanged (`∂L/∂t1 = ∂L/∂d`), else the op's own output."""
    records = att.records
    shapes = {n: v.shape for n, v in records.values.items()}
    plan = backward_plan(records.program, records.start, shapes)
    speaks = {}
    for g in att.groups:
        if len(g.path) > 1:
            hop, node = g.path[1], g.node
            through = hop != node and any(i.rule.note.startswith(f"∂L/∂{hop} = ∂L/∂{node}:") for i in plan
                                          if i.eqn.out == hop)
            speaks.setdefault(hop, node if through else hop)
    return [(i, speaks[i.eqn.out]) for i in plan if i.target == att.name and i.eqn.out in speaks]


def spoken(rule, node, text):
    """A rule's text with ∂L/∂(its output) written as ∂L/∂node."""
    return text if node == rule.output else text.replace(f"∂L/∂{rule.output}", f"∂L/∂{node}")


def rule_notes(att):
    """[`rule: what the entry reads of it`], one note (none for the start node's own entry)."""
    found = uses(att)
    if not found:
        return []
    texts = [spoken(item.rule, node, item.rule.text) for item, node in found]
    lhs = {t.split(" = ", 1)[0] for t in texts}
    rhs = [t.split(" = ", 1)[1] for t in texts]
    text = f"{lhs.pop() if len(lhs) == 1 else '∂L/∂' + att.name} = " + " + ".join(rhs).replace("+ −", "− ")
    detail = single_detail(att, *found[0]) if len(found) == 1 else several_details(att, found)
    sums = list(dict.fromkeys(w for w in (op_axis_words(att, item) for item, _ in found) if w))
    detail = "; ".join(([detail] if detail else []) + sums)
    if len(found) > 1:
        times = TIMES.get(len(found), f"{len(found)} times")
        detail = f"{att.name} is used {times}, one term per use; {detail}"
    return [text + (f": {detail}" if detail else "")]


def single_detail(att, item, node):
    """What the entry is of its one rule: a row times a column, a summed column, or nothing more."""
    grad = N.grad_sub(att.name, att.index)
    stretched = stretch_detail(att, item.rule, node)
    if stretched:
        return stretched
    phrase = matmul_phrase(att, item.rule, node)
    return f"{grad} is {phrase}" if phrase else ""


def several_details(att, found):
    """`∂L/∂a₁₂ adds row 1 of ∂L/∂y times column 2 of aᵀ; row 1 of aᵀ times …; ∂L/∂y₁₂`."""
    grad, phrases = N.grad_sub(att.name, att.index), []
    for item, node in found:
        phrases.append(matmul_phrase(att, item.rule, node) or sum_phrase(att, item.rule, node)
                       or entry_phrase(att, item.rule, node))
    return f"{grad} adds " + "; ".join(phrases)


def matmul_phrase(att, rule, node):
    """`row k of ∂L/∂d times column l of bᵀ` (or `row k of aᵀ times column l of ∂L/∂d`)."""
    index = att.index
    if rule.op != "matmul" or len(index) != 2 or len(att.records.values[node].shape) != 2:
        return ""
    k, l = index[0] + 1, index[1] + 1
    x, w = rule.operands
    if rule.target_index == 0:
        return f"row {k} of ∂L/∂{node} times column {l} of {w}ᵀ"
    return f"row {k} of {x}ᵀ times column {l} of ∂L/∂{node}"


def entry_phrase(att, rule, node):
    """The same entry of the use's right-hand side: `∂L/∂y₁₂`, `(∂L/∂y ⊙ relu′(x))₁₂`."""
    rhs = spoken(rule, node, rule_rhs(rule.parts, rule.output, rule.operands))
    sub = N.sub("", att.index)
    return f"{rhs}{sub}" if len(rule.parts) == 1 and rhs.startswith("∂L/∂") else f"({rhs}){sub}"


def summed_text(rule, node):
    """What a stretched value's gradient sums: ∂L/∂d when the local factor is 1, else the product."""
    rhs = spoken(rule, node, rule_rhs(rule.parts, rule.output, rule.operands))
    return rhs if len(rule.parts) == 1 else f"({rhs})" if " " in rhs else rhs


AXES = {(2, (0,)): ("rows", "column", -1), (2, (1,)): ("columns", "row", 0)}


def sum_phrase(att, rule, node):
    """`column 2 of ∂L/∂d summed over i (axis 0)` for a stretched use, else ''."""
    axes, out_ndim = rule.summed_axes, len(att.records.values[node].shape)
    if not axes:
        return ""
    summed = summed_text(rule, node)
    if (out_ndim, axes) in AXES:
        _, line, at = AXES[(out_ndim, axes)]
        return f"{line} {att.index[at] + 1} of {summed} summed ({axis_words(axes, out_ndim)})"
    return f"all of {summed} summed ({axis_words(axes, out_ndim)})"


PLAIN = {"ᵢ": "i", "ⱼ": "j"}


def axis_words(axes, ndim):
    """`Σᵢ: over i, axis 0`, `Σᵢⱼ: over i, j, axes 0, 1`: the letters and axes of a Σ."""
    letters = [INDEX_LETTERS[-ndim:][a] for a in axes]
    names, numbers = ", ".join(PLAIN[c] for c in letters), ", ".join(str(a) for a in axes)
    return f"Σ{''.join(letters)}: over {names}, {'axis' if len(axes) == 1 else 'axes'} {numbers}"


def op_axis_words(att, item):
    """For a rule that sums along its op's axis (softmax's `Σⱼ ∂L/∂y ⊙ y`), which axis that is."""
    return sum_note(replace(item.rule, summed_axes=()), item.eqn, att.records.values[item.eqn.out].ndim)


def stretch_detail(att, rule, node):
    """For a broadcast input: over which axis it was stretched, and so what its gradient sums."""
    axes, out_ndim = rule.summed_axes, len(att.records.values[node].shape)
    if not axes:
        return ""
    grad, summed, where = N.grad_sub(att.name, att.index), summed_text(rule, node), axis_words(axes, out_ndim)
    if (out_ndim, axes) in AXES:
        over, line, at = AXES[(out_ndim, axes)]
        return (f"{att.name} was stretched over the {over} of {node}, so {grad} sums {line} "
                f"{att.index[at] + 1} of {summed} ({where})")
    return f"{att.name} was stretched over all of {node}, so {grad} sums all of {summed} ({where})"


def sum_note(rule, eqn, out_ndim):
    """Over which index and axis each Σ of a step's rule runs: `Σᵢ: over i, axis 0 (c was
    stretched over the rows of d)`, or softmax's `Σⱼ: over j, axis 1 (along each row)`."""
    notes = []
    if rule.summed_axes:
        over = AXES.get((out_ndim, rule.summed_axes), ("entries",))[0]
        notes.append(f"{axis_words(rule.summed_axes, out_ndim)} ({rule.target} was stretched over the "
                     f"{over} of {rule.output})")
    axis = eqn.kwargs.get("axis", -1)
    if axis is not None and out_ndim and any(t.kind == "derived" and "Σ" in t.label for t in rule.terms()):
        along = "row" if axis % out_ndim == out_ndim - 1 else "column"
        notes.append(f"{axis_words((axis % out_ndim,), out_ndim)} (along each {along})")
    return "; ".join(notes)
