"""Which entries of each value downstream of one entry it reaches (feeds, directly or not), on
the paths to the start node: for a[0,0] in the seed, row 1 of t1 and of d. Their gradient
entries are what the entry's gradient is made of, so a view outlines them in every gradient
matrix shown on the way, hidden values included. Composed from the ops' per-entry rules
(OpDef.influence), as sets of flat indices, never a dense Jacobian."""
import numpy as np

from .attribution import flat_index, site_of
from .ops import lookup
from .plan import ancestors


def reached(records, name, index):
    """{node: sorted flat entries of node that name[index] reaches}, for every node downstream of
    it with a path to the start node (name itself excluded)."""
    program = records.program
    on_path = ancestors(program, records.start)
    sets = {name: np.array([flat_index(index, records.values[name].shape)])}
    for eqn in program.eqns:
        used = [(i, x) for i, x in enumerate(eqn.inputs) if isinstance(x, str) and x in sets]
        if not used or eqn.out not in on_path:
            continue
        site, rule = site_of(eqn, records.values), lookup(eqn.op).influence
        sets[eqn.out] = np.unique(np.concatenate([rule.feeds[i](site, i, sets[x]).out for i, x in used]))
    del sets[name]
    return sets
