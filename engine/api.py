"""The Python API: the same contract as `python -m engine`, for notebooks, scripts and tests."""
from dataclasses import dataclass

from .entries import parse_entry
from .errors import InputError
from .parser import parse
from .passes import run_pass
from .prepared import prepare
from .values import computing


@dataclass(frozen=True)
class Result:
    """Values and gradients of every input and named value (gradients only where a path to L exists)."""
    values: dict
    grads: dict
    records: object


def as_prepared(program):
    """Text, a Program or a Prepared, as a Prepared (a Program is prepared once while it is recent)."""
    return prepare(parse(program) if isinstance(program, str) else program)


def grad(program, inputs=None, upstream=None, *, rng_seed=0, start=None):
    """Forward and backward pass of `program` (text, Program or Prepared); upstream is G = ∂L/∂start
    (default ones, i.e. L = sum(start)). Arithmetic stays in the inputs' dtype."""
    prepared = as_prepared(program)
    records = run_pass(prepared, inputs, upstream, start, rng_seed)
    named = prepared.memo.get("named")
    if named is None:   # asked on every call: listed once per program
        named = prepared.memo["named"] = tuple(prepared.program.named_values())
    return Result({n: records.values[n] for n in named},
                  {n: records.grads[n] for n in named if n in records.grads}, records)


def check(program, *, inputs=None, upstream=None, rng_seed=0, start=None):
    """Gradient check by central differences (see engine.gradcheck) as the CLI's JSON dict."""
    from .gradcheck import gradient_check   # imported on first use, as the attribution below
    with computing():
        return gradient_check(as_prepared(program).program, inputs, upstream, rng_seed, start)


def explanation(program, entry, *, inputs=None, upstream=None, rng_seed=0, start=None, through=None,
                forward=False):
    """The Attribution (or ForwardAttribution) object behind `explain`, for renderers."""
    from .attribution import attribute      # imported on first use: the app starts without them
    from .forward import forward_attribute
    if forward and through is not None:
        raise InputError("a through node is for a gradient entry's terms; a forward equation has none")
    records = run_pass(as_prepared(program), inputs, upstream, start, rng_seed)
    name, index, _ = parse_entry(entry, {n: v.shape for n, v in records.values.items()})
    with computing():
        if forward:
            return forward_attribute(records, (name, index))
        return attribute(records, (name, index), through)


def explain(program, entry, *, inputs=None, upstream=None, rng_seed=0, start=None, through=None,
            forward=False, step=None):
    """The chain-rule terms of ∂L/∂entry = Σ ∂L/∂y[j]·∂y[j]/∂entry over its through nodes' entries
    (or, with forward=True, the scalar equation of the value entry), as the CLI's explain JSON.
    With `step` = K (1-based), also the cells of step K's equation that feed the entry through
    it (engine.step_cells), under "step" (None when step K does not compute the entry)."""
    att = explanation(program, entry, inputs=inputs, upstream=upstream, rng_seed=rng_seed, start=start,
                      through=through, forward=forward)
    with computing():
        return with_step(att, step, forward)


def with_step(att, step, forward):
    """The explain dict of `att`, with the "step" object when a step is asked for."""
    found = att.to_dict()
    if step is not None:
        from .step_cells import step_json
        found["step"] = step_json(att.records, (att.name, att.index), not forward, step)
    return found
