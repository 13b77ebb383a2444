"""Export as code: a program as a self-contained Python module, `forward(inputs) -> dict` and
`backward(values, upstream=None) -> dict`, one line per step.

With numpy, each backward line is the op's vector-Jacobian product written out from its op
file's `numpy_vjps`, commented with its matrix rule (`grad_a = grad_t1 @ b.T  # ∂L/∂a = ∂L/∂t1 @ bᵀ`);
broadcasting is undone where the shapes say it must be, as the engine does. With PyTorch, the
forward lines come from the op files' `torch` source and backward is torch.autograd's. Both
compute L = Σ G ⊙ start, G = upstream (default ones)."""
import inspect
import keyword

import numpy as np

from .api import as_prepared
from .broadcast import unbroadcast
from .errors import InputError
from .npz import GRAD_PREFIX
from .ops import lookup, source, source_fields
from .passes import run_pass
from .program import Const

TARGETS = ("numpy", "torch")
# names the module itself uses: a value named so would shadow them
RESERVED = ("np", "torch", "inputs", "values", "upstream", "forward", "backward", "unbroadcast", "scatter",
            "name", "value", "number")


def export_source(program, to="numpy", *, inputs=None, start=None, rng_seed=0):
    """The module's source for `program` (text, a Program or a Prepared) at its input shapes (from `inputs`, the rest
    as declared), backward from `start` (default the output)."""
    if to not in TARGETS:
        raise InputError(f"export --to takes {' or '.join(TARGETS)}, got {to!r}")
    records = run_pass(as_prepared(program), inputs, None, start, rng_seed)
    check_names(records.values)
    body = numpy_module(records) if to == "numpy" else torch_module(records)
    return "\n".join(header(records, to) + body) + "\n"


def check_names(names):
    """Refuse a value name the module could not write as its own local variable."""
    for name in names:
        if name in RESERVED or name.startswith(GRAD_PREFIX) or keyword.iskeyword(name) or not name.isidentifier():
            raise InputError(f"cannot export a value named {name!r}: the exported module uses "
                             f"{', '.join(RESERVED)} and {GRAD_PREFIX}… for itself; rename it")


def header(records, to):
    start = records.start
    return ['"""Exported by Backprop Studio (' + to + "). forward(inputs) computes every value:",
            *(f"    {eqn}" for eqn in records.program.eqns),
            f"and backward(values, upstream=None) the gradient of every value with a path to {start},",
            f"from G = ∂L/∂{start} = upstream (default ones: L = sum({start})).",
            '"""']


def input_shapes(records):
    return ", ".join(f"{inp.name} {records.values[inp.name].shape}" for inp in records.program.inputs)


def operand_code(x, to="numpy"):
    """How an equation's operand is written: its value's name, or the number (for PyTorch, a
    tensor that tracks gradients like every value does, so each value downstream gets one)."""
    if not isinstance(x, Const):
        return x
    return repr(float(x.value)) if to == "numpy" else f"number({float(x.value)!r})"


def step_line(target, code, comment="", width=40):
    line = f"    {target} = {code}"
    return f"{line.ljust(width)}  # {comment}" if comment else line


def forward_lines(records, to):
    """`t1 = a @ b`: one line per equation, from the op file's source for `to`."""
    lines = []
    for eqn in records.program.eqns:
        if not getattr(lookup(eqn.op), to):
            raise InputError(f"the op {eqn.op} cannot be exported to {to} yet")
        code = source(eqn.op, to, [operand_code(x, to) for x in eqn.inputs], eqn.params)
        lines.append(step_line(eqn.out, code))
    return lines


def unpack(names, source):
    """`a, b = (inputs[k] for k in ("a", "b"))` as one line, or none for no names."""
    if not names:
        return []
    comma = "," if len(names) == 1 else ""
    return [f"    {', '.join(names)}{comma} = ({source}[k] for k in ({', '.join(map(repr, names))}{comma}))"]


def returned(names, prefix=""):
    return "    return {" + ", ".join(f"{n!r}: {prefix}{n}" for n in names) + "}"


# ---- numpy -----------------------------------------------------------------------------------

SCATTER = '''def scatter(g, shape, key):
    """Zeros of `shape` with g written at `key`: the backward of picking entries x[key]."""
    grad = np.zeros(shape, dtype=np.result_type(g, float))
    grad[key] = g
    return grad'''
# what a backward line may call, by name: the engine's own unbroadcast, and scatter
HELPERS = {"unbroadcast": inspect.getsource(unbroadcast).rstrip(), "scatter": SCATTER}


NUMPY_MODULE = '''import numpy as np
{helpers}

def forward(inputs):
    """Every value of the program, from its inputs: {shapes}."""
{unpack_inputs}
{forward}
{return_values}


def backward(values, upstream=None):
    """∂L/∂x of every value with a path to {start}; G = upstream is ∂L/∂{start}."""
{unpack_values}
{seed}
{backward}
{return_grads}'''


def numpy_module(records):
    program, start = records.program, records.start
    backward = backward_lines(records)
    helpers = "".join(f"\n\n{text}\n" for name, text in HELPERS.items() if any(f"{name}(" in b for b in backward))
    inputs = [inp.name for inp in program.inputs]
    everything = [*inputs, *(e.out for e in program.eqns)]
    grads = list(dict.fromkeys([start, *(s.target for s in records.steps if s.kind == "backward")]))
    seed = step_line(GRAD_PREFIX + start, f"np.ones_like({start}) if upstream is None else upstream", f"∂L/∂{start} = G")
    return NUMPY_MODULE.format(
        helpers=helpers, shapes=input_shapes(records), unpack_inputs="\n".join(unpack(inputs, "inputs")),
        forward="\n".join(forward_lines(records, "numpy")), return_values=returned(everything), start=start,
        unpack_values="\n".join(unpack(everything, "values")), seed=seed, backward="\n".join(backward),
        return_grads=returned(grads, GRAD_PREFIX)).splitlines()


def backward_lines(records):
    """One line per backward step: `grad_a = grad_t1 @ b.T  # ∂L/∂a = ∂L/∂t1 @ bᵀ`."""
    return [vjp_line(step, records.values) for step in records.steps if step.kind == "backward"]


def vjp_line(step, values):
    """`grad_x = <the VJP's source>` (`+` the earlier part when it accumulates), undoing
    broadcasting where the VJP's result is larger than x, commented with the step's rule."""
    eqn, i = step.eqn, step.operand_index
    op = lookup(eqn.op)
    code = vjp_code(op, i, eqn, values)
    if contribution_shape(op, step) != step.array.shape:
        code = f"unbroadcast({code}, {step.array.shape!r})"
    target = GRAD_PREFIX + step.target
    if step.accumulates:
        return step_line(target, f"{target} + {code}", step.rule.text.replace(" = ", " += ", 1))
    return step_line(target, code, step.rule.text)


def vjp_code(op, i, eqn, values):
    """The op file's numpy source of its VJP for operand i, with this equation's operands."""
    template = op.numpy_vjps[i] if i < len(op.numpy_vjps) else None
    if template is None:
        raise InputError(f"the op {eqn.op} cannot be exported to numpy yet: it has no backward source")
    fields = source_fields(op, eqn.params)
    if callable(template):
        template = template(tuple(np.shape(values.get(x, x)) for x in eqn.inputs), fields)
    return template.format(*map(operand_code, eqn.inputs), g=GRAD_PREFIX + eqn.out, y=eqn.out, **fields)


def contribution_shape(op, step):
    """The shape of the VJP's own result, before broadcasting is undone (as the engine sees it)."""
    vjp = op.vjps[step.operand_index]
    return vjp(step.upstream, step.output, *step.operands, **step.eqn.kwargs).shape


# ---- PyTorch ---------------------------------------------------------------------------------

TORCH_MODULE = '''import torch


def number(x):
    return torch.tensor(x, dtype=torch.float64, requires_grad=True)


def forward(inputs):
    """Every value as a float64 tensor that keeps its gradient, from its inputs: {shapes}."""
{unpack}
{lines}
    values = {values}
    for value in values.values():
        if not value.is_leaf:
            value.retain_grad()
    return values


def backward(values, upstream=None):
    """∂L/∂x by torch.autograd, for L = Σ G ⊙ {start}."""
    {start} = values[{start!r}]
    {start}.backward(torch.ones_like({start}) if upstream is None else torch.as_tensor(upstream, dtype={start}.dtype))
    return {{name: value.grad for name, value in values.items() if value.grad is not None}}'''


def torch_module(records):
    program = records.program
    inputs = [inp.name for inp in program.inputs]
    floats = [inp.name for inp in program.inputs if not inp.classes]
    labels = [inp.name for inp in program.inputs if inp.classes]
    tensors = [*(line.replace("(inputs[k] for", "(number(inputs[k]) for") for line in unpack(floats, "inputs")),
               *(line.replace("(inputs[k] for", "(torch.tensor(inputs[k]) for") for line in unpack(labels, "inputs"))]
    values = returned([*inputs, *(e.out for e in program.eqns)]).strip()[len("return "):]
    return TORCH_MODULE.format(shapes=input_shapes(records), unpack="\n".join(tensors), values=values,
                               lines="\n".join(forward_lines(records, "torch")), start=records.start).splitlines()
