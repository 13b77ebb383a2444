"""Session files: the document as plain JSON (no Python objects are ever unpickled), saved atomically,
checked on open. Version 2, written since the app model:

{"format": "backprop-studio", "version": 2, "expression": str, "rng_seed": int,
 "inputs": {name: {"shape": [..], "dtype": "float64" | "float32" | "int64", "values": nested list}},
 "upstream": nested list or null, "upstream_origin": "ones" | "typed" | a preset's name,
 "start": node or null, "view": {"cursor": int, "selection": entry or null, "through": node or null},
 "positions": {id: [x, y]}}
NaN and ±inf are written as the strings "nan", "inf", "-inf"; unknown keys are refused.
Version 1 still opens: no rng_seed, dtype, upstream_origin or view (its "cursor" and "selection"
are top-level keys), and NaN and ±inf written as null. A file that is not JSON is read as an
expression."""
import json
import math

import numpy as np

import engine
from engine import format_entry, infer_shapes, parse_entry, read_text_file
from gui.model.document import Document

FORMAT, VERSION = "backprop-studio", 2
KEYS = {1: {"format", "version", "expression", "inputs", "upstream", "start", "cursor", "selection",
            "positions"},
        2: {"format", "version", "expression", "rng_seed", "inputs", "upstream", "upstream_origin", "start",
            "view", "positions"}}
INPUT_KEYS = {1: {"shape", "values"}, 2: {"shape", "dtype", "values"}}
VIEW_KEYS = {"cursor", "selection", "through"}
DTYPES = ("float64", "float32", "int64")
NON_FINITE = {"nan": np.nan, "inf": np.inf, "-inf": -np.inf}
MAX_BYTES = 64 * 2**20   # refuse anything larger before reading it
MAX_POSITION = 1e6       # canvas coordinates: far beyond any laid-out graph, far below where +1 is lost


class SessionError(Exception):
    """A file that cannot be opened or saved; str() is the message shown to the user."""


# -- saving ------------------------------------------------------------------------------------------
def as_json_array(arr):
    """A nested list of numbers (ints for an integer array), with NaN and ±inf as "nan", "inf", "-inf"."""
    arr = np.asarray(arr)
    if arr.dtype.kind in "iu":
        return arr.tolist()   # class labels stay integers
    arr = arr.astype(float)
    return np.vectorize(json_number, otypes=[object])(arr).tolist() if arr.size else arr.tolist()


def json_number(x):
    return float(x) if np.isfinite(x) else "nan" if np.isnan(x) else "inf" if x > 0 else "-inf"


def entry_text(entry):
    """(name, index, is_grad) as programs write it: `grad a[0,0]`, `d[1,0]`; None stays None."""
    if entry is None:
        return None
    name, index, is_grad = entry
    return ("grad " if is_grad else "") + format_entry(name, index)


def session_dict(shown, view):
    """The shown document and its view as the file format's dict (every input's values, drawn
    ones too, and every node's place as shown)."""
    document, names = shown.document, set(shown.program.names())
    upstream = document.upstream
    return {"format": FORMAT, "version": VERSION, "expression": document.text, "rng_seed": document.rng_seed,
            "inputs": {n: input_entry(document.inputs.get(n, a))
                       for n, a in shown.input_values().items() if n in names},
            "upstream": None if upstream is None else as_json_array(upstream),
            "upstream_origin": document.upstream_origin, "start": document.start,
            "view": {"cursor": view.cursor if shown.session is not None else 0,
                     "selection": entry_text(view.entry), "through": view.through},
            "positions": {n: position_to_save(p) for n, p in shown.places().items()}}


def position_to_save(p):
    """A node's (x, y) as a session holds it: within ±MAX_POSITION, so every saved file opens."""
    return [min(max(float(v), -MAX_POSITION), MAX_POSITION) for v in p]


def input_entry(arr):
    """An input as the file writes it: the user's own array (its dtype kept), else the drawn one."""
    return {"shape": list(np.shape(arr)), "dtype": np.asarray(arr).dtype.name, "values": as_json_array(arr)}


def document_of(doc, rng_seed):
    """The Document of an opened file's dict (load_session's, or {"expression": text});
    `rng_seed` when the file has none."""
    seed = doc.get("rng_seed")
    return Document(doc["expression"], doc.get("inputs") or {}, doc.get("upstream"),
                    doc.get("upstream_origin", "ones"), doc.get("start"), rng_seed if seed is None else seed,
                    {n: tuple(p) for n, p in (doc.get("positions") or {}).items()})


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
    """Write `doc` to `path` atomically (gui.model.safe_write: modes kept, symlinks followed,
    nothing left behind by a failure)."""
    from gui.model.safe_write import write_atomically   # loaded on the first save, not to open the app
    try:
        write_atomically(path, to_text(doc).encode("utf-8"))
    except OSError as exc:
        raise SessionError(f"cannot save {path}: {exc.strerror or exc}") from None


# -- opening -------------------------------------------------------------------------------------------
def read_text(path):
    """The text of a regular file of at most MAX_BYTES (a device, a FIFO, a directory are refused)."""
    try:
        return read_text_file(path, "a session or expression file", MAX_BYTES)
    except engine.InputError as exc:
        raise SessionError(str(exc)) from None


def load_session(path):
    """The document in `path`: a session's dict, or {"expression": text} for a plain text file
    (a .json file is always read as a session)."""
    text = read_text(path)
    if not text.lstrip().startswith("{") and not str(path).lower().endswith(".json"):
        return {"expression": text.rstrip("\n")}   # the editor shows no empty last line
    try:
        doc = json.loads(text, parse_constant=refuse_constant, parse_float=finite_float, parse_int=finite_int)
    except (ValueError, RecursionError) as exc:
        raise SessionError(f"{path} is not a valid session file: {exc}") from None
    try:
        return checked(doc)
    except SessionError as exc:
        raise SessionError(f"{path}: {exc}") from None


def refuse_constant(name):
    raise ValueError(f"{name} is not allowed (write null)")


def finite_float(text):
    """A JSON number as a float; `1e999` (which Python reads as inf) is refused, as inf is."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:40]} is too large")
    return value


def finite_int(text):
    """A JSON whole number, which must also fit a float (a 400-digit one does not)."""
    value = int(text)
    try:
        float(value)
    except OverflowError:
        raise ValueError(f"the number {text[:40]}… is too large") from None
    return value


def checked(doc):
    """`doc` with every field of the format checked and arrays converted; raises SessionError.
    Either version comes back in one form: {"format", "expression", "inputs": {name: array},
    "upstream", "upstream_origin", "rng_seed" (None: the app's), "start", "cursor", "selection",
    "through", "positions"}."""
    version = checked_version(doc)
    require(isinstance(doc.get("expression"), str), '"expression" must be a string')
    inputs = doc.get("inputs", {})
    require(isinstance(inputs, dict), '"inputs" must map names to {"shape", "values"}')
    view = checked_view(doc.get("view", {})) if version == 2 else checked_view(doc, own=False)
    require(doc.get("start") is None or isinstance(doc["start"], str), '"start" must be a string or null')
    upstream = doc.get("upstream")
    origin = doc.get("upstream_origin", "ones" if upstream is None else "typed")
    require(isinstance(origin, str), '"upstream_origin" must be a string')
    seed = doc.get("rng_seed")
    require(seed is None or (isinstance(seed, int) and not isinstance(seed, bool) and seed >= 0),
            '"rng_seed" must be a whole number ≥ 0')
    result = {"format": FORMAT, "expression": doc["expression"],
              "inputs": {name: input_array(name, spec, version) for name, spec in inputs.items()},
              "upstream": None if upstream is None else array_from(upstream, "upstream", version),
              "upstream_origin": origin, "rng_seed": seed, "start": doc.get("start"), **view,
              "positions": checked_positions(doc.get("positions", {}))}
    check_inputs_fit(result)
    return result


def checked_version(doc):
    """The file's version, once its format and its keys are known; raises SessionError."""
    require(isinstance(doc, dict) and doc.get("format") == FORMAT, f'"format" is not "{FORMAT}"')
    version = doc.get("version")
    require(version in KEYS and not isinstance(version, bool),
            f"version {version!r} is not supported (only {', '.join(map(str, KEYS))})")
    unknown = sorted(set(doc) - KEYS[version])
    require(not unknown, f"unknown key {', '.join(map(repr, unknown))} (a version {version} session has "
                         f"{', '.join(sorted(KEYS[version]))})")
    return version


def checked_view(view, own=True):
    """cursor, selection and through, from a version 2 "view" (`own`: nothing else is in it) or
    a version 1 file's top level."""
    require(isinstance(view, dict), '"view" must be {"cursor", "selection", "through"}')
    cursor = view.get("cursor", 0)
    require(isinstance(cursor, int) and not isinstance(cursor, bool) and cursor >= 0,
            '"cursor" must be a whole number ≥ 0')
    for key in ("selection", "through"):
        require(view.get(key) is None or isinstance(view[key], str), f'"{key}" must be a string or null')
    checked_selection(view.get("selection"))
    if own:
        unknown = sorted(set(view) - VIEW_KEYS)
        require(not unknown, f'unknown key {", ".join(map(repr, unknown))} in "view"')
    return {"cursor": cursor, "selection": view.get("selection"), "through": view.get("through")}


def checked_selection(selection):
    """A selection must be written as programs read entries (`grad a[0,1]`); whether the program
    has it is checked when the document is shown."""
    if selection is not None:
        try:
            parse_entry(selection)
        except engine.InputError as exc:
            raise SessionError(f'"selection": {exc}') from None


def checked_positions(positions):
    require(isinstance(positions, dict) and all(
        isinstance(p, list) and len(p) == 2 and all(is_number(x) and math.isfinite(x) for x in p)
        for p in positions.values()), '"positions" must map node ids to [x, y]')
    require(all(abs(x) <= MAX_POSITION for p in positions.values() for x in p),
            f'"positions" must lie within ±{MAX_POSITION:.0e} (a canvas coordinate)')
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


def input_array(name, spec, version):
    require(isinstance(spec, dict) and "values" in spec, f'input {name!r} needs "shape" and "values"')
    unknown = sorted(set(spec) - INPUT_KEYS[version])
    require(not unknown, f"input {name!r}: unknown key {', '.join(map(repr, unknown))}")
    # version 1 has no dtype: numbers all written as integers are class labels
    dtype = spec.get("dtype", "int64" if version == 1 and integers_only(spec["values"]) else "float64")
    require(dtype in DTYPES, f"input {name!r}: dtype {dtype!r} is not one of {', '.join(DTYPES)}")
    arr = array_from(spec["values"], f"input {name!r}", version)
    require(dtype != "int64" or bool(np.all(arr == np.round(arr))),
            f"input {name!r}: int64 values must be whole")
    arr = arr.astype(dtype)
    shape = spec.get("shape")
    require(isinstance(shape, list) and all(is_number(n) and not isinstance(n, float) for n in shape)
            and list(arr.shape) == shape,
            f"input {name!r}: shape {shape!r} does not match its values {list(arr.shape)}")
    return arr


def array_from(values, what, version=VERSION):
    """A float array from a nested list of numbers, at most 2 dimensions; NaN and ±inf are the
    strings "nan", "inf", "-inf" (version 1: null is NaN)."""
    require(numbers_only(values, 0, version),
            f"{what}: values must be numbers{' (or null)' if version == 1 else ''} nested at most 2 deep")
    try:
        return np.array(finite_or_named(values), dtype=float)
    except ValueError:
        raise SessionError(f"{what}: rows of different lengths") from None


def integers_only(values):
    if isinstance(values, list):
        return bool(values) and all(integers_only(v) for v in values)
    return isinstance(values, int) and not isinstance(values, bool)


def finite_or_named(values):
    if isinstance(values, list):
        return [finite_or_named(v) for v in values]
    return NON_FINITE.get(values, values) if isinstance(values, str) else values


def numbers_only(values, depth, version=VERSION):
    if isinstance(values, list):
        return depth < 2 and all(numbers_only(v, depth + 1, version) for v in values)
    if version == 1 and values is None:
        return True
    return (isinstance(values, str) and values in NON_FINITE) or is_number(values)


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def require(ok, message):
    if not ok:
        raise SessionError(message)
