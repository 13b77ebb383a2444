"""The canvas's graph as plain data: a directed multigraph with node and graph attributes, and the
few graph algorithms the layout and the gestures use. Small enough that the first layout needs no
graph library (networkx alone takes longer to import than the rest of the window to build).

Its reading interface is networkx's MultiDiGraph's where both have a name: `graph.nodes` iterates
node ids, `graph.nodes[n]` is n's attribute dict, `graph.nodes(data=True)` gives (id, dict) pairs;
`graph.edges(keys=True)` gives (source, target, key) in insertion order."""


class NodeView(dict):
    """{node id: attribute dict}, also callable as networkx's `nodes(data=True)`."""

    def __call__(self, data=False):
        return self.items() if data else self.keys()


class MultiDiGraph:
    """Nodes in insertion order; parallel edges told apart by their key (an operand's position)."""

    def __init__(self, **attributes):
        self.graph = attributes
        self.nodes = NodeView()
        self._out, self._in = {}, {}   # node -> [(neighbour, key)], in insertion order

    def add_node(self, node, **attributes):
        if node not in self.nodes:
            self.nodes[node] = {}
            self._out[node], self._in[node] = [], []
        self.nodes[node].update(attributes)

    def add_edge(self, source, target, key=0):
        for node in (source, target):
            self.add_node(node)
        self._out[source].append((target, key))
        self._in[target].append((source, key))

    def __iter__(self):
        return iter(self.nodes)

    def __contains__(self, node):
        return node in self.nodes

    def __len__(self):
        return len(self.nodes)

    def edges(self, keys=False):
        return [(u, v, k) if keys else (u, v) for u, out in self._out.items() for v, k in out]

    def out_edges(self, node, keys=False):
        return [(node, v, k) if keys else (node, v) for v, k in self._out[node]]

    def in_edges(self, node, keys=False):
        return [(u, node, k) if keys else (u, node) for u, k in self._in[node]]

    def successors(self, node):
        return iter(dict.fromkeys(v for v, _ in self._out[node]))

    def predecessors(self, node):
        return iter(dict.fromkeys(u for u, _ in self._in[node]))

    def in_degree(self, node):
        return len(self._in[node])

    def number_of_edges(self, source, target):
        return sum(1 for v, _ in self._out[source] if v == target)


def all_neighbors(graph, node):
    """The distinct operands, then the distinct consumers, of `node`."""
    return [*graph.predecessors(node), *graph.successors(node)]


def ancestors(graph, node):
    """Every node with a path to `node`, `node` itself excluded."""
    seen, stack = set(), [node]
    while stack:
        for u, _ in graph._in[stack.pop()]:
            if u not in seen:
                seen.add(u)
                stack.append(u)
    return seen


def topological_generations(graph):
    """Layers of an acyclic graph: the sources, then the nodes whose operands are all in earlier
    layers, and so on (Kahn's algorithm, one layer at a time)."""
    waiting = {n: len(graph._in[n]) for n in graph}
    layer = [n for n, count in waiting.items() if count == 0]
    while layer:
        yield layer
        following = []
        for node in layer:
            uses = {}   # consumer -> edges from node, in first-edge order (a weight has hundreds)
            for v, _ in graph._out[node]:
                uses[v] = uses.get(v, 0) + 1
            for v, count in uses.items():
                waiting[v] -= count
                if waiting[v] == 0:
                    following.append(v)
        layer = following
