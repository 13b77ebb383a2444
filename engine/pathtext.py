"""The paths of an entry written for people, one line a path, 1-based as all display text:

    ∂L/∂a₁₁ = 0.25, the sum of 2 paths through d
      a₁₁ → d₁₁:  ∂L/∂d₁₁·b₁₁ = (0.3)(0.5) = 0.15
      a₁₁ → d₁₂:  ∂L/∂d₁₂·b₁₂ = (−0.1)(−1) = 0.1
    total 0.25

A long listing shows its first and last paths with the count of those between."""
from .entries import parse_entry
from .factors import loose
from .notation import grad_sub, number, sub
from .pathlist import gap_at


def plural(count, word):
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def path_line(path):
    """`a₁₁ → d₁₁:  ∂L/∂d₁₁·b₁₁ = (0.3)(0.5) = 0.15`, as the explanation writes a term (unit
    factors left out); an expanded path names every hop's local."""
    chain = " → ".join(sub(*e) for e in path.nodes)
    kept = [pair for e in path.edges for pair in e.shown(sub)]
    symbols = "·".join([grad_sub(*path.upstream)] + [f"({t})" if loose(t) else t for t, _ in kept])
    numbers = "".join(f"({number(v)})" for v in [path.upstream_grad] + [v for _, v in kept])
    return f"  {chain}:  {symbols} = {numbers} = {number(path.product)}"


def gap_line(omitted, word="path"):
    return f"  … {omitted:,} more {word}" + ("" if omitted == 1 else "s")


def run_text(listing):
    """`, the same pattern over j = 4…1021` when the omitted paths run along one index."""
    run = listing.omitted_run()
    if run is None:
        return ""
    letter = "ij"[run["axis"]] if len(listing.att.records.values[run["node"]].shape) == 2 else "j"
    return f", the same pattern over {letter} = {run['first'] + 1}…{run['last'] + 1}"


def listing_text(listing):
    """The gradient entry, each listed path, and a gap line for the omitted ones."""
    att = listing.att
    through = f" through {', '.join(listing.through())}" if listing.through() else ""
    head = f"{grad_sub(att.name, att.index)} = {number(att.grad)}, the sum of {plural(listing.count, 'path')}{through}"
    lines = [path_line(p) for p in listing.paths]
    if listing.omitted:
        lines.insert(listing.head, gap_line(listing.omitted) + run_text(listing))
    return "\n".join([head] + lines + [f"total {number(listing.total)}"])


def forward_listing_text(listing):
    """The value entry, then each listed summand: its input entries and its value."""
    into = listing_entry(listing["entry"])
    lines = [f"  {', '.join(map(listing_entry, p['inputs'])) or 'a constant'} → {into}:  {number(p['product'])}"
             for p in listing["paths"]]
    if listing["omitted"]:
        lines.insert(gap_at(len(lines), listing["omitted"]), gap_line(listing["omitted"], "term"))
    head = f"{into} = {number(listing['value'])}, the sum of {plural(listing['count'], 'term')}"
    return "\n".join([head] + lines + [f"total {number(listing['total'])}"])


def listing_entry(text):
    """A program's entry `a[0,1]` as display text `a₁₂`."""
    name, index, _ = parse_entry(text)
    return sub(name, index)
