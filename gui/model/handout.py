"""A step as a handout, without Qt: its matrix rule (Unicode and LaTeX), the matrices it shows with
the cells that feed the selected entry marked, and the worked entry; written as Markdown or as a
standalone LaTeX document."""
from typing import NamedTuple

import numpy as np

from engine import LATEX, TEXT, number
from gui.heatmap.data import as_matrix
from gui.model.selection import Selected


class Matrix(NamedTuple):
    caption: str     # `∂L/∂t1`, `bᵀ`
    array: np.ndarray
    marked: frozenset   # drawn cells (row, col) that feed the selected entry


class Handout(NamedTuple):
    heading: str     # `step 6/7: ∂L/∂a = ∂L/∂t1 @ bᵀ  (matmul, input a)`
    rule: str        # `∂L/∂a = ∂L/∂t1 @ bᵀ`
    matrices: tuple
    worked: str      # the worked entry, Unicode ("" without a selection)
    worked_latex: str


def step_handout(session, entry):
    """The handout of the session's current step; `entry` = (name, index, is_grad) or None. A
    gradient entry's terms are taken through the step's output, so the cells marked are the
    step's own."""
    step = session.current_step()
    if step is None:
        return Handout(f"step 0/{session.total}: inputs only", "", (), "", "")
    through = step.eqn.out if step.kind == "backward" and entry is not None and entry[2] else None
    selected = Selected(session, entry, through) if entry is not None else None
    feeding = selected.feeding() | {entry} if selected is not None else set()
    worked = (selected.text(), selected.text(latex=True)) if selected is not None else ("", "")
    return Handout(step.describe(session.total), step.equation_text(),
                   tuple(step_matrices(session, step, feeding)), *worked)


def step_matrices(session, step, feeding):
    """Each matrix the step shows (the rule's result and terms, or an equation's output and inputs)."""
    if step.kind == "backward":
        names = step.eqn.inputs
        parts = [(f"∂L/∂{step.target}", step.target, True, False,
                  step.contribution if step.contribution is not None else step.array)]
        for term, array in zip(step.rule.terms(), step.rule_arrays()):
            name, is_grad = {"grad": (step.eqn.out, True), "out": (step.eqn.out, False)}.get(
                term.kind, (names[term.operand] if term.kind == "value" else None, False))
            parts.append((term.text(step.eqn.out, names), name, is_grad, term.transpose, array))
    elif step.kind == "forward":
        values = session.records.values
        parts = [(n, n, False, False, values[n]) for n in (step.eqn.out, *step.eqn.inputs) if n in values]
    else:
        parts = [(f"∂L/∂{step.target}", step.target, True, False, step.array)]
    return [Matrix(caption, np.asarray(array), marks(feeding, name, is_grad, transposed, np.ndim(array)))
            for caption, name, is_grad, transposed, array in parts]


def marks(feeding, name, is_grad, transposed, ndim):
    """The drawn cells of `name`'s matrix among `feeding` (a vector is drawn as one row)."""
    cells = set()
    for n, index, g in feeding:
        if n == name and g == is_grad:
            cell = (0, index[0]) if len(index) == 1 else tuple(index) if index else (0, 0)
            cells.add(cell[::-1] if transposed and ndim == 2 else cell)
    return frozenset(cells)


# -- Markdown --------------------------------------------------------------------------------------
def markdown(handout, images=()):
    """The handout as Markdown: heading, the rule in `$…$` and in text, the tables (feeding cells
    in bold), the worked entry, then the images (file names beside it)."""
    lines = [f"# {handout.heading}", ""]
    if handout.rule:
        lines += [f"The step's matrix rule: ${LATEX.maths(handout.rule)}$", "", f"In words: {handout.rule}", ""]
    for m in handout.matrices:
        lines += [f"**{m.caption}**", ""] + markdown_table(m) + [""]
    if handout.worked:
        lines += ["The worked entry:", "", "```", handout.worked, "```", ""]
        lines += [f"$${line}$$" for line in handout.worked_latex.splitlines()] + [""]
    lines += [f"![{caption}]({path})" for caption, path in images]
    return "\n".join(lines).rstrip() + "\n"


def markdown_table(m):
    grid = as_matrix(m.array)
    rows = [[cell(grid[i, j], (i, j) in m.marked, "**{}**") for j in range(grid.shape[1])]
            for i in range(grid.shape[0])]
    head = "| " + " | ".join(f"{j + 1}" for j in range(grid.shape[1])) + " |"
    rule = "|" + "---|" * grid.shape[1]
    return [head, rule] + ["| " + " | ".join(row) + " |" for row in rows]


def cell(x, marked, template):
    text = number(float(x))
    return template.format(text) if marked else text


# -- LaTeX --------------------------------------------------------------------------------------------
def latex(handout):
    """A standalone LaTeX document: the rule, each matrix as a bmatrix with the feeding entries
    boxed, and the worked entry."""
    body = [f"\\section*{{{escape(handout.heading)}}}"]
    if handout.rule:
        body += ["The step's matrix rule:", f"\\[ {LATEX.maths(handout.rule)} \\]"]
    for m in handout.matrices:
        body += [f"\\[ {LATEX.maths(m.caption)} = {bmatrix(m)} \\]"]
    if handout.worked:
        body += ["The worked entry:"] + [f"\\[ {line} \\]" for line in handout.worked_latex.splitlines()]
    return ("\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage[utf8]{inputenc}\n"
            "\\begin{document}\n" + "\n".join(body) + "\n\\end{document}\n")


def bmatrix(m):
    grid = as_matrix(m.array)
    rows = [" & ".join(cell(grid[i, j], (i, j) in m.marked, "\\boxed{{{}}}").replace("−", "-")
                       for j in range(grid.shape[1])) for i in range(grid.shape[0])]
    return "\\begin{bmatrix} " + " \\\\ ".join(rows) + " \\end{bmatrix}"


def escape(text):
    """Plain text inside LaTeX: its special characters escaped, its maths symbols in math mode."""
    for a, b in (("\\", "\\textbackslash{}"), ("_", "\\_"), ("&", "\\&"), ("%", "\\%"), ("#", "\\#"),
                 ("{", "\\{"), ("}", "\\}")):
        text = text.replace(a, b)
    return "".join(f"${LATEX.maths(c)}$" if c in "∂ᵀ·−Σ…²′" else c for c in text)
