"""What the user edits, as one immutable value (Document), and what the user looks at (View).

Every user edit (applied text, a canvas edit, a move, an input, G, the start node, the seed) makes
a new Document from the last one; the history of edits is a list of them (gui.model.history).
The View (cursor, selected node and entry, the "terms through" choice) is not an edit: stepping
changes it without a history entry, and each history entry keeps the View it was left with."""
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np


def frozen_array(values, dtype=None):
    """An owned, read-only copy (an integer array stays integer: labels); one already made is kept."""
    ours = isinstance(values, np.ndarray) and not values.flags.writeable and values.flags.owndata
    if ours and dtype is None:
        return values
    arr = np.array(values, dtype=dtype)
    if arr.dtype.kind not in "fi":
        arr = arr.astype(np.float64)
    arr.flags.writeable = False
    return arr


def frozen_map(mapping=None, value=lambda v: v):
    """A read-only mapping; one already made (another Document's) is kept, so edits that leave a
    field alone leave it the very same object."""
    if isinstance(mapping, MappingProxyType):
        return mapping
    return MappingProxyType({k: value(v) for k, v in (mapping or {}).items()})


@dataclass(frozen=True, eq=False)
class Document:
    """text: the applied expression; inputs: {name: array} the user gave (the rest are drawn from
    rng_seed); upstream: G = ∂L/∂start, or None for ones, with its origin (the name of its
    preset, gui.model.upstream.PRESETS); start: the node the backward pass starts from (None: the
    output); positions: {node id: (x, y)} on the canvas."""
    text: str
    inputs: MappingProxyType = field(default_factory=frozen_map)
    upstream: object = None
    upstream_origin: str = "ones"
    start: object = None
    rng_seed: int = 0
    positions: MappingProxyType = field(default_factory=frozen_map)

    def __post_init__(self):
        put = object.__setattr__   # freezing the containers given, once, as the value is made
        put(self, "inputs", frozen_map(self.inputs, frozen_array))
        put(self, "positions", frozen_map(self.positions, lambda p: (float(p[0]), float(p[1]))))
        if self.upstream is not None:
            put(self, "upstream", frozen_array(self.upstream))
        put(self, "upstream_origin", self.upstream_origin if self.upstream is not None else "ones")
        put(self, "rng_seed", int(self.rng_seed))

    def edited(self, **fields):
        """This document with `fields` changed."""
        return replace(self, **fields)

    def computes_like(self, other):
        """True when `other` differs at most in its canvas positions: the same pass."""
        return (self.text == other.text and self.inputs is other.inputs and self.upstream is other.upstream
                and self.upstream_origin == other.upstream_origin and self.start == other.start
                and self.rng_seed == other.rng_seed)


@dataclass(frozen=True)
class View:
    """cursor: steps 1..cursor are done; node: the selected value's name ("" none); entry:
    (name, index, is_grad) or None; through: the node an entry's terms go through (None: the
    nearest named values)."""
    cursor: int = 0
    node: str = ""
    entry: tuple = None
    through: str = None

    def edited(self, **fields):
        return replace(self, **fields)
