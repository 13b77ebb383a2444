"""A sketch written as program text: input declarations first, then one statement per named or
shared computed node in dependency order, the output last; hidden single-use sub-expressions
inline with minimal parentheses, unwired ports as `?`, the user's comments kept."""
from . import syntax as S
from .ops import by_notation
from .parser import parse


class Writer:
    def __init__(self, sketch):
        self.sketch = sketch
        self.uses = {n.key: 0 for n in sketch.nodes}
        for n in sketch.nodes:
            for k in n.ports:
                if k is not None:
                    self.uses[k] += 1
        self.names = dict((n.key, n.name) for n in sketch.nodes if n.name)
        self.order = []        # (statement name, root key) in the order written
        self.post_order = []   # op keys in the order parsing will make their equations
        self.inline_inputs = []

    def inline(self, node):
        if node.kind == "const":
            return True
        # An identity is written as its operand alone: inline, it would vanish from the text.
        return node.name is None and self.uses[node.key] == 1 and node.op != by_notation("alias")

    def statement_nodes(self):
        """Computed nodes that need a statement, dependencies first, the output last."""
        done, ordered = set(), []

        def visit(node):
            if node.key in done:
                return
            done.add(node.key)
            for k in node.ports:
                if k is not None:
                    visit(self.sketch.node(k))
            if needs_statement(node, self.inline(node)):
                ordered.append(node)
        for node in self.sketch.nodes:
            if node.key != self.sketch.output:
                visit(node)
        if self.sketch.output is not None:  # last, unless another node consumes it
            visit(self.sketch.node(self.sketch.output))
        return ordered

    def fresh_name(self):
        taken = set(self.names.values())
        k = 1
        while f"t{k}" in taken:
            k += 1
        return f"t{k}"

    def expression(self, node, root=False):
        """The syntax tree of `node`'s value: inline sub-expressions, names of the others."""
        if not root and not self.inline(node):
            return S.Name(0, 0, self.names[node.key])
        if node.kind == "const":
            return S.Number(0, 0, 0.0, node.text)   # a number or a folded constant (`n`, `(1 / n)`)
        if node.kind == "input":
            self.inline_inputs.append(node.key)
            return S.Call(0, 0, node.op, tuple(S.Number(0, 0, d, str(d)) for d in initialiser_args(node)), ())
        args = tuple(S.Hole(0, 0) if k is None else self.expression(self.sketch.node(k)) for k in node.ports)
        self.post_order.append(node.key)
        return S.op_syntax(node.op, args, node.params, node.form)

    def statements(self):
        """(name, line) per statement: declarations first, except an unused input that is the output."""
        declared = [n for n in self.sketch.nodes if n.kind == "input" and n.name]
        last = [n for n in declared if n.key == self.sketch.output and not self.uses[n.key]]
        lines = [(name, f"{name} = {text}") for name, _, text in self.sketch.constants]
        lines += [declaration(n) for n in declared if n not in last]
        for node in self.statement_nodes():
            name = self.names.setdefault(node.key, self.fresh_name())
            self.order.append((name, node.key))
            lines.append((name, f"{name} = {S.render(self.expression(node, root=True))}"))
        return lines + [declaration(n) for n in last]


def declaration(node):
    return node.name, f"{node.name} = {node.op}({', '.join(map(str, initialiser_args(node)))})"


def initialiser_args(node):
    """The numbers an input's initialiser is called with: randn(m, n), eye(n), arange(n), labels(n, k)."""
    if node.op == "labels":
        return node.shape[:1] + (dict(node.params).get("classes", 2),)
    return node.shape[:1] if node.op in ("eye", "arange") else node.shape


def needs_statement(node, inline):
    """Computed nodes not written inline, and unnamed inputs that are not used exactly once."""
    if node.kind == "input":
        return node.name is None and not inline
    return not inline


def with_comments(lines, comments):
    """Statement lines with the comments anchored to them; orphaned comments go to the end."""
    names = {name for name, _ in lines}
    out = []
    for name, line in lines:
        out += [c.text for c in comments if c.anchor == name and c.where == "before"]
        after = [c.text for c in comments if c.anchor == name and c.where == "after"]
        out.append(line + ("  " + " ".join(after) if after else ""))
    out += [c.text for c in comments if c.anchor not in names]
    return "\n".join(out)


def write_text(sketch):
    """(text, keymap): the sketch as program text, and for each sketch key the node id that
    parsing the text gives it (so the canvas keeps every node's position across the edit)."""
    writer = Writer(sketch)
    text = with_comments(writer.statements(), sketch.comments)
    if not writer.order and not any(n.kind == "input" for n in sketch.nodes):
        return text, {}
    return text, keymap(writer, parse(text))


def keymap(writer, program):
    mapping = {n.key: n.name for n in writer.sketch.nodes if n.kind == "input" and n.name}
    mapping.update(zip(writer.post_order, (e.node_id for e in program.eqns)))
    inline = [i.node_id for i in program.inputs if i.node_id != i.name]
    mapping.update(zip(writer.inline_inputs, inline))
    ports = {n.key: n.ports for n in writer.sketch.nodes}
    for key, new_id in list(mapping.items()):
        for port, k in enumerate(ports.get(key, ())):
            if k is not None and writer.sketch.node(k).kind == "const":
                mapping[k] = f"{new_id}#{port}"
    return mapping

