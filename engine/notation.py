"""How numbers, entries and long sums are written for people (text, LaTeX); the GUI reuses it.

Display is 1-based (`a₁₂` is the program's `a[0,1]`), numbers have 4 significant digits with a
true minus sign (`−0.1`, `1e−05`), and −0 is written 0."""
import math
import re

SUBSCRIPTS = str.maketrans("0123456789,", "₀₁₂₃₄₅₆₇₈₉,")
HEAD = 3          # a long sum shows this many first terms, `…`, then its last term
LONG = HEAD + 3   # sums with more terms than this are elided


def number(x):
    """`format(x, '.4g')` with a true minus sign, −0 as 0, and ∞ / NaN spelled out."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    text = format(x, ".4g")
    return "0" if text in ("-0", "0") else text.replace("-", "−")


def index_text(index):
    """1-based indices, comma-separated once any of them passes 9: (0, 1) → `12`, (9, 1) → `10,2`."""
    parts = [str(int(i) + 1) for i in index]
    return ("," if any(len(p) > 1 for p in parts) else "").join(parts)


def sub(name, index):
    """The entry as written in maths: `a₁₂`, `a₁₀,₂`, `s` for a scalar."""
    return name + index_text(index).translate(SUBSCRIPTS)


def latex_sub(name, index):
    """`a_{12}`; a scalar is just its name."""
    text = index_text(index)
    return f"{latex_name(name)}_{{{text}}}" if text else latex_name(name)


def latex_name(name):
    return name if len(name) == 1 else f"\\mathit{{{name}}}"


def grad_sub(name, index):
    return f"∂L/∂{sub(name, index)}"


def latex_grad(name, index):
    return f"\\frac{{\\partial L}}{{\\partial {latex_sub(name, index)}}}"


def latex_number(x):
    return number(x).replace("−", "-").replace("∞", "\\infty").replace("NaN", "\\mathrm{NaN}")


def shown(count):
    """The positions a long sum shows: all of them, or the first HEAD and the last."""
    return list(range(count)) if count <= LONG else list(range(HEAD)) + [count - 1]


def elide(count, item, joiner=" + ", ellipsis="…"):
    """`x₁ + x₂ + x₃ + … + x₁₀₂₄ (1024 terms)` for a long sum, the plain join otherwise;
    `item(k)` writes term k and is called only for the terms shown."""
    texts = [item(k) for k in shown(count)]
    if count <= LONG:
        return joiner.join(texts)
    return joiner.join(texts[:HEAD] + [ellipsis, texts[-1]]) + f" ({count} terms)"


# unicode maths → LaTeX, for texts written in the unicode style (factors, equations)
LATEX = {"·": " \\cdot ", "−": "-", "′": "'", "²": "^{2}", "Σ": "\\sum ", "…": "\\dots", "∂": "\\partial ",
         "ᵀ": "^{\\top}"}


def to_latex(text):
    """A unicode-maths text in LaTeX (subscripts must already be written with latex_sub); the
    functions' names as each op file writes them (`\\mathrm{relu}`)."""
    for a, b in LATEX.items():
        text = text.replace(a, b)
    names = latex_names()
    return re.sub(r"\b(" + "|".join(names) + r")\b", lambda m: names[m.group(1)], text) if names else text


def latex_names():
    from .ops import REGISTRY   # the registry's op files write their factors with this module
    return {name: op.latex for name, op in REGISTRY.items() if op.latex}
