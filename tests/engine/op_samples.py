"""Programs for every op of the registry, written by the engine's own printer, so a new op file
is tested by being added: sample shapes per input, each op's sample params and input domain."""
import itertools

import numpy as np
from hypothesis import strategies as st

from engine import syntax as S
from engine.ops import REGISTRY, ShapeRule

SHAPES = {"scalar": (), "vector": (3,), "matrix": (2, 3), "row": (1, 3)}
LABELS = "labels(2, 3)"   # integer labels for the 2 rows of a sample matrix, in [0, 3)


def written(op, operands, params):
    """`op` over operand texts (each parenthesised unless a plain name), as the language writes it."""
    args = [S.Name(0, 0, t if t.isidentifier() else f"({t})") for t in operands]
    return S.render(S.op_syntax(op, args, tuple(params.items())))


def declared(shape):
    return f"randn({', '.join(map(str, shape))})"


def cases(opdef):
    """(label, text, inputs) per shape combination and sample params that the shape rule allows;
    an input that takes labels is `labels(2, 3)`."""
    names = [f"x{k}" for k in range(opdef.arity)]
    choices = [["labels"] if k in opdef.labels else list(SHAPES) for k in range(opdef.arity)]
    for shapes in itertools.product(*choices):
        dims = [(2,) if s == "labels" else SHAPES[s] for s in shapes]
        for params in opdef.samples:
            try:
                opdef.infer(*dims, **params)
            except ShapeRule:
                continue
            text = "".join(f"{n} = {LABELS if s == 'labels' else declared(d)}\n" for n, s, d in zip(names, shapes, dims))
            yield f"{'/'.join(shapes)} {params or ''}", text + "y = " + written(opdef.name, names, params), \
                inputs(opdef, names, dims)


def inputs(opdef, names, dims, seed=0):
    """Random inputs mapped into each input's domain (log: positive; a divisor: away from 0);
    labels in [0, 3)."""
    rng = np.random.default_rng(seed)
    domain = opdef.domain + (None,) * (opdef.arity - len(opdef.domain))
    return {n: rng.integers(0, 3, d) if k in opdef.labels else (f or (lambda x: x))(np.asarray(rng.standard_normal(d)))
            for k, (n, d, f) in enumerate(zip(names, dims, domain))}


def forms():
    """(op, params) for every op and sample params: the alphabet of random programs."""
    return [(name, params) for name, op in REGISTRY.items() for params in op.samples]


def extend_with_ops(inner, labels="lab"):
    """A hypothesis strategy: any op of the registry over `inner` expressions; an input that
    takes labels is the name `labels` (a program declares it, `lab = labels(2, 2)`)."""
    def build(form):
        op, params = form
        args = [st.just(labels) if k in REGISTRY[op].labels else inner for k in range(REGISTRY[op].arity)]
        return st.tuples(*args).map(lambda args: written(op, args, params))
    return st.sampled_from(forms()).flatmap(build)
