"""Entries as programs read and write them: `a[0,1]`, `c[1]`, `s[]` (0-based, numpy order), and
`grad a[0,1]` for the gradient entry ∂L/∂a[0,1] where both could be meant."""
import re

from .errors import InputError

# indices are ASCII digits (at most 18) separated by single commas: `a[0,,1]`, `a[0 1]` and `a[٣]` are not entries
ENTRY = re.compile(r"^\s*(grad\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*\[\s*([0-9]{1,18}(?:\s*,\s*[0-9]{1,18})*)?\s*\]\s*$",
                   re.ASCII)


def format_entry(name, index):
    return f"{name}[{','.join(str(int(i)) for i in index)}]"


def parse_entry(text, shapes=None):
    """`'grad a[0,1]'` -> (name, (0, 1), True). With `shapes`, checks the name and the bounds."""
    m = ENTRY.match(text or "")
    if not m:
        shown = text if text is None or len(text) <= 80 else text[:80] + "…"   # a hostile entry may be huge
        raise InputError(f"entry {shown!r} is not of the form NAME[i,j], NAME[i] or NAME[] "
                         "(0-based), optionally preceded by 'grad '")
    is_grad, name, raw = bool(m.group(1)), m.group(2), m.group(3) or ""
    index = tuple(int(p) for p in raw.split(",")) if raw else ()
    if shapes is not None:
        check_entry(name, index, shapes)
    return name, index, is_grad


def check_entry(name, index, shapes):
    if name not in shapes:
        raise InputError(f"no value named {name!r}; the program's values are: {', '.join(shapes)}")
    shape = shapes[name]
    if len(index) != len(shape) or any(not 0 <= i < n for i, n in zip(index, shape)):
        raise InputError(f"entry {format_entry(name, index)} is outside {name}'s shape {tuple(shape)} "
                         f"(indices are 0-based)")
