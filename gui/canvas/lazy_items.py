"""The canvas's items made as they are needed. A graph of a thousand nodes and their wires takes
longer to turn into items than a frame, and fitted to its width the canvas shows a few of its
bands: the scene makes the items near what the view shows, and any other one when it is first
asked for. Which items stand where is known from the layout alone (`boxes`), so the view can
reveal a region without asking an item for its bounds."""
from collections.abc import Mapping

from PySide6.QtCore import QRectF

from gui.canvas.edge_item import ARROW, LABEL_WIDTH, stub_bounds
from gui.canvas.node_item import NODE_MARGIN, port_offset

REACH = LABEL_WIDTH + 2 * ARROW   # how far an edge's curve and label may pass its ends and waypoints


class LazyItems(Mapping):
    """{key: item} over every key given, in their order; an item is made (by `make`, which takes
    a list of keys and stores their items in `made`) when it is first asked for. `made` holds
    the items made so far: what the view restyles and the scene holds."""

    def __init__(self, keys, make):
        self.order = dict.fromkeys(keys)
        self.made, self.make = {}, make

    def __getitem__(self, key):
        if key not in self.made:
            if key not in self.order:
                raise KeyError(key)
            self.make([key])
        return self.made[key]

    def __iter__(self):
        return iter(self.order)

    def __len__(self):
        return len(self.order)

    def __contains__(self, key):
        return key in self.order

    def pending(self):
        """The keys whose items are not made yet, in order."""
        return [key for key in self.order if key not in self.made]


def node_box(data, position):
    """The scene rectangle a node's item covers (NodeItem.boundingRect at its place)."""
    w, h = data["size"]
    return QRectF(-w / 2, -h / 2, w, h).adjusted(-NODE_MARGIN, -NODE_MARGIN, NODE_MARGIN,
                                                 NODE_MARGIN).translated(*position)


def in_port(data, position, port):
    """Where input `port` of a node at `position` sits (NodeItem.in_port, from data)."""
    dx, dy = port_offset(data, port)
    return position[0] + dx, position[1] + dy   # summed as the item does


def edge_box(graph, positions, key, waypoints, stub):
    """A scene rectangle that holds what the edge `key` draws: a stub beside its target's port;
    another edge between its ends and through its waypoints, with room for its curve's swing
    and a flowing gradient's label."""
    source, target, port = key
    end = in_port(graph.nodes[target], positions[target], port)
    if stub:
        return stub_bounds(end, stub)
    w, _ = graph.nodes[source]["size"]
    x, y = positions[source]
    points = [(x + w / 2, y), end, *waypoints]   # from the source's output port
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    box = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    return box.adjusted(-REACH, -REACH, REACH, REACH)
