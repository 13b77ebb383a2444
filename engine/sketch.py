"""The visual builder's model: a graph of input, constant and op nodes with numbered input
ports, changed by small pure edits and written back as program text, so that the canvas and
the text round-trip exactly.

A sketch made from a program keys its nodes by the program's node ids (constants by
`<equation id>#<port>`). `write_text` inlines hidden single-use sub-expressions, gives every
other computed node a statement, writes an unwired port as the hole `?` (nothing on the canvas
is ever dropped from the text), keeps the user's comments, and says which node id each sketch
node will have once the text is parsed again."""
import re
from dataclasses import dataclass, replace

from .errors import InputError
from .ops import REGISTRY
from .lower import RESERVED
from .program import Const, HoleRef

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class SketchNode:
    key: str
    kind: str            # 'input', 'const' or 'op'
    op: str              # the op's name; an input's initialiser ('randn'); '' for a constant
    name: str | None     # its bound name; None for a hidden sub-expression or an inline input
    ports: tuple = ()    # per input port: the operand node's key, or None while unwired
    params: tuple = ()
    shape: tuple = ()    # inputs
    text: str = ""       # constants, as written
    form: tuple = ()     # ops: how the call was typed (engine.lower.FORMS), kept when written


@dataclass(frozen=True)
class Sketch:
    nodes: tuple         # in program order
    output: str | None   # the output node's key
    comments: tuple = ()
    constants: tuple = ()   # the program's constant statements, (name, value, text), written first

    def node(self, key):
        for n in self.nodes:
            if n.key == key:
                return n
        raise InputError(f"no node {key!r} on the canvas")

    def consumers(self, key):
        return [(n, p) for n in self.nodes for p, k in enumerate(n.ports) if k == key]

    def names(self):
        return {n.name for n in self.nodes if n.name}


# ---- from a program ----------------------------------------------------------------------------

def sketch_from_program(program, hidden=()):
    """The sketch of a parsed program: its inputs, one node per equation, one per constant.
    Statements whose names are in `hidden` (names `write_text` made up for unnamed nodes) are
    unnamed again, so they are written inline once they have one consumer."""
    ids = program.node_ids()
    nodes = [SketchNode(i.node_id, "input", i.init, i.name if i.node_id == i.name and i.name not in hidden
                        else None, params=(("classes", i.classes),) * i.labels, shape=tuple(i.shape))
             for i in program.inputs]
    for eqn in program.eqns:
        ports = []
        for port, x in enumerate(eqn.inputs):
            if isinstance(x, Const):
                nodes.append(SketchNode(f"{eqn.node_id}#{port}", "const", "", None, text=x.text))
                ports.append(nodes[-1].key)
            else:
                ports.append(None if isinstance(x, HoleRef) else ids[x])
        named = eqn.named and eqn.out not in hidden
        nodes.append(SketchNode(eqn.node_id, "op", eqn.op, eqn.out if named else None, tuple(ports),
                                eqn.params, form=eqn.form))
    return Sketch(tuple(nodes), ids.get(program.output), program.comments, program.constants)


EMPTY = Sketch((), None)


# ---- edits: each returns a new sketch -------------------------------------------------------------

def add_node(sketch, kind, op="", name=None, shape=(), text="", params=()):
    """A new unwired node; returns (sketch, its key). Ops get one empty port per operand."""
    if kind == "op" and op not in REGISTRY:
        raise InputError(f"unknown op {op!r}")
    if name:
        check_name(sketch, name)
    ports = (None,) * REGISTRY[op].arity if kind == "op" else ()
    key = fresh_key(sketch)
    node = SketchNode(key, kind, op, name, ports, tuple(params), tuple(shape), text)
    return replace(sketch, nodes=sketch.nodes + (node,)), key


def connect(sketch, source, target, port):
    """Wire `source`'s output into `target`'s input `port`; refuses a taken port and a cycle."""
    node = sketch.node(target)
    sketch.node(source)
    if not 0 <= port < len(node.ports):
        raise InputError(f"{label(node)} has no input {port + 1}")
    if node.ports[port] is not None:
        raise InputError(f"input {port + 1} of {label(node)} is already wired; remove that wire first")
    if source == target or source in downstream(sketch, target):
        raise InputError(f"wiring {label(sketch.node(source))} into {label(node)} would make a cycle")
    return set_port(sketch, target, port, source)


def disconnect(sketch, target, port):
    return set_port(sketch, target, port, None)


def remove(sketch, keys):
    """Remove nodes and every wire into or out of them (their consumers' ports become holes).
    A constant goes with its consumer: it is written inside its consumer's expression."""
    keys = set(keys)
    keys |= {k for n in sketch.nodes if n.key in keys for k in n.ports
             if k is not None and sketch.node(k).kind == "const"}
    nodes = tuple(replace(n, ports=tuple(None if k in keys else k for k in n.ports))
                  for n in sketch.nodes if n.key not in keys)
    return replace(sketch, nodes=nodes, output=None if sketch.output in keys else sketch.output)


def rename(sketch, key, name):
    """Bind a node to `name` (as in `d = …`); an empty name hides a computed node again."""
    node = sketch.node(key)
    if name:
        check_name(sketch, name, allow=node.name)
    elif node.kind == "input":
        raise InputError("an input needs a name")
    return replace_node(sketch, replace(node, name=name or None))


def settle_output(sketch):
    """The output follows the graph: kept while nothing consumes it, else the newest computed
    node that nothing consumes (so a node wired into a new one hands the output on), or the
    newest unused input while nothing is computed (the inputs keep their order in the text), but
    never labels."""
    unused = [n for n in sketch.nodes if n.kind != "const" and not sketch.consumers(n.key)
              and not (n.kind == "input" and n.op == "labels")]   # labels get no gradient: never the output
    sinks = [n.key for n in unused if n.kind == "op"]
    if sketch.output in sinks or not unused:
        return sketch
    return replace(sketch, output=(sinks or [n.key for n in unused])[-1])


def check_name(sketch, name, allow=None):
    if not NAME.match(name):
        raise InputError(f"{name!r} is not a name: use letters, digits and _, not starting with a digit")
    if name in RESERVED:
        raise InputError(f"{name} is a reserved name; choose another name")
    if name != allow and (name in sketch.names() or name in {c[0] for c in sketch.constants}):
        raise InputError(f"the name {name} is taken")


def set_port(sketch, target, port, source):
    node = sketch.node(target)
    ports = node.ports[:port] + (source,) + node.ports[port + 1:]
    return replace_node(sketch, replace(node, ports=ports))


def replace_node(sketch, new):
    return replace(sketch, nodes=tuple(new if n.key == new.key else n for n in sketch.nodes))


def downstream(sketch, key):
    """Keys of the nodes that (transitively) consume `key`'s output."""
    seen, todo = set(), [key]
    while todo:
        for n, _ in sketch.consumers(todo.pop()):
            if n.key not in seen:
                seen.add(n.key)
                todo.append(n.key)
    return seen


def fresh_key(sketch):
    keys = {n.key for n in sketch.nodes}
    k = len(keys)
    while f"new:{k}" in keys:
        k += 1
    return f"new:{k}"


def label(node):
    return node.name or (REGISTRY[node.op].symbol if node.kind == "op" else node.text or node.op)
