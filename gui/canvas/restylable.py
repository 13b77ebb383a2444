"""What canvas items share: they take a new state or path highlight and repaint only when it changed."""
from gui import style


class Restylable:
    """For canvas items: take a new state or path highlight, and repaint (raised above the rest
    while the current step is about them) only when it changed."""
    state = None
    lit = False       # part of a highlighted path

    def set_state(self, state):
        if state != self.state:
            self.state = state
            z = style.CANVAS_Z_LIT if self.raised() else self.base_z
            if z != self.zValue():   # setZValue goes through the item's itemChange even when equal
                self.setZValue(z)
            self.update()

    def set_lit(self, lit):
        if lit != self.lit:
            self.lit = lit
            self.update()
