"""The selected entry and what the engine says about it, as plain data (no Qt): computed once per
selection (or change of the through node, or new pass) and read by every widget.

For a gradient entry ∂L/∂x[idx] the engine's backward attribution (its terms, the ranges of the
entries that feed it, the chain rule as text); for a value entry its forward equation."""
import engine
from engine import (LATEX, Range, TEXT, ancestors, as_matrix_shape, backward_text, block_ranges, computing,
                    consumers, entry_magnitude, forward_text, grad_sub, index_sum, number, numeric, parse_entry,
                    render_scalar, rule_notes, scalar_lines, shown, shown_number, sub, symbolic)

from gui.model.upstream import described

ROLES_THAT_FEED = ("upstream", "factor", "feeds")


def cell_range(name, kind, index, role):
    """The Range of one entry, in the matrix view's coordinates (a vector is one row)."""
    row, col = (0, 0) if not index else (0, index[0]) if len(index) == 1 else index
    return Range(name, kind, slice(row, row + 1), slice(col, col + 1), role)


def downstream(program, name):
    """The values that `name` feeds, directly or not (itself excluded)."""
    uses, seen, todo = consumers(program), set(), [name]
    while todo:
        for eqn in uses.get(todo.pop(), []):
            if eqn.out not in seen:
                seen.add(eqn.out)
                todo.append(eqn.out)
    return seen


class Selected:
    """One selected entry = (name, index, is_grad) on `session`'s pass, through `through` (None:
    the nearest named values), G being of preset `upstream_origin`. `error` holds the engine's
    message when it cannot attribute it (no path to L, a through node that some path avoids)."""

    def __init__(self, session, entry, through=None, upstream_origin="ones"):
        self.session, self.entry, self.through = session, entry, through
        self.upstream_origin = upstream_origin   # the preset G is of (gui.model.upstream)
        self.name, self.index, self.is_grad = entry
        self.att = self.fwd = None
        self.error, self.found_steps = "", {}
        try:
            with computing():   # inf and NaN in the numbers are shown, not warned about
                if self.is_grad:
                    self.att = engine.attribute(session.records, (self.name, self.index), through)
                else:
                    self.fwd = engine.forward_attribute(session.records, (self.name, self.index))
        except engine.EngineError as exc:
            self.error = str(exc)
        found = self.att or self.fwd
        self.ranges = found.ranges() if found is not None and not self.is_input_value() else []
        if self.att is not None:
            self.ranges += self.reached_ranges()
        if self.fwd is not None or found is None:
            kind = "grad" if self.is_grad else "value"
            self.ranges.insert(0, cell_range(self.name, kind, self.index, "selected"))

    def step_cells(self, k):
        """The cells of step k's equation that feed this entry through it (engine.step_cells), or
        None when step k does not compute it (or the engine cannot attribute the entry)."""
        if k < 1 or (self.att or self.fwd) is None:
            return None
        if k not in self.found_steps:
            entry = (self.name, self.index)
            self.found_steps[k] = engine.cells_of_step(self.session.records, entry, self.is_grad, k)
        return self.found_steps[k]

    def reached_ranges(self):
        """In every gradient downstream of the entry that its terms do not already outline (a
        hidden t1 between a and d), the entries it reaches (role 'reaches')."""
        values, outlined = self.session.records.values, {r.name for r in self.ranges if r.kind == "grad"}
        reached = engine.reached(self.session.records, self.name, self.index)
        return [r for node, flat in reached.items() if node not in outlined
                for r in block_ranges(node, "grad", flat, values[node].shape, "reaches")]

    def is_input_value(self):
        """A value entry of an input: nothing computes it, nothing else feeds it."""
        return self.fwd is not None and self.session.program.producer(self.name) is None

    # -- names -------------------------------------------------------------------------------------
    def title(self):
        """`∂L/∂a₁₁` or `d₁₁`."""
        return (grad_sub if self.is_grad else sub)(self.name, self.index)

    def headline(self):
        """`∂L/∂a₁₁ = 0.25` (0 when it is zero up to rounding); before the pass has computed it
        `∂L/∂a₁₁ = ? (not computed yet)`, so stepping still shows the numbers arrive; or the title alone."""
        found = self.att or self.fwd
        if found is None:
            return self.title()
        if not self.known():
            return f"{self.title()} = ? (not computed yet)"
        if self.att is not None:
            return f"{self.title()} = {number(shown_number(self.att.grad, entry_magnitude(self.att)))}"
        return f"{self.title()} = {number(self.fwd.value)}"

    def caption(self):
        """(the entry's index-form sum or its terms written out, {(name, is_grad): what that
        array supplies}) (engine.index_form); for a value entry its forward equation."""
        if self.att is not None:
            return index_sum(self.att)
        if self.fwd is not None:
            return self.fwd.equation(elide=True), {}
        return self.title(), {}

    def known(self):
        """True once the cursor has passed the step that completes the entry."""
        return not self.status()

    def named(self, role):
        """The arrays the ranges of `role` lie in, in order, each once."""
        return list(dict.fromkeys(r.name for r in self.ranges if r.role == role))

    def path_nodes(self):
        """The graph's nodes from the entry's node to its through nodes (for a value entry: from
        the values that feed it to the entry's node)."""
        if self.att is not None:   # the paths, and the values whose entries are factors (b for ∂L/∂a₂₂)
            return {n for g in self.att.groups for n in g.path} | set(self.named("factor"))
        if self.fwd is None:
            return {self.name}
        program, leaves = self.session.program, self.named("feeds")
        above = ancestors(program, self.name)
        return {self.name} | {n for leaf in leaves for n in downstream(program, leaf) | {leaf} if n in above}

    def through_options(self):
        """Every node a gradient entry's terms could be taken at: downstream of it and upstream of
        the start node (the engine says which of them some path avoids)."""
        if not self.is_grad:
            return []
        program, start = self.session.program, self.session.records.start
        candidates = downstream(program, self.name) & ancestors(program, start)
        return [n for n in program.names() if n in candidates]

    # -- text --------------------------------------------------------------------------------------
    def scalar_lines(self):
        """The scalar level: the chain rule (or forward equation) with numbers."""
        if self.att is not None:
            return scalar_lines(self.att, numbers=self.known(), rounding=True)
        if self.is_input_value():
            return [f"{self.title()} = {number(self.fwd.value)}: an input, given, not computed"]
        if self.fwd is not None:
            return [forward_text(self.fwd, numbers=self.known())]
        return [f"{self.title()}: {self.error}"]

    def rule_notes(self):
        """The matrix level: the rule(s) the entry is one entry of, with which row/column/sum; for
        a value entry the equations that compute it from the values that feed it."""
        if self.fwd is not None:
            nodes = self.path_nodes()
            return [str(eqn) for eqn in self.session.program.eqns if eqn.out in nodes]
        return rule_notes(self.att) if self.att is not None and self.att.count else []

    def no_rule_reason(self):
        """What the matrix level says when there is no rule to show."""
        start = self.session.records.start
        if self.att is not None and self.name == start:
            given = described(self.upstream_origin if self.session.upstream is not None else "ones", start)
            return f"∂L/∂{start} = G, the upstream gradient the backward pass starts from ({given})"
        if self.error:
            return self.error
        return "(an input: given, not computed)"

    def text(self, latex=False):
        """Everything the panel writes, as plain text or LaTeX (what Copy puts on the clipboard); the
        LaTeX of a gradient entry starts with its matrix rule (`\\partial L/\\partial a = …`)."""
        if self.att is not None:
            rules = [LATEX.maths(note.split(": ", 1)[0]) for note in rule_notes(self.att)] if latex else []
            return "\n".join(rules + [backward_text(self.att, LATEX if latex else TEXT)])
        if self.fwd is not None and not self.is_input_value():
            return forward_text(self.fwd, LATEX if latex else TEXT)
        return self.scalar_lines()[0]

    def status(self):
        """When the entry is computed, from the cursor's point of view ('' once it is) and what it
        needs: `∂L/∂a₁₁ not yet: step 6 computes it (∂L/∂a = ∂L/∂t1 @ bᵀ); it needs ∂L/∂d (step 3), b`."""
        s = self.session
        if self.is_grad:
            _, state, k, n = s.grad(self.name)
            if state in (engine.GradState.DONE, engine.GradState.NO_PATH):
                return ""
            step = s.completing_step(self.name)
            when = f"partial ({k} of {n}), complete at step {step.index}" if k else \
                f"not yet: step {step.index} computes it ({step.equation_text()})"
            needs = [f"∂L/∂{x} (step {s.completing_step(x).index})" for x in self.named("upstream")] + \
                [self.value_needed(x) for x in self.named("factor")]
        else:
            at = s.value_step.get(self.name, 0)
            if at <= s.cursor:
                return ""
            when = f"not yet: step {at} computes it ({s.steps[at - 1].equation_text()})"
            needs = [self.value_needed(x) for x in self.named("feeds")]
        return f"{self.title()} {when}" + (f"; it needs {', '.join(needs)}" if needs else "")

    def value_needed(self, name):
        at = self.session.value_step.get(name)
        return f"{name} (an input)" if at is None else f"{name} (step {at})"

    # -- terms -------------------------------------------------------------------------------------
    def term_count(self):
        if self.att is not None:
            return self.att.count
        return len(self.fwd.summands()) if self.fwd is not None else 0

    def shown_terms(self):
        """The positions of the terms the panel lists (a long sum: the first few and the last)."""
        return shown(self.term_count())

    def term_text(self, n):
        """`∂L/∂d₁₁·b₁₁ = (0.3)(0.5) = 0.15`, or a forward summand `a₁₁b₁₁ = 0.5`."""
        if self.att is not None:
            g, k = self.att.locate(n)
            product = float(g.upstream[k] * g.local[k])
            if not self.known():
                return symbolic(self.att, n, TEXT)
            return f"{symbolic(self.att, n, TEXT)} = {numeric(self.att, n, TEXT)} = {number(product)}"
        sign, part = self.fwd.summands()[n]
        minus = "−" if sign < 0 else ""
        text = render_scalar(part, lambda e: sub(*e.entry), elide=True)
        numbers = render_scalar(part, lambda e: f"({number(e.value)})", elide=True)
        total = number(sign * part.value)
        if not self.known():
            return f"{minus}{text}"
        if numbers == f"({number(part.value)})":   # a single entry: its number once
            return f"{minus}{text} = {total}"
        return f"{minus}{text} = {minus}{numbers} = {total}"

    def term_ranges(self, n):
        """The cells of term n alone: the upstream gradient entry and the operand entry of its
        local partial (forward: the entries of that summand)."""
        if self.att is not None:
            node, index = self.att.upstream_index(n)
            cells = [(node, index, "grad")]
            local = self.att.term(n)["local_from"]
            if local:
                cells.append(parse_entry(local)[:2] + ("value",))
        else:
            cells = [parse_entry(e)[:2] + ("value",) for e in self.fwd.terms()[n]["inputs"]]
        return [cell_range(name, kind, index, "hovered") for name, index, kind in cells]

    def feeding(self):
        """Every entry that feeds the selection, as (name, index, is_grad) (what a learner picks)."""
        out = set()
        for r in self.ranges:
            if r.role in ROLES_THAT_FEED:
                out |= entries_of(r, self.session.records.values[r.name].shape)
        return out


def entries_of(r, shape):
    """The (name, index, is_grad) entries of one range, indexed as the array is."""
    cells = [(i, j) for i in range(*r.rows.indices(as_matrix_shape(shape)[0]))
             for j in range(*r.cols.indices(as_matrix_shape(shape)[1]))]
    return {(r.name, ((), (j,), (i, j))[len(shape)], r.kind == "grad") for i, j in cells}
