"""The paths of a gradient entry (engine.pathlist): the seed's two paths by hand, the paths equal
to the explanation's terms at the default depth, expanded chains that subdivide the terms, and
bounded listings whose counts are computed, never enumerated."""
import json
import subprocess
import sys

import numpy as np
import pytest

import engine
from engine.passes import run_pass
from engine.pathlist import list_paths
from engine.pathtext import forward_listing_text, listing_text
from tests.conftest import SEED_G

SEED = "d = a @ b + c"


@pytest.fixture
def seed_records(seed_inputs):
    return run_pass(engine.parse(SEED), seed_inputs, SEED_G)


def test_the_seed_entry_has_two_paths_with_the_hand_numbers(seed_inputs):
    out = engine.paths(SEED, "a[0,0]", inputs=seed_inputs, upstream=SEED_G)
    # ∂L/∂a₁₁ = ∂L/∂d₁₁·b₁₁ + ∂L/∂d₁₂·b₁₂ = (0.3)(0.5) + (−0.1)(−1) = 0.25
    assert [p["nodes"] for p in out["paths"]] == [["a[0,0]", "d[0,0]"], ["a[0,0]", "d[0,1]"]]
    assert [p["local_texts"] for p in out["paths"]] == [["b[0,0]"], ["b[0,1]"]]
    assert [p["locals"] for p in out["paths"]] == [[0.5], [-1.0]]
    assert [p["upstream_grad"] for p in out["paths"]] == [0.3, -0.1]
    assert [p["product"] for p in out["paths"]] == pytest.approx([0.15, 0.1], abs=1e-15)
    assert out["total"] == pytest.approx(0.25) and out["grad"] == pytest.approx(0.25)
    assert (out["count"], out["omitted"], out["through"]) == (2, 0, ["d"])


def test_the_seed_paths_as_text(seed_records):
    assert listing_text(list_paths(seed_records, "a[0,0]")).splitlines() == [
        "∂L/∂a₁₁ = 0.25, the sum of 2 paths through d",
        "  a₁₁ → d₁₁:  ∂L/∂d₁₁·b₁₁ = (0.3)(0.5) = 0.15",
        "  a₁₁ → d₁₂:  ∂L/∂d₁₂·b₁₂ = (−0.1)(−1) = 0.1",
        "total 0.25"]
    assert listing_text(list_paths(seed_records, "a[0,0]", limit=1)).splitlines()[1:3] == [
        "  a₁₁ → d₁₁:  ∂L/∂d₁₁·b₁₁ = (0.3)(0.5) = 0.15", "  … 1 more path"]


def test_a_value_entrys_summands_are_its_paths_in(seed_records):
    from engine.pathlist import forward_listing
    listing = forward_listing(seed_records, "d[0,0]", limit=2)
    # d₁₁ = a₁₁b₁₁ + a₁₂b₂₁ + c₁ = (1)(0.5) + (2)(2) + 0.1 = 4.6
    assert [p["inputs"] for p in listing["paths"]] == [["a[0,0]", "b[0,0]"], ["c[0]"]]
    assert (listing["count"], listing["omitted"], listing["total"]) == (3, 1, pytest.approx(4.6))
    assert forward_listing_text(listing).splitlines() == [
        "d₁₁ = 4.6, the sum of 3 terms", "  a₁₁, b₁₁ → d₁₁:  0.5", "  … 1 more term", "  c₁ → d₁₁:  0.1",
        "total 4.6"]


def test_expanding_the_seed_lists_the_hidden_t1_entries(seed_inputs):
    out = engine.paths(SEED, "a[0,0]", inputs=seed_inputs, upstream=SEED_G, expand=True)
    assert [p["nodes"] for p in out["paths"]] == [["a[0,0]", "t1[0,0]", "d[0,0]"], ["a[0,0]", "t1[0,1]", "d[0,1]"]]
    assert [p["local_texts"] for p in out["paths"]] == [["b[0,0]", "1"], ["b[0,1]", "1"]]
    assert [p["product"] for p in out["paths"]] == pytest.approx([0.15, 0.1], abs=1e-15)


def test_through_t1_ends_the_paths_at_t1(seed_records):
    out = list_paths(seed_records, "a[0,0]", through="t1").to_dict()
    assert [p["nodes"] for p in out["paths"]] == [["a[0,0]", "t1[0,0]"], ["a[0,0]", "t1[0,1]"]]
    assert [p["upstream_grad"] for p in out["paths"]] == [0.3, -0.1]


def test_a_start_node_entry_is_one_path_of_no_edge(seed_records):
    out = list_paths(seed_records, "d[0,1]", expand=True).to_dict()
    assert out["paths"] == [{"nodes": ["d[0,1]"], "path": ["d"], "locals": [], "local_texts": [], "upstream": "d[0,1]",
                             "upstream_grad": -0.1, "product": -0.1}]


def test_h_times_h_is_one_edge_whose_local_sums_both_uses():
    records = run_pass(engine.parse("h = a * a; y = sum(h)"), {"a": np.array([[1.0, 2.0], [3.0, 4.0]])})
    listing = list_paths(records, "a[0,1]", through="y", expand=True)
    (path,) = listing.paths
    assert path.edges[0].local == 4.0 and path.edges[0].text(engine.entries.format_entry) == "a[0,1] + a[0,1]"


def test_infinite_locals_are_listed_without_warnings():
    # log(a − a) = log(0): the pass has −∞ and its partial 1/0; the paths show them as the pass does
    listing = list_paths(run_pass(engine.parse("y = sum(log(a - a))")), "a[0,0]", expand=True)
    (path,) = listing.paths   # a − a: both uses of a[0,0] make one partial, 1 + (−1)
    assert [e.local for e in path.edges][:2] == [0.0, np.inf] and np.isnan(path.product)


def test_a_large_selection_lists_the_first_and_last_paths_and_counts_all():
    n = 1024
    prog = f"a = randn({n}, {n}); b = randn({n}, {n}); c = randn({n}); d = relu(a @ b + c)"
    records = run_pass(engine.parse(prog))
    for expand in (False, True):
        out = list_paths(records, "a[3,5]", expand=expand).to_dict()
        assert (out["count"], out["omitted"], len(out["paths"])) == (n, n - 6, 6)
        assert [p["upstream"] for p in out["paths"]] == [f"d[3,{j}]" for j in (0, 1, 2, n - 3, n - 2, n - 1)]
        assert out["total"] == pytest.approx(out["grad"], rel=1e-9, abs=1e-12)
        assert out["omitted_run"] == {"node": "d", "axis": 1, "first": 3, "last": n - 4}
    gap = listing_text(list_paths(records, "a[3,5]")).splitlines()[4]
    assert gap == "  … 1,018 more paths, the same pattern over j = 4…1021"


def test_the_mlp_example_counts_its_paths_exactly():
    text = open("resources/examples/mlp5.txt", encoding="utf-8").read()
    assert text.startswith("# ")
    records = run_pass(engine.parse(text))
    listing = list_paths(records, "w1[3,5]", through="loss", expand=True)
    # w1[3,5] feeds column 5 of layer 1 (64 rows); each later layer fans out over 256 columns
    assert listing.count == 64 * 256 ** 4 and type(listing.count) is int
    assert listing.paths[-1].nodes[-2:] == (("out", (63, 255)), ("loss", ()))
    assert list_paths(records, "w1[3,5]").count == 64
    assert listing.omitted_run() is None   # the omitted chains differ in many entries


def test_counts_past_int64_stay_exact():
    depth, n = 20, 16
    lines = [f"a = randn(1, {n})", f"w = randn({n}, {n})", "h0 = a"]
    lines += [f"h{k} = h{k - 1} @ w" for k in range(1, depth + 1)]
    records = run_pass(engine.parse("\n".join(lines)))
    listing = list_paths(records, "a[0,3]", through=f"h{depth}", expand=True, limit=2)
    assert listing.count == n ** depth and listing.omitted == n ** depth - 2
    assert listing.paths[0].nodes[-1] == (f"h{depth}", (0, 0))
    assert listing.paths[1].nodes[2:] == tuple((f"h{k}", (0, n - 1)) for k in range(1, depth + 1))
    many = list_paths(records, "a[0,3]", through=f"h{depth}", expand=True, limit=40)   # edges sorted once per hop
    assert [p.to_dict() for p in (many.paths[0], many.paths[-1])] == [p.to_dict() for p in listing.paths]
    assert len({p.nodes for p in many.paths}) == 40
    with pytest.raises(engine.InputError, match="at most 10,000 paths are listed at once"):
        list_paths(records, "a[0,3]", through=f"h{depth}", expand=True, limit=10 ** 12)


def test_an_expansion_too_large_to_follow_is_refused_not_attempted(monkeypatch):
    import engine.chains
    n = 1024
    records = run_pass(engine.parse(f"a = randn({n}, {n}); b = randn({n}, {n}); d = a @ b"))
    monkeypatch.setattr(engine.chains, "EDGE_BUDGET", n - 1)   # a[3,5] feeds the n entries of d's row 4
    with pytest.raises(engine.InputError, match="1,024 entry-to-entry partials"):
        list_paths(records, "a[3,5]", expand=True)
    assert list_paths(records, "a[3,5]").count == n


def cli(*args):
    return subprocess.run([sys.executable, "-m", "engine", "paths", *args], capture_output=True, text=True)


def test_cli_json_text_and_errors():
    r = cli("d = a @ b + c", "--entry", "a[0,0]", "--format", "json", "--limit", "1")
    out = json.loads(r.stdout)
    assert r.returncode == 0 and (out["count"], out["omitted"], len(out["paths"])) == (2, 1, 1)
    assert set(out["paths"][0]) >= {"nodes", "locals", "upstream", "upstream_grad", "product"}
    r = cli("d = a @ b + c", "--entry", "a[0,0]", "--expand")
    assert r.returncode == 0 and r.stdout.splitlines()[1].startswith("  a₁₁ → t1₁₁ → d₁₁:  ∂L/∂d₁₁·b₁₁ = (")
    r = cli("c = randn(2); d = a @ b + c", "--entry", "d[0,0]", "--forward", "--format", "json")
    assert [p["inputs"] for p in json.loads(r.stdout)["paths"]] == [["a[0,0]", "b[0,0]"], ["a[0,1]", "b[1,0]"], ["c[0]"]]
    for bad in (["--limit", "-1"], ["--through", "b"], ["--forward", "--expand"]):
        r = cli("d = a @ b + c", "--entry", "a[0,0]", *bad)
        assert r.returncode == 2 and "Traceback" not in r.stderr
