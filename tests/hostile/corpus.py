"""A generator of hostile inputs, by class: numbers at the float and int limits in every numeric
field of a session, every flag given a bad value, every file argument given a folder, a FIFO, a
device, symlinks and bytes that are not UTF-8. Each case is (id, what it is, must it be refused)."""
import json
import os

from tests.hostile.harness import ROOT

SEED_SESSION = os.path.join(ROOT, "resources", "examples", "seed_step6.json")
SEED_EXPR = "a = randn(2, 2); b = randn(2, 2); c = randn(2); d = a @ b + c"

# JSON numbers at the limits: the first five no session can hold; the rest may be refused or opened
LIMITS = {"inf": "1e999", "minus_inf": "-1e999", "int_400_digits": "1" + "0" * 400,
          "minus_int_400_digits": "-1" + "0" * 400, "bool": "true",
          "max_float": "1.7976931348623157e308", "minus_max_float": "-1.7976931348623157e308",
          "int64_max": str(2**63 - 1), "uint64_over": str(2**64), "subnormal": "5e-324", "underflow": "1e-400",
          "negative": "-1", "null": "null", "half": "0.5"}
NEVER = ("inf", "minus_inf", "int_400_digits", "minus_int_400_digits", "bool")
HOLE = "\u0000hole\u0000"


def seed_document():
    with open(SEED_SESSION, encoding="utf-8") as f:
        doc = json.load(f)
    doc["positions"] = {"d": [120.0, 40.0]}
    return doc


def numeric_paths(value, path=()):
    """The path of every number in a JSON value (booleans are not numbers)."""
    if isinstance(value, dict):
        for key, v in value.items():
            yield from numeric_paths(v, path + (key,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from numeric_paths(v, path + (i,))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield path


def with_raw_number(doc, path, raw):
    """`doc` as JSON text with the number at `path` written as `raw`, exactly as given."""
    doc = json.loads(json.dumps(doc))
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = HOLE
    return json.dumps(doc).replace(json.dumps(HOLE), raw)


def session_number_cases():
    doc = seed_document()
    for path in numeric_paths(doc):
        for name, raw in LIMITS.items():
            yield "/".join(map(str, path)) + "=" + name, with_raw_number(doc, path, raw), name in NEVER


BAD_VALUES = {"negative": "-1", "arabic_digit": "٣", "fullwidth_digit": "３", "float": "1.5",
              "huge": "9" * 400, "empty": "", "word": "x", "long": "y" * 5000, "nan": "nan", "inf": "1e999",
              "entry_double_comma": "a[0,,1]", "entry_space": "a[0 1]"}
# per flag, the values it may take: any other value is refused with one message
ENGINE_FLAGS = {"--rng-seed": (), "--entry": (), "--through": ("empty",), "--start": ("empty",),
                "--format": (), "--input": ()}
APP_FLAGS = {"--steps": ("huge_ok",), "--rng-seed": (), "--size": (), "--select": ("empty",)}


def engine_flag_cases():
    for flag, allowed in ENGINE_FLAGS.items():
        for name, value in BAD_VALUES.items():
            args = ["explain", SEED_EXPR, "--entry", "a[0,0]", flag, value] if flag != "--entry" else \
                ["explain", SEED_EXPR, "--entry", value]
            yield f"{flag}={name}", args, name not in allowed


def app_flag_cases():
    for flag, allowed in APP_FLAGS.items():
        for name, value in BAD_VALUES.items():
            yield f"{flag}={name}", [flag, value], name not in allowed


def file_kinds(tmp):
    """{kind: a path of that kind under `tmp`}; each must be refused where a file is read."""
    os.mkfifo(tmp / "fifo")
    (tmp / "latin1.txt").write_bytes("d = a * 2  # café\n".encode("latin-1"))
    (tmp / "loop").symlink_to(tmp / "loop")
    (tmp / "to_device").symlink_to("/dev/zero")
    (tmp / "dangling").symlink_to(tmp / "nowhere")
    return {"folder": str(tmp), "fifo": str(tmp / "fifo"), "device": "/dev/zero", "latin1": str(tmp / "latin1.txt"),
            "binary": "/bin/ls", "symlink_loop": str(tmp / "loop"), "symlink_to_device": str(tmp / "to_device"),
            "dangling_symlink": str(tmp / "dangling")}


FILE_KINDS = ("folder", "fifo", "device", "latin1", "binary", "symlink_loop", "symlink_to_device",
              "dangling_symlink")
OUTPUT_KINDS = ("folder", "fifo", "device", "symlink_loop", "symlink_to_device")   # a file written
# each file argument: the command line around the path (and, for the app, its screenshot `out`)
ENGINE_FILE_ARGS = {"@EXPR": lambda p: ["grad", f"@{p}"],
                    "--input": lambda p: ["grad", SEED_EXPR, "--input", f"a={p}"],
                    "--upstream": lambda p: ["grad", SEED_EXPR, "--upstream", p]}
APP_FILE_ARGS = {"--open": lambda p, out: ["--screenshot", out, "--open", p],
                 "--screenshot": lambda p, out: ["--screenshot", p]}
