"""Her own arrays in: a file (.npy, or one array of an .npz) or pasted text (a numpy literal,
CSV or tab-separated cells) read into an array, and the rules an array must meet before it
replaces an input or G. Pasted text is read by a small tokenizer, never evaluated. Qt-free."""
import re

import numpy as np

from engine import infer_shapes

LITERAL = re.compile(r"^\s*(?:(?:np|numpy)\s*\.\s*)?array\s*\((.*?)(?:,\s*dtype\s*=\s*[\w.\"']+\s*)?\)\s*$", re.S)
TOKEN = re.compile(r"\s*(?:(\[)|(\])|(,)|([-+−]?(?:nan|inf|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)))", re.I)


class ArrayRefused(ValueError):
    """An array or text that cannot become an input: its message says why, nothing changed."""


def number(text):
    return float(text.replace("−", "-"))


def nested(text):
    """`[[1, 2], [3, 4]]` -> nested lists of floats, read token by token (brackets, commas, numbers)."""
    stack, pos, text = [[]], 0, text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise ArrayRefused(f"cannot read the pasted text at {text[pos:pos + 20]!r}")
        pos = m.end()
        if m.group(1):
            stack.append([])
        elif m.group(2):
            if len(stack) < 2:
                raise ArrayRefused("the pasted text closes a bracket it never opened")
            inner = stack.pop()
            stack[-1].append(inner)
        elif m.group(4):
            stack[-1].append(number(m.group(4)))
    if len(stack) != 1 or len(stack[0]) != 1:
        raise ArrayRefused("the pasted text's brackets do not match")
    return stack[0][0]


def cells(text):
    """CSV, tab- or space-separated rows -> a list of rows of floats."""
    rows = []
    for line in text.strip().splitlines():
        parts = [p for p in re.split(r"[,\t;]|\s+", line.strip()) if p]
        try:
            rows.append([number(p) for p in parts])
        except ValueError:
            raise ArrayRefused(f"cannot read the pasted row {line.strip()[:40]!r} as numbers") from None
    return rows


def parse_pasted(text):
    """A numpy literal (`np.array([[…]])`, `[[1, 2], [3, 4]]`), CSV or tab-separated cells -> a
    float array of at most 2 dimensions (one row of cells is a vector); ArrayRefused otherwise."""
    m = LITERAL.match(text)
    body = m.group(1) if m else text
    data = nested(body) if body.strip().startswith("[") else cells(body)
    try:
        arr = np.array(data, dtype=float)
    except ValueError:
        raise ArrayRefused("the pasted rows are not all the same length") from None
    if not m and not body.strip().startswith("[") and arr.shape[0] == 1:
        arr = arr[0]
    if arr.size == 0:
        raise ArrayRefused("the pasted text holds no numbers")
    return arr


def npz_names(path):
    """The array names of an .npz, in its order."""
    with np.load(path, allow_pickle=False) as z:
        return list(z.files)


def read_file(path, key=None):
    """The array in a .npy, or array `key` of an .npz; a pickled (object) array is refused."""
    try:
        loaded = np.load(path, allow_pickle=False)
        if isinstance(loaded, np.lib.npyio.NpzFile):
            with loaded:
                return loaded[key if key is not None else loaded.files[0]]
        return loaded
    except (OSError, ValueError, KeyError, EOFError, IndexError) as exc:
        raise ArrayRefused(f"cannot read {path}: {exc}") from None


def refusal(shown, name, array):
    """Why `array` cannot be input `name` (or "G") of the shown program, or None."""
    what = "G" if name == "G" else f"input {name}"
    if array.dtype.kind not in "iufb":
        return f"{what} takes numbers, not a {array.dtype} array"
    if array.ndim > 2:
        return f"{what} takes at most 2 dimensions, this array is {array.shape}"
    if name == "G":
        want = np.shape(shown.session.records.values[shown.session.records.start])
        return None if array.shape == want else f"G must be {want} like ∂L/∂{shown.session.records.start}, " \
                                                f"this array is {array.shape}"
    if shown.program.input(name).labels and array.dtype.kind not in "iu":
        return f"{what} holds class labels: give integers, not {array.dtype}"
    problem = infer_shapes(shown.program, shown.input_shapes() | {name: array.shape}).first_problem()
    return f"{what} cannot be {array.shape}: {problem}" if problem else None


def warning(array):
    """A note for values that are not all finite (accepted, but they spread through the pass)."""
    bad = int(np.size(array) - np.count_nonzero(np.isfinite(array))) if array.dtype.kind == "f" else 0
    return f"{bad} value(s) are NaN or infinite: every value they reach will be too" if bad else None
