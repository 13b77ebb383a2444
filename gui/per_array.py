"""What was computed from an array, remembered per array object: step records own immutable
arrays, so a summary or a picture made from one stays true as long as the array lives."""
import weakref


class PerArray:
    """{array object: value}, each entry dropped when its array is collected."""

    def __init__(self):
        self.hits = {}   # id(array) -> (weak reference to it, its value)

    def get(self, array, compute):
        """The value remembered for `array`, or `compute(array)`, remembered."""
        key = id(array)
        hit = self.hits.get(key)
        if hit is not None and hit[0]() is array:
            return hit[1]
        value = compute(array)
        try:
            self.hits[key] = (weakref.ref(array, lambda _ref: self.hits.pop(key, None)), value)
        except TypeError:   # numbers (a constant, a numpy scalar) cannot be weakly referenced; they are cheap
            pass
        return value

    def clear(self):
        self.hits.clear()
