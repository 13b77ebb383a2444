"""Kept buffers: reused only once nothing holds them, and let go with the plans left behind."""
import numpy as np

from engine import buffers


def test_an_output_is_written_into_its_earlier_buffer_only_once_nothing_holds_it():
    kept = []
    add = buffers.into_kept(np.add, kept)
    held = add(np.ones(3), 1.0)
    again = add(np.ones(3), 2.0)   # `held` still holds the first buffer: a new one
    assert again is not held and held.tolist() == [2.0] * 3
    del again
    assert add(np.ones(3), 3.0) is kept[-1] and len(kept) == buffers.POOL_SIZE


def test_only_the_last_few_plans_keep_their_buffers():
    plans = [([np.ones(2)], [np.ones(2)]) for _ in range(buffers.PLANS_KEPT + 1)]
    for lists in plans + plans[-1:]:
        buffers.keeping(lists)
    assert all(kept == [] for kept in plans[0])
    assert all(len(kept) == 1 for lists in plans[1:] for kept in lists)
    buffers.keeping(plans[1])   # a plan run again moves to the end
    buffers.keeping(plans[0])
    assert all(kept == [] for kept in plans[2]) and len(plans[1][0]) == 1
