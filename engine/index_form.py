"""A gradient entry's chain rule in index form, read off its terms:

    ∂L/∂a₁₁ = Σⱼ ∂L/∂d₁ⱼ · b₁ⱼ, j = 1…2

when every term is an upstream entry times one entry of one operand (or times 1), and the indices
that change from term to term change together over a range; else the terms written out (elided
when long). Each matrix the entry reads is named by what it supplies (∂L/∂d₁ⱼ, b₁ⱼ), so a view
can title it so instead of joining whole matrices with = and ·."""
from typing import NamedTuple

import numpy as np

from .chaintext import TEXT, chain_line
from .factors import Factor
from .notation import SUBSCRIPTS, grad_sub, sub
from .rules import INDEX_LETTERS

PLAIN = {"ᵢ": "i", "ⱼ": "j"}
LARGEST = 4096   # terms read one by one; a longer sum is written out (elided)


class IndexForm(NamedTuple):
    caption: str
    supplies: dict   # (name, is_grad) -> what the matrix supplies (`∂L/∂d₁ⱼ`, `b₁ⱼ`)


def index_form(att):
    """The caption and what each matrix supplies, for the gradient entry of `att`: one Σ per path
    (a fan-out adds them), or the terms written out."""
    lhs = grad_sub(att.name, att.index)
    forms = [group_form(att, g) for g in att.groups] if 0 < att.count <= LARGEST else [None]
    if all(forms):
        runs = list(dict.fromkeys(r for _, r, _ in forms if r))
        supplies = {}
        for _, _, found in forms:   # an array two paths read supplies both parts
            for key, text in found.items():
                known = supplies.get(key)
                supplies[key] = text if known is None or text in known else f"{known}, {text}"
        caption = f"{lhs} = " + " + ".join(rhs for rhs, _, _ in forms) + "".join(f", {r}" for r in runs)
        return IndexForm(caption, supplies)
    sym, _ = chain_line(att, TEXT)
    return IndexForm(f"{lhs} = {sym}" if att.count else lhs, {})


def group_form(att, group):
    """(`Σⱼ ∂L/∂d₁ⱼ · b₁ⱼ`, `j = 1…2`, supplies) for one path's terms, or None."""
    found = product_terms(att, group)
    return summed_form(*found) if found else None


def product_terms(att, group):
    """(upstream node, its indices, factor node or None, its indices) when each term of a path is
    an upstream entry times one operand entry (or 1), all from the same two arrays; else None.
    Read for every term at once from the factor columns of the path's trail."""
    named = [(f, p) for f, p in trail_columns(group.trail, len(group.idx)) if f.templates != ("1",)]
    if len(named) > 1 or any(type(f) is not Factor or f.templates != ("{0}",) or f.refs[0].name is None
                             for f, _ in named):
        return None
    ups = indices_of(group.idx, att.records.values[group.node].shape)
    if not named:
        return group.node, ups, None, indices_of(group.idx, ())
    ref = named[0][0].refs[0]
    return group.node, ups, ref.name, indices_of(ref.flat[named[0][1]], ref.shape)


def indices_of(flat, shape):
    """The index of each flat entry of `shape`, one row per entry (no columns for a scalar)."""
    if not shape:
        return np.zeros((len(flat), 0), dtype=int)
    return np.array(np.unravel_index(flat, shape), dtype=int).T


def trail_columns(trail, count):
    """(factor column, positions) of every op on a trail, for all `count` entries of its last set
    (engine.factors.walk for every entry at once)."""
    found, k = [], np.arange(count)
    for link in reversed(trail):
        p = link.pos[k]
        found.append((link.factor, p))
        if link.src is None:
            break
        k = link.src[p]
    return found[::-1]


def summed_form(node, ups, factor, fidx):
    """The Σ over one index that runs through a range, in the upstream and the factor together:
    (the sum, its range, what each array supplies), or None."""
    columns = [ups[:, c] for c in range(ups.shape[1])] + [fidx[:, c] for c in range(fidx.shape[1])]
    varying = [c for c in columns if (c != c[0]).any()]
    if varying and any((c != varying[0]).any() for c in varying):
        return None
    run = varying[0] if varying else None
    if run is not None and (len(set(run.tolist())) != len(run) or run.max() - run.min() + 1 != len(run)):
        return None
    axis = next((c for c in range(ups.shape[1]) if (ups[:, c] != ups[0, c]).any()), None)
    letter = INDEX_LETTERS[-ups.shape[1]:][axis] if axis is not None else ""
    up = f"∂L/∂{subscript(node, ups, letter)}"
    supplies, rhs = {(node, True): up}, up
    if factor is not None:
        supplies[(factor, False)] = subscript(factor, fidx, letter)
        rhs += f" · {supplies[(factor, False)]}"
    if run is None:
        return rhs, "", supplies
    return f"Σ{letter} {rhs}", f"{PLAIN[letter]} = {run.min() + 1}…{run.max() + 1}", supplies


def subscript(name, indices, letter):
    """`d₁ⱼ`: each index that is the same in every term written 1-based, the one that runs as its
    letter; commas once an index passes 9."""
    if not indices.shape[1]:
        return name
    if not (indices != indices[0]).any():
        return sub(name, tuple(indices[0]))
    parts = [letter if (col != col[0]).any() else str(int(col[0]) + 1) for col in indices.T]
    joiner = "," if any(len(p) > 1 for p in parts) else ""
    return name + joiner.join(parts).translate(SUBSCRIPTS)
