"""How a matrix's numbers are written in its cells, in plain Python (no Qt): one way for the whole
matrix, the most significant digits whose widest label fits every cell.

The ladder of forms, best first: 4, 3 then 2 significant digits (`−0.1235`, `−0.123`, `−0.12`),
then a compact exponent form (`−1.2e-5`, then `−1e-5`). When even the last form is wider than a
cell, it is drawn smaller to fit: numbers vanish only in cells below MIN_CELL_PX. A choice
is `(form, size)`, `size` the font's share of its normal size; a larger choice is worse
(fewer digits, smaller text), so a row of matrices shares the worst of its members'."""
import math
from typing import NamedTuple

MIN_CELL_PX = 22       # a cell narrower or lower than this shows colour only: below it the compact
                       # form (up to six characters, `−3e−12`) would be drawn at less than half size
DIGITS = (4, 3, 2)     # significant digits of the plain forms, best first
COMPACT = (2, 1)       # significant digits of the compact exponent forms
PAD_PX = 3             # room left between a label and its cell's edges


class Choice(NamedTuple):
    form: int          # index into forms(): 0 is four significant digits
    size: float        # the font's share of its normal size (1: normal)

    def rank(self):
        """Worse choices rank higher: fewer digits first, then smaller text."""
        return (self.form, -self.size)


def tidy(text):
    """A true minus, `−0` as `0`, and an exponent without `+` or leading zeros (`1e-05` → `1e-5`)."""
    if text in ("-0", "0", "-0e+00", "0e+00"):
        return "0"
    mantissa, e, exponent = text.partition("e")
    if e:
        sign = "-" if exponent.startswith("-") else ""
        mantissa += "e" + sign + (exponent.lstrip("+-").lstrip("0") or "0")
    return mantissa.replace("-", "−")


def significant(x, digits):
    """`x` with at most `digits` significant digits (`%g`, so very small or large become `e`)."""
    if not math.isfinite(x):
        return "NaN" if math.isnan(x) else ("∞" if x > 0 else "−∞")
    return tidy(format(x, f".{digits}g"))


def compact(x, digits):
    """The shorter of `%g` and the exponent form with `digits` significant digits (`−3e-5`)."""
    if not math.isfinite(x) or x == 0:
        return significant(x, digits)
    plain, exponent = significant(x, digits), tidy(format(x, f".{digits - 1}e"))
    return min(plain, exponent, key=len)


FORMS = len(DIGITS) + len(COMPACT)


def form_texts(values, form):
    """The labels of `values` in one form of the ladder (0 is the best)."""
    if form < len(DIGITS):
        return [significant(x, DIGITS[form]) for x in values]
    return [compact(x, COMPACT[form - len(DIGITS)]) for x in values]


def forms(values):
    """Every form of the ladder: a list of label lists, best first."""
    return [form_texts(values, form) for form in range(FORMS)]


def choose(widths, text_height, cell):
    """The best Choice for cells of `cell` = (width, height) px, given the widest label of each
    form (`widths`, px at normal size, a sequence read best first and only as far as needed) and
    the text's height; None when the cell is below MIN_CELL_PX. The last form shrinks to fit
    rather than vanish."""
    cell_w, cell_h = cell
    if not widths or min(cell_w, cell_h) < MIN_CELL_PX:
        return None
    if text_height <= cell_h:
        for form, width in enumerate(widths):
            if width + PAD_PX <= cell_w:
                return Choice(form, 1.0)
    room = min((cell_w - PAD_PX) / max(widths[-1], 1), cell_h / max(text_height, 1))
    return Choice(len(widths) - 1, max(room, 0.1))


def worst(choices):
    """The choice every member of a group shows: the worst of those that show numbers (None when
    none does; a member without numbers, hatched or too small, keeps showing none)."""
    shown = [c for c in choices if c is not None]
    return max(shown, key=Choice.rank) if shown else None


class SharedPrecision:
    """Matrices of one shape in one row show their numbers one way: each member reports its own
    best choice (`report`), and is told the one to draw (`member.draw_choice(choice)`)."""

    def __init__(self):
        self.members = []   # objects with .shape, .own (their best Choice) and .draw_choice

    def set_members(self, members):
        self.members = list(members)
        self.report()

    def report(self, _member=None):
        groups = {}
        for member in self.members:
            groups.setdefault(member.shape, []).append(member)
        for group in groups.values():
            choice = worst([m.own for m in group])
            for member in group:
                member.draw_choice(choice)
