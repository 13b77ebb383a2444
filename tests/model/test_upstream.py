"""The G presets' rules, as plain tests: what each preset gives, one undo step each, kept in the
session file, and a drawn G that follows the values and the seed."""
import numpy as np
import pytest

from gui.model import upstream
from gui.model.model import StudioModel
from gui.model.session_file import checked, document_of, session_dict

SEED = "a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c"


def d_of(m):
    return m.shown.session.records.values["d"]


def test_the_seed_opens_with_ones():
    m = StudioModel(SEED)
    assert m.document.upstream is None and m.document.upstream_origin == "ones"
    np.testing.assert_array_equal(m.shown.session.grad("d", 99)[0], np.ones((2, 2)))


def test_random_is_seeded_and_reproducible():
    m, other = StudioModel(SEED), StudioModel(SEED)
    m.set_upstream_preset("random")
    other.set_upstream_preset("random")
    g = m.shown.session.upstream
    np.testing.assert_array_equal(g, other.shown.session.upstream)
    assert m.document.upstream_origin == "random" and len(np.unique(g)) == 4   # no rows or columns alike
    m.set_rng_seed(5)
    assert not np.array_equal(m.shown.session.upstream, g)   # a new seed, a new G
    np.testing.assert_array_equal(m.shown.session.upstream, upstream.preset_upstream("random", d_of(m), 5))


def test_mse_is_the_gradient_of_the_mean_squared_error_against_its_targets():
    m = StudioModel(SEED)
    m.set_upstream_preset("mse")
    d, t = d_of(m), upstream.targets(d_of(m), 0)
    np.testing.assert_allclose(m.shown.session.upstream, 2 * (d - t) / d.size)
    eps, k = 1e-6, (1, 0)   # against central differences of L = mean((d − T)²)
    bumped = [d.copy(), d.copy()]
    bumped[0][k] += eps
    bumped[1][k] -= eps
    numeric = (np.mean((bumped[0] - t) ** 2) - np.mean((bumped[1] - t) ** 2)) / (2 * eps)
    assert m.shown.session.upstream[k] == pytest.approx(numeric, rel=1e-6)


def test_mse_follows_the_values():
    m = StudioModel(SEED)
    m.set_upstream_preset("mse")
    m.set_input("a", np.eye(2))
    d = d_of(m)
    np.testing.assert_allclose(m.shown.session.upstream, 2 * (d - upstream.targets(d, 0)) / 4)
    assert m.document.upstream_origin == "mse" and len(m.history.entries) == 3   # one entry per edit


def test_typed_keeps_the_numbers_in_use():
    m = StudioModel(SEED)
    m.set_upstream_preset("random")
    g = m.shown.session.upstream.copy()
    m.set_upstream_preset("typed")
    assert m.document.upstream_origin == "typed"
    np.testing.assert_array_equal(m.shown.session.upstream, g)
    m.set_upstream_preset("ones")
    m.set_upstream_preset("typed")
    np.testing.assert_array_equal(m.shown.session.upstream, np.ones((2, 2)))


@pytest.mark.parametrize("preset", upstream.PRESETS)
def test_each_preset_is_one_undo_step(preset):
    m = StudioModel(SEED)
    m.set_upstream_preset("random")
    before = m.shown.session.upstream.copy()
    m.set_upstream_preset(preset)
    assert m.document.upstream_origin == preset
    m.undo()
    assert m.document.upstream_origin == "random"
    np.testing.assert_array_equal(m.shown.session.upstream, before)


@pytest.mark.parametrize("preset", upstream.PRESETS)
def test_the_preset_is_kept_in_the_session_file(preset):
    m = StudioModel(SEED)
    m.set_upstream_preset(preset)
    doc = session_dict(m.shown, m.view)
    opened = StudioModel(SEED)
    opened.open_document(document_of(checked(doc), 0))
    assert opened.document.upstream_origin == preset
    np.testing.assert_array_equal(opened.shown.session.grad("d", 99)[0], m.shown.session.grad("d", 99)[0])


def test_a_session_without_the_preset_opens_as_ones_or_typed():
    m = StudioModel(SEED)
    m.set_upstream_preset("random")
    doc = session_dict(m.shown, m.view)
    del doc["upstream_origin"]
    m.open_document(document_of(checked(doc), 0))
    assert m.document.upstream_origin == "typed"
    doc["upstream"] = None
    m.open_document(document_of(checked(doc), 0))
    assert m.document.upstream_origin == "ones" and m.document.upstream is None


def test_an_unknown_preset_is_refused():
    with pytest.raises(ValueError):
        upstream.preset_upstream("zeros", np.ones(2), 0)
