"""Session files: the document as plain JSON (no Python objects are ever unpickled), saved atomically,
checked on open.

{"format": "backprop-studio", "version": 1, "expression": str,
 "inputs": {name: {"shape": [..], "values": nested list}}, "upstream": nested list or null,
 "start": node or null, "cursor": int, "selection": entry or null, "positions": {id: [x, y]}}
NaN and ±inf are written as null. A file that is not JSON is read as an expression."""
import contextlib
import errno
import json
import math
import os
import secrets
import stat

import numpy as np

import engine
from engine.entries import parse_entry
from engine.files import read_text as read_regular_text
from engine.program import infer_shapes

FORMAT, VERSION = "backprop-studio", 1
MAX_BYTES = 64 * 2**20   # refuse anything larger before reading it
MAX_POSITION = 1e6       # canvas coordinates: far beyond any laid-out graph, far below where +1 is lost


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
    """Write `doc` to `path` atomically: a temporary file beside the target, then os.replace.
    A symlink is written through to its target; an existing file keeps its permission bits, a new
    one follows the umask; a directory, a device or a file that cannot be written is refused. On
    any failure no temporary file is left and the old file is untouched."""
    target = os.path.realpath(path)
    try:
        mode = existing_mode(target)
        replace_with(target, to_text(doc).encode("utf-8"), mode)
    except OSError as exc:
        raise SessionError(f"cannot save {path}: {exc.strerror or exc}") from None


def existing_mode(target):
    """The permission bits of the file at `target`, or None when there is none yet; raises
    OSError for a target that is not a regular file this process may write."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "it is not a regular file (a device or a pipe)")
    if not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is not writable")
    return stat.S_IMODE(info.st_mode)


def replace_with(target, data, mode):
    """Write `data` to a new file beside `target` and rename it over `target`; the new file is
    created with 0666 less the umask, then given `mode` when the old file had one."""
    tmp = None
    try:
        fd, tmp = create_beside(target)
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


def create_beside(target):
    """(fd, path) of a new, empty `.save-*.tmp` file in `target`'s folder."""
    folder = os.path.dirname(target)
    for _ in range(100):
        tmp = os.path.join(folder, f".save-{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name beside the file")


def write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


# -- opening -------------------------------------------------------------------------------------------
def read_text(path):
    """The text of a regular file of at most MAX_BYTES (a device, a FIFO, a directory are refused)."""
    try:
        return read_regular_text(path, "a session or expression file", MAX_BYTES)
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
    """`doc` with every field of the format checked and arrays converted; raises SessionError."""
    require(isinstance(doc, dict) and doc.get("format") == FORMAT, f'"format" is not "{FORMAT}"')
    require(is_whole(doc.get("version")) and doc["version"] == VERSION,
            f"version {compact(doc.get('version'))} is not supported (only {VERSION})")
    require(isinstance(doc.get("expression"), str), '"expression" must be a string')
    inputs = doc.get("inputs", {})
    require(isinstance(inputs, dict), '"inputs" must map names to {"shape", "values"}')
    cursor = doc.get("cursor", 0)
    require(is_whole(cursor) and cursor >= 0, '"cursor" must be a whole number ≥ 0')
    for key in ("start", "selection"):
        require(doc.get(key) is None or isinstance(doc[key], str), f'"{key}" must be a string or null')
    checked_selection(doc.get("selection"))
    upstream = doc.get("upstream")
    result = {"format": FORMAT, "expression": doc["expression"],
              "inputs": {name: input_array(name, spec) for name, spec in inputs.items()},
              "upstream": None if upstream is None else array_from(upstream, "upstream"),
              "start": doc.get("start"), "cursor": cursor, "selection": doc.get("selection"),
              "positions": checked_positions(doc.get("positions", {}))}
    check_inputs_fit(result)
    return result


def is_whole(value):
    return isinstance(value, int) and not isinstance(value, bool)


def checked_selection(selection):
    """A selection must be written as programs read entries (`grad a[0,1]`); whether the program
    has it is checked when the document is shown."""
    if selection is not None:
        try:
            parse_entry(selection)
        except engine.InputError as exc:
            raise SessionError(f'"selection": {exc}') from None


def position_to_save(p):
    """A node's (x, y) as a session holds it: within ±MAX_POSITION, so every saved file opens."""
    return [min(max(float(v), -MAX_POSITION), MAX_POSITION) for v in p]


def checked_positions(positions):
    require(isinstance(positions, dict) and all(
        isinstance(p, list) and len(p) == 2 and all(numbers_only(x, 2) and x is not None for x in p)
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


def input_array(name, spec):
    require(isinstance(spec, dict) and "values" in spec, f'input {name!r} needs "shape" and "values"')
    arr = array_from(spec["values"], f"input {name!r}")
    shape = spec.get("shape")
    require(isinstance(shape, list) and all(is_whole(n) for n in shape) and list(arr.shape) == shape,
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
