"""How a row of matrices and operator symbols is laid out, in plain numbers (no Qt).

Each piece of a row has a least width: an operator its text's, a matrix whatever keeps its title
and every stats line whole and, for a small matrix, its cells at least MIN_CELL_PX (so its numbers
show). The row fills lines left to right and breaks before a matrix that would pass the right edge
(an operator stays at the end of its line, with what it follows); a piece wider than a whole line
has one of its own, and the row scrolls. Within a line the matrices share the width as if the line
held at least `columns` of them, none narrower than it needs: a step from two matrices to three
leaves the first two where they are."""
from typing import NamedTuple

MIN_CELL_PX = 26   # a small matrix's cells are never drawn smaller: its numbers fit at 2+ digits
SMALL = 6          # a matrix of at most this many rows and columns is small (8×8 would need 208 px)


class Piece(NamedTuple):
    width: int            # least width, px
    matrix: bool = True   # a matrix (False: an operator symbol)


def cells_least(cells, least_plot):
    """(width, height) px of a matrix's cells at least: MIN_CELL_PX each for a small matrix, else
    `least_plot` (a large matrix is downsampled to whatever room it gets)."""
    rows, cols = cells
    if rows <= SMALL and cols <= SMALL:
        return max(cols * MIN_CELL_PX, least_plot[0]), max(rows * MIN_CELL_PX, least_plot[1])
    return tuple(least_plot)


def break_lines(pieces, available, gap):
    """Lists of piece indices, one per line: greedy, breaking only before a matrix, never leaving
    a line without one (a matrix too wide for any line stands alone, with the operator after it)."""
    lines, used = [[]], 0
    for i, piece in enumerate(pieces):
        if piece.matrix and any(pieces[j].matrix for j in lines[-1]) and used + gap + piece.width + trailing(pieces, i, gap) > available:
            lines.append([])
            used = 0
        lines[-1].append(i)
        used += (gap if len(lines[-1]) > 1 else 0) + piece.width
    return lines if lines[0] else []


def trailing(pieces, i, gap):
    """The width the operators after piece i take: they stay on its line."""
    width = 0
    for piece in pieces[i + 1:]:
        if piece.matrix:
            break
        width += gap + piece.width
    return width


def share_widths(pieces, available, gap, columns, operator=0):
    """The width of each piece of one line: operators their least, matrices an equal share of the
    rest as if there were at least `columns` of them (with an `operator`-wide symbol between each
    two), raised to their least (the others then share what is left)."""
    matrices = [p.width for p in pieces if p.matrix]
    n = max(columns, len(matrices))
    operators = [p.width for p in pieces if not p.matrix]
    between = max(sum(operators), (n - 1) * operator)
    spare = available - between - gap * (n - 1 + max(len(operators), (n - 1) * bool(operator)))
    wide = []
    share = spare // n
    while True:   # the matrices that need more than an equal share take it; the rest share the remainder
        wider = [w for w in matrices if w > share]
        if len(wider) == len(wide) or len(wider) == n:
            break
        wide = wider
        share = (spare - sum(wide)) // (n - len(wide))
    return [max(p.width, share) if p.matrix else p.width for p in pieces]
