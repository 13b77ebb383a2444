"""The upstream gradient G = ∂L/∂y (y the start node) that the backward pass starts from, chosen
from a few presets, each one undo step:

- ones: G = 1 everywhere, i.e. L = sum(y): the seed's `gradient=None`, and what a document starts with.
- random: G drawn from N(0, 1), seeded by the document's seed (a new seed, a new G). It has
  no structure of its own, so the rows and columns of the gradients show the program's structure.
- mse: an upstream loss, L = mean((y − T)²) against random targets T (seeded likewise), so
  G = 2(y − T)/N with N the number of entries of y. It follows y: when y's values change, G does.
- typed: numbers typed by hand (or loaded), kept as they are.

A Document stores G as numbers (None for ones) beside the name of its preset (`upstream_origin`)."""
import zlib

import numpy as np

PRESETS = ("ones", "random", "mse", "typed")
DRAWN = ("random", "mse")   # presets that are functions of the seed (and of y)
TITLES = {"ones": "ones (L = sum)", "random": "random", "mse": "mse (random targets)",
          "typed": "typed"}


def stream(seed, what):
    """A generator of its own for G or the targets, so they never repeat an input's draw."""
    return np.random.default_rng([int(seed), zlib.crc32(what.encode())])


def targets(y, seed):
    """The mse preset's random targets T, of y's shape."""
    return stream(seed, "targets T").standard_normal(np.shape(y))


def preset_upstream(preset, y, seed, current=None):
    """G of `preset` for the start node's value `y` (None for ones); `current`: the G in use
    (None: ones), which the typed preset keeps as numbers to edit."""
    y = np.asarray(y)
    dtype = y.dtype if y.dtype.kind == "f" else np.float64
    if preset == "ones":
        return None
    if preset == "random":
        return stream(seed, "upstream G").standard_normal(y.shape).astype(dtype)
    if preset == "mse":
        return (2.0 * (y - targets(y, seed)) / max(y.size, 1)).astype(dtype)
    if preset == "typed":
        return np.ones(y.shape, dtype) if current is None else np.array(current, dtype)
    raise ValueError(f"no G preset {preset!r}: one of {', '.join(PRESETS)}")


def in_use(session):
    """G as `session`'s pass uses it: the document's, or ones of the start node's shape."""
    start = session.records.values[session.records.start]
    return session.upstream if session.upstream is not None else np.ones(np.shape(start))


def described(origin, start):
    """What G is, in a few words (the inputs panel's heading)."""
    return {"ones": f"ones: L = sum({start})", "random": "random, seeded",
            "mse": f"mse: L = mean(({start} − T)²), T random",
            }.get(origin, "typed by hand")


def seed_note(origin, start):
    """The seed step's note: which G the backward pass starts from, and what L that makes."""
    return {"ones": f"G = ones: L = sum({start})",
            "random": f"G = random (seeded): L = Σ G ⊙ {start}, no structure of its own",
            "mse": f"G = 2({start} − T)/N: L = mean(({start} − T)²), T random targets",
            }.get(origin, f"G typed by you: L = Σ G ⊙ {start}")


def followed(document, start_value):
    """`document` with a drawn preset's G (random, mse) drawn again for y = `start_value` and the
    document's seed, so that G stays what its preset says after any edit; the same document when
    G is ones or typed, or already the one they give."""
    if document.upstream_origin not in DRAWN or start_value is None:
        return document
    upstream = preset_upstream(document.upstream_origin, start_value, document.rng_seed)
    if np.array_equal(upstream, document.upstream):
        return document
    return document.edited(upstream=upstream)
