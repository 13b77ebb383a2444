"""The shown pass handed to the engine's functions for her own arrays: written to an .npz, exported
as a numpy or PyTorch module, cross-checked with PyTorch, compared with her gradient. Each runs
the pass with the document's inputs, G and start node, so it answers for what is on screen. Qt-free."""
import engine


def pass_args(shown):
    """The keyword arguments that give the engine the shown pass: inputs, G, start node."""
    s = shown.session
    return {"inputs": shown.input_values(), "upstream": s.upstream, "start": s.start}


def write_arrays(shown, path):
    """Every value and gradient of the shown pass to `path` (engine.export_npz's keys)."""
    engine.export_npz(engine.grad(shown.session.prepared, **pass_args(shown)), path)


def python_source(shown, to):
    """The shown program as a self-contained numpy or PyTorch module (engine.export_source)."""
    args = pass_args(shown)
    return engine.export_source(shown.session.prepared, to, inputs=args["inputs"], start=args["start"])


def torch_rows(shown):
    """{name: {"value_max_diff", "grad_max_diff"}} of the PyTorch cross-check (TorchMissing when
    PyTorch does not import)."""
    return engine.torch_check(shown.session.prepared, **pass_args(shown))


def compare_mine(shown, name, mine):
    """engine.compare's node dict for her gradient `mine` of node `name`, with the engine's
    gradient under "engine_grad" (InputError when `mine` does not fit ∂L/∂name)."""
    result = engine.grad(shown.session.prepared, **pass_args(shown))
    node = engine.compare_result(result, {name: mine})["nodes"][name]
    return node | {"engine_grad": result.grads[name]}


def gradient_names(shown):
    """The nodes that have a gradient in the shown pass, inputs first, in program order."""
    s = shown.session
    return [n for n in [i.name for i in s.program.inputs] + [e.out for e in s.program.eqns] if n in s.records.grads]
