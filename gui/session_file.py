"""Session files: the document as plain JSON (no Python objects are ever unpickled), saved atomically,
checked on open.

{"format": "backprop-studio", "version": 1, "expression": str,
 "inputs": {name: {"shape": [..], "values": nested list}}, "upstream": nested list or null,
 "start": node or null, "cursor": int, "selection": entry or null, "positions": {id: [x, y]}}
NaN and ±inf are written as null. A file that is not JSON is read as an expression."""
import json
import os
import tempfile

import numpy as np

import engine
from engine.program import infer_shapes

FORMAT, VERSION = "backprop-studio", 1
MAX_BYTES = 64 * 2**20   # refuse anything larger before reading it


class SessionError(Exception):
    """A file that cannot be opened or saved; str() is the message shown to the user."""


# -- saving ------------------------------------------------------------------------------------------
def as_json_array(arr):
    """A nested list of floats, with NaN and ±inf as null; integers (class labels) stay integers."""
    if np.asarray(arr).dtype.kind in "iu":
        return np.asarray(arr).tolist()
    arr = np.asarray(arr, dtype=float)
    return np.where(np.isfinite(arr), arr, None).tolist() if arr.ndim else (
        float(arr) if np.isfinite(arr) else None)


def compact(value):
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def to_text(doc):
    """JSON a person can read and diff: one field a line, one input a line, arrays on one line."""
    def field(key, value):
        if key == "inputs" and value:
            inner = ",\n".join(f"  {compact(k)}: {compact(v)}" for k, v in value.items())
            return f" {compact(key)}: {{\n{inner}\n }}"
        return f" {compact(key)}: {compact(value)}"
    return "{\n" + ",\n".join(field(k, v) for k, v in doc.items()) + "\n}\n"


def save_session(path, doc):
    """Write `doc` to `path` atomically: a temporary file beside it, then os.replace."""
    text = to_text(doc)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".save-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise SessionError(f"cannot save {path}: {exc.strerror or exc}") from None


# -- opening -------------------------------------------------------------------------------------------
def read_text(path):
    try:
        if os.path.getsize(path) > MAX_BYTES:
            raise SessionError(f"{path} is larger than {MAX_BYTES // 2**20} MB; not a session")
        with open(path, encoding="utf-8") as f:
            return f.read()
    except UnicodeDecodeError:
        raise SessionError(f"{path} is not a text file") from None
    except OSError as exc:
        raise SessionError(f"cannot read {path}: {exc.strerror or exc}") from None


def load_session(path):
    """The document in `path`: a session's dict, or {"expression": text} for a plain text file
    (a .json file is always read as a session)."""
    text = read_text(path)
    if not text.lstrip().startswith("{") and not str(path).lower().endswith(".json"):
        return {"expression": text.rstrip("\n")}   # the editor shows no empty last line
    try:
        doc = json.loads(text, parse_constant=refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise SessionError(f"{path} is not a valid session file: {exc}") from None
    try:
        return checked(doc)
    except SessionError as exc:
        raise SessionError(f"{path}: {exc}") from None


def refuse_constant(name):
    raise ValueError(f"{name} is not allowed (write null)")


def checked(doc):
    """`doc` with every field of the format checked and arrays converted; raises SessionError."""
    require(isinstance(doc, dict) and doc.get("format") == FORMAT, f'"format" is not "{FORMAT}"')
    require(doc.get("version") == VERSION,
            f"version {doc.get('version')!r} is not supported (only {VERSION})")
    require(isinstance(doc.get("expression"), str), '"expression" must be a string')
    inputs = doc.get("inputs", {})
    require(isinstance(inputs, dict), '"inputs" must map names to {"shape", "values"}')
    cursor = doc.get("cursor", 0)
    require(isinstance(cursor, int) and not isinstance(cursor, bool) and cursor >= 0,
            '"cursor" must be a whole number ≥ 0')
    for key in ("start", "selection"):
        require(doc.get(key) is None or isinstance(doc[key], str), f'"{key}" must be a string or null')
    upstream = doc.get("upstream")
    result = {"format": FORMAT, "expression": doc["expression"],
              "inputs": {name: input_array(name, spec) for name, spec in inputs.items()},
              "upstream": None if upstream is None else array_from(upstream, "upstream"),
              "start": doc.get("start"), "cursor": cursor, "selection": doc.get("selection"),
              "positions": checked_positions(doc.get("positions", {}))}
    check_inputs_fit(result)
    return result


def checked_positions(positions):
    require(isinstance(positions, dict) and all(
        isinstance(p, list) and len(p) == 2 and all(numbers_only(x, 2) and x is not None for x in p)
        for p in positions.values()), '"positions" must map node ids to [x, y]')
    return positions


def check_inputs_fit(doc):
    """The inputs must belong to the expression and fit its rules. Problems the expression has
    by itself (a hole of a half-built graph) are its own; the editor shows a text that does
    not parse."""
    try:
        program = engine.parse(doc["expression"])
    except engine.EngineError:
        return
    unknown = sorted(set(doc["inputs"]) - {i.name for i in program.inputs})
    require(not unknown, f"{', '.join(unknown)}: not an input of the expression")
    own = infer_shapes(program).problems
    given = infer_shapes(program, {n: a.shape for n, a in doc["inputs"].items()}).problems
    added = [p for name, p in given.items() if name not in own]
    require(not added, f"the inputs do not fit the expression: {added[0] if added else ''}")


def input_array(name, spec):
    require(isinstance(spec, dict) and "values" in spec, f'input {name!r} needs "shape" and "values"')
    arr = array_from(spec["values"], f"input {name!r}")
    shape = spec.get("shape")
    require(isinstance(shape, list) and list(arr.shape) == shape,
            f"input {name!r}: shape {shape!r} does not match its values {list(arr.shape)}")
    return arr


def array_from(values, what):
    """A float array from a nested list of numbers (null is NaN), at most 2 dimensions; an integer
    array when every number is written as an integer (class labels)."""
    require(numbers_only(values, 0), f"{what}: values must be numbers (or null) nested at most 2 deep")
    try:
        return np.array(values, dtype=np.int64 if integers_only(values) else float)
    except ValueError:
        raise SessionError(f"{what}: rows of different lengths") from None


def integers_only(values):
    if isinstance(values, list):
        return bool(values) and all(integers_only(v) for v in values)
    return isinstance(values, int) and not isinstance(values, bool)


def numbers_only(values, depth):
    if isinstance(values, list):
        return depth < 2 and all(numbers_only(v, depth + 1) for v in values)
    return values is None or (isinstance(values, (int, float)) and not isinstance(values, bool))


def require(ok, message):
    if not ok:
        raise SessionError(message)
