"""The op registry, built by discovering the op files of this package: an op is one file,
`engine/ops/<name>.py`, whose `OP` holds its forward, shape rule, VJPs with their matrix
formulas, per-entry rule, scalar form, LaTeX name, kinks and exported source (see `OpDef`).
Files whose names start with `_` hold what several ops share.

Every list of ops elsewhere (the parser's function names, notation's LaTeX names, the gradient
check's kinks, the palette, the tests' op lists) is computed from REGISTRY."""
import importlib
import pkgutil

from ._base import GROUPS, OpDef, ShapeRule, check_axis, elementwise, same_shape  # noqa: F401


def discover(package=__name__, path=__path__):
    """{name: OpDef} from every op file of the package, grouped as GROUPS orders them."""
    found = []
    for module in pkgutil.iter_modules(path):
        if not module.name.startswith("_"):
            op = importlib.import_module(f"{package}.{module.name}").OP
            if op.name != module.name:
                raise ImportError(f"engine/ops/{module.name}.py defines the op {op.name!r}; an op's file "
                                  "is named after it")
            found.append(op)
    found.sort(key=lambda op: (GROUPS.index(op.group), op.name))
    return {op.name: op for op in found}


REGISTRY = discover()


def lookup(name):
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown op {name!r}; known ops: {', '.join(sorted(REGISTRY))}") from None


def function_names():
    """The ops the language calls by name, `relu(x)`, in registry order."""
    return tuple(name for name, op in REGISTRY.items() if op.callable)


def infix_ops():
    """{symbol: op name} of the binary operators, `+` → add."""
    return {op.symbol: name for name, op in REGISTRY.items() if op.notation == "infix"}


def source(op, kind, operands, params):
    """The numpy (`kind` 'numpy') or PyTorch ('torch') source of `op` over the operands' source
    texts, with its params (defaults for those not given): `np.sum(a, axis=0, keepdims=False)`."""
    opdef = lookup(op)
    fields = source_fields(opdef, params)
    template = getattr(opdef, kind)
    return (template(fields) if callable(template) else template).format(*operands, **fields)


def source_fields(opdef, params):
    """The params an op's source is formatted with: defaults for those not given, and the texts
    of those that are not plain numbers (`source_params`)."""
    fields = {**dict(opdef.defaults), **dict(params)}
    if opdef.source_params is not None:
        fields.update(opdef.source_params(fields))
    return fields


def by_notation(notation):
    """The one op written in this notation (`prefix` → neg, `alias` → identity)."""
    return next(name for name, op in REGISTRY.items() if op.notation == notation)
