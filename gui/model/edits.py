"""User edits as Document -> Document functions. An edit that the engine refuses raises
EngineError when its document is shown (gui.model.shown.derive), changing nothing."""
import numpy as np

from engine import guard_memory, infer_shapes, initial_value


def with_text(document, shown, text, program, positions=None):
    """The document on a new text (`program`: it parsed): the inputs, G and start node kept where
    they still fit, and the nodes' places (`positions`, or those shown) under their ids."""
    upstream = kept_upstream(document, shown, program)
    return document.edited(text=text, inputs=kept_inputs(document, program), upstream=upstream,
                           upstream_origin=document.upstream_origin, start=kept_start(document, program),
                           positions=shown.places() if positions is None else positions)


def kept_inputs(document, program):
    """Inputs the user gave that the new program still has, with the shape it declares."""
    kept = {}
    for inp in program.inputs:
        given = document.inputs.get(inp.name)
        if given is not None and (not inp.declared or np.shape(given) == inp.shape):
            kept[inp.name] = given
    return kept


def kept_start(document, program):
    return document.start if document.start in program.names() else None


def kept_upstream(document, shown, program):
    """The user's G while the new program's start node has the same name and shape."""
    start = document.start or shown.program.output
    if document.upstream is None or (kept_start(document, program) or program.output) != start:
        return None
    shapes = infer_shapes(program).shapes
    return document.upstream if shapes.get(start) == np.shape(document.upstream) else None


def with_input(document, name, array):
    """Input `name` given these values (its shape may differ, for an undeclared input); class
    labels stay integers and float32 stays float32 (the pass then runs as the engine does)."""
    array = np.asarray(array)
    kept = array.dtype.kind in "iu" or array.dtype == np.float32
    return document.edited(inputs={**document.inputs, name: array if kept else array.astype(float)})


def with_input_shape(document, program, name, shape):
    """A new shape for an undeclared input, with freshly drawn values (refused before drawing
    when they would not fit in memory)."""
    shape = tuple(shape)
    guard_memory({name: shape}, np.dtype(np.float64).itemsize)
    values = initial_value(program.input(name), shape, np.float64, document.rng_seed)
    return with_input(document, name, values)


def with_upstream(document, upstream, origin="typed"):
    """G typed by hand (or a preset's, named by `origin`); None: ones again."""
    return document.edited(upstream=upstream, upstream_origin=origin)


def with_start(document, start):
    """The backward pass from `start` (None: the output); G goes back to ones of its shape."""
    return document.edited(start=start or None, upstream=None)
