"""Attribution in the cases the spec names: fan-out, through nodes, the start node's own entry,
relu off, h * h, broadcasting, forward equations; the range description; the CLI."""
import json
import subprocess
import sys

import numpy as np
import pytest

import engine
from engine.chaintext import backward_text, forward_text

A = np.array([[1.0, -2.0], [3.0, 0.5]])
B = np.array([[0.5, -1.0], [2.0, 0.25]])


def terms(e):
    return [(t["path"], t["upstream"], t["local"]) for t in e["terms"]]


def test_fan_out_groups_terms_per_path():
    e = engine.explain("d = a @ b; e = d + a", "a[0,0]", inputs={"a": A, "b": B})
    assert terms(e) == [(["a", "d"], "d[0,0]", 0.5), (["a", "d"], "d[0,1]", -1.0),
                        (["a", "e"], "e[0,0]", 1.0)]
    assert e["total"] == pytest.approx(e["grad"])
    text = backward_text(engine.explanation("d = a @ b; e = d + a", "a[0,0]", inputs={"a": A, "b": B}))
    assert "  path a → d: ∂L/∂d₁₁·b₁₁ + ∂L/∂d₁₂·b₁₂ = " in text and "  path a → e: ∂L/∂e₁₁·1 = 1" in text


def test_a_named_through_node_takes_every_term():
    e = engine.explain("h = a @ b; d = h + a; e = d * 2", "a[0,0]", inputs={"a": A, "b": B}, through="d")
    assert {t["upstream"] for t in e["terms"]} == {"d[0,0]", "d[0,1]"}
    assert {tuple(t["path"]) for t in e["terms"]} == {("a", "h", "d"), ("a", "d")}
    assert e["total"] == pytest.approx(e["grad"])
    default = engine.explain("h = a @ b; d = h + a; e = d * 2", "a[0,0]", inputs={"a": A, "b": B})
    assert {t["upstream"] for t in default["terms"]} == {"h[0,0]", "h[0,1]", "d[0,0]"}


def test_a_through_node_that_a_path_avoids_is_refused():
    with pytest.raises(engine.InputError, match="the path a → e avoids it"):
        engine.explain("d = a @ b; e = d + a", "a[0,0]", through="d")
    with pytest.raises(engine.InputError, match="not on a path"):
        engine.explain("d = a @ b; e = d + a", "a[0,0]", through="b")
    with pytest.raises(engine.InputError, match="not in the program"):
        engine.explain("d = a @ b; e = d + a", "a[0,0]", through="zz")


def test_the_start_node_entry_has_one_term_the_upstream_gradient():
    g = np.array([[0.3, -0.1], [0.7, 2.0]])
    e = engine.explain("d = a @ b + c", "d[1,0]", upstream=g)
    assert terms(e) == [(["d"], "d[1,0]", 1.0)]
    assert e["terms"][0]["upstream_grad"] == 0.7 and e["terms"][0]["factors"] == []
    e = engine.explain("d = a @ b; e = d * 2", "d[0,1]", start="d")
    assert [t["upstream"] for t in e["terms"]] == ["d[0,1]"]


def test_relu_off_is_listed_with_local_zero():
    x = np.array([[1.0, -1.0], [-2.0, 3.0]])
    e = engine.explain("h = relu(x); y = h * 3", "x[0,1]", inputs={"x": x})
    assert [(t["upstream"], t["local"]) for t in e["terms"]] == [("h[0,1]", 0.0)]
    assert e["terms"][0]["factors"] == [{"text": "relu′(x[0,1])", "value": 0.0}]
    e = engine.explain("y = sum(relu(a @ b))", "a[0,0]", inputs={"a": A, "b": B})
    hidden = [f["text"] for f in e["terms"][0]["factors"]]
    assert hidden == ["b[0,0]·relu′(t1[0,0]) + b[0,1]·relu′(t1[0,1])"]  # two routes meet in the sum
    assert e["terms"][0]["local"] == 0.0  # t1 = a @ b has row 1 (−3.5, −1.5): both units off


def test_h_times_h_gives_one_term_summing_both_uses():
    e = engine.explain("h = a * 1; y = h * h", "h[1,0]", inputs={"a": A})
    assert [(t["upstream"], t["local"]) for t in e["terms"]] == [("y[1,0]", 6.0)]
    assert e["terms"][0]["factors"][0]["text"] == "h[1,0] + h[1,0]"
    assert e["terms"][0]["local_from"] is None


def test_broadcast_bias_feeds_its_column_and_rows_feed_their_row():
    e = engine.explain("d = a + c", "c[1]", inputs={"a": A, "c": np.array([1.0, 2.0])})
    assert [t["upstream"] for t in e["terms"]] == ["d[0,1]", "d[1,1]"]
    e = engine.explain("d = a * r", "r[1,0]", inputs={"a": np.ones((2, 3)), "r": np.array([[1.0], [2.0]])})
    assert [t["upstream"] for t in e["terms"]] == ["d[1,0]", "d[1,1]", "d[1,2]"]
    assert [t["local_from"] for t in e["terms"]] == ["a[1,0]", "a[1,1]", "a[1,2]"]


def test_composite_factors_are_listed_along_the_path():
    e = engine.explain("y = tanh(a @ b) ** 2", "a[0,0]", inputs={"a": A, "b": B})
    texts = [[f["text"] for f in t["factors"]] for t in e["terms"]]
    assert texts[0] == ["b[0,0]", "(1 − t2[0,0]²)", "2·t2[0,0]"]
    assert all(t["local_from"] == "b[0,0]" for t in e["terms"][:1])
    for t in e["terms"]:
        assert t["local"] == pytest.approx(np.prod([f["value"] for f in t["factors"]]))


def test_forward_equations():
    c = np.array([0.1, -0.2])
    e = engine.explain("d = relu(a @ b + c)", "d[0,1]", inputs={"a": A, "b": B, "c": c}, forward=True)
    assert e["equation"] == "d₁₂ = relu(a₁₁b₁₂ + a₁₂b₂₂ + c₂)"
    assert e["terms"] == [{"inputs": ["a[0,0]", "b[0,1]", "a[0,1]", "b[1,1]", "c[1]"], "value": 0.0}]
    e = engine.explain("s = softmax(a)", "s[1,0]", inputs={"a": A}, forward=True)
    assert e["equation"] == "s₂₁ = exp(a₂₁)/(exp(a₂₁) + exp(a₂₂))"
    assert e["value"] == pytest.approx(np.exp(3) / (np.exp(3) + np.exp(0.5)))
    e = engine.explain("h = a @ b; y = h - a", "y[0,0]", inputs={"a": A, "b": B}, forward=True)
    assert e["equation"] == "y₁₁ = h₁₁ − a₁₁"
    assert [t["value"] for t in e["terms"]] == [-3.5, -1.0]
    att = engine.explanation("d = a @ b + c", "d[0,0]", inputs={"a": A, "b": B, "c": c}, forward=True)
    assert forward_text(att) == "d₁₁ = a₁₁b₁₁ + a₁₂b₂₁ + c₁ = (1)(0.5) + (−2)(2) + (0.1) = −3.4"


def test_ranges_are_rows_columns_and_blocks_not_cells():
    n = 64
    att = engine.explanation(f"a = randn({n}, {n}); b = randn({n}, {n}); c = randn({n}); d = relu(a @ b + c)",
                             "b[3,5]")
    got = {(r.name, r.role): (r.rows, r.cols) for r in att.ranges()}
    assert got[("d", "upstream")] == (slice(0, n), slice(5, 6))
    assert got[("a", "factor")] == (slice(0, n), slice(3, 4))
    assert got[("t2", "factor")] == (slice(0, n), slice(5, 6))
    assert len(att.ranges()) == 4
    fwd = engine.explanation(f"a = randn({n}, {n}); b = randn({n}, {n}); d = a @ b", "d[2,7]", forward=True)
    assert [(r.name, r.rows, r.cols) for r in fwd.ranges()] == [("a", slice(2, 3), slice(0, n)),
                                                                ("b", slice(0, n), slice(7, 8))]


def test_scattered_sets_stack_into_few_blocks():
    from engine.ranges import blocks
    flat = [0, 1, 4, 5, 10, 15]  # 4×4: cols 0-1 of rows 0-1, then cells (2,2) and (3,3)
    assert blocks(flat, (4, 4)) == [(slice(0, 2), slice(0, 2)), (slice(2, 3), slice(2, 3)),
                                    (slice(3, 4), slice(3, 4))]
    assert blocks([1, 2], (5,)) == [(slice(0, 1), slice(1, 3))]
    assert blocks([0], ()) == [(slice(0, 1), slice(0, 1))]


def test_notation():
    from engine.notation import number, sub
    written = [number(x) for x in (0.31, -0.1, -0.0, 1e-5, -123456.0)]
    assert written == ["0.31", "−0.1", "0", "1e−05", "−1.235e+05"]
    assert sub("a", (0, 1)) == "a₁₂" and sub("a", (9, 1)) == "a₁₀,₂" and sub("s", ()) == "s"


def test_long_sums_are_elided_in_text_but_exact_in_json():
    n = 40
    prog = f"a = randn(2, {n}); b = randn({n}, 3); d = a @ b"
    att = engine.explanation(prog, "d[1,2]", forward=True)
    assert "… + a₂,₄₀b₄₀,₃ (40 terms)" in forward_text(att)
    assert len(att.to_dict()["terms"]) == n and "…" not in att.to_dict()["equation"]
    back = engine.explanation(f"a = randn(2, 3); b = randn(3, {n}); d = a @ b", "a[0,0]")
    assert "(40 terms)" in backward_text(back) and len(back.to_dict()["terms"]) == n


def cli(*args):
    return subprocess.run([sys.executable, "-m", "engine", "explain", *args], capture_output=True, text=True)


def test_cli_formats_and_errors():
    r = cli("d = a @ b + c", "--entry", "a[0,0]", "--format", "json")
    assert r.returncode == 0
    assert [t["upstream"] for t in json.loads(r.stdout)["terms"]] == ["d[0,0]", "d[0,1]"]
    r = cli("d = a @ b + c", "--entry", "a[0,0]", "--format", "latex")
    assert r.returncode == 0 and r.stdout.startswith(r"\frac{\partial L}{\partial a_{11}} = ")
    r = cli("c = randn(2); d = a @ b + c", "--entry", "d[0,0]", "--forward")
    assert r.returncode == 0 and r.stdout.startswith("d₁₁ = a₁₁b₁₁ + a₁₂b₂₁ + c₁ = ")
    for bad in (["--entry", "a[5,0]"], ["--entry", "a[0,0]", "--through", "b"], ["--entry", "nope"]):
        r = cli("d = a @ b + c", *bad)
        assert r.returncode == 2 and r.stderr.startswith("error: ") and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_huge_forward_expansions_keep_hidden_values_as_leaves():
    n = 200  # softmax over a hidden matmul: n² products if every hidden entry were expanded
    att = engine.explanation(f"a = randn({n}, {n}); b = randn({n}, {n}); s = softmax(a @ b)", "s[0,1]",
                             forward=True)
    assert att.to_dict()["equation"].startswith("s₁₂ = exp(t1₁₂)/(exp(t1₁₁) + exp(t1₁₂) + ")
    assert att.value == pytest.approx(att.expr.value)


@pytest.mark.parametrize("prog, entry", [
    ("a = randn(6, 7); b = randn(7, 9); s = softmax(relu(a @ b) * 2, axis=0); L = sum(s * s)", "a[2,3]"),
    ("a = randn(6, 7); b = randn(7, 9); s = softmax(relu(a @ b) * 2, axis=1); L = sum(s * s)", "a[2,3]"),
    ("a = randn(3, 4); b = randn(4, 5); c = randn(5, 2); y = sum(tanh(a @ b) @ c)", "a[1,2]"),
    ("a = randn(3, 4); b = randn(4, 5); c = randn(2, 3); y = (c @ relu(a @ b)) ** 2", "b[3,1]"),
    ("a = randn(4); b = randn(4, 5); c = randn(5); y = (a @ b) @ c", "a[2]"),
])
def test_routes_summed_in_closed_form_match_the_routes(monkeypatch, prog, entry):
    import engine.closed_form
    records = engine.grad(prog).records
    for through in (None, records.start):
        routes = engine.attribute(records, entry, through=through)
        monkeypatch.setattr(engine.closed_form, "JOIN_ABOVE", 0)
        joined = engine.attribute(records, entry, through=through)
        monkeypatch.undo()
        assert [g.idx.tolist() for g in joined.groups] == [g.idx.tolist() for g in routes.groups]
        np.testing.assert_allclose(np.concatenate([g.local for g in joined.groups]),
                                   np.concatenate([g.local for g in routes.groups]), rtol=1e-12, atol=1e-15)
        assert joined.total == pytest.approx(joined.grad, rel=1e-9, abs=1e-15)
        assert [r.name for r in joined.ranges()] == [r.name for r in routes.ranges()]
        assert all(t["factors"] for t in joined.to_dict()["terms"]) and "·" in backward_text(joined)


@pytest.mark.parametrize("text,name,rule", [
    ("d = a - a", "a", "∂L/∂a = ∂L/∂d − ∂L/∂d: a is used twice, one term per use; ∂L/∂a₁₁ adds ∂L/∂d₁₁; "
                       "(−∂L/∂d)₁₁"),
    ("h = tanh(a)\ny = h * h", "h", "∂L/∂h = ∂L/∂y ⊙ h + ∂L/∂y ⊙ h: h is used twice, one term per use; "
                                    "∂L/∂h₁₁ adds (∂L/∂y ⊙ h)₁₁; (∂L/∂y ⊙ h)₁₁"),
    ("y = a @ a + a", "a", "∂L/∂a = ∂L/∂y + ∂L/∂y @ aᵀ + aᵀ @ ∂L/∂y: a is used three times, one term per use; "
                           "∂L/∂a₁₁ adds ∂L/∂y₁₁; row 1 of ∂L/∂y times column 1 of aᵀ; "
                           "row 1 of aᵀ times column 1 of ∂L/∂y"),
    ("v = randn(2); y = a * v", "v", "∂L/∂vⱼ = Σᵢ (∂L/∂y ⊙ a)ᵢⱼ: v was stretched over the rows of y, so ∂L/∂v₁ "
                                     "sums column 1 of (∂L/∂y ⊙ a) (Σᵢ: over i, axis 0)"),
    ("r = randn(2, 1); y = a - r", "r", "∂L/∂rᵢ = Σⱼ (−∂L/∂y)ᵢⱼ: r was stretched over the columns of y, so ∂L/∂r₁₁ "
                                        "sums row 1 of −∂L/∂y (Σⱼ: over j, axis 1)"),
    ("y = softmax(s)", "s", "∂L/∂s = y ⊙ (∂L/∂y − Σⱼ ∂L/∂y ⊙ y): Σⱼ: over j, axis 1 (along each row)"),
    ("d = a @ b + c", "a", "∂L/∂a = ∂L/∂d @ bᵀ: ∂L/∂a₁₁ is row 1 of ∂L/∂d times column 1 of bᵀ"),
])
def test_the_matrix_rule_counts_every_use_of_a_value(text, name, rule):
    """One rule, every use counted, and what the entry reads of it said only when it holds."""
    from engine.chaintext import rule_notes
    records = engine.Session(text).records
    index = (0,) * records.values[name].ndim
    assert rule_notes(engine.attribute(records, (name, index))) == [rule]


def test_a_forward_equation_over_infinities_is_nan_not_an_error():
    import math
    out = engine.explain("v = -mse(1e400, 1e400)", "t1[]", forward=True)
    assert math.isnan(out["value"])


def test_forward_scalar_forms_compute_as_numpy_does():
    import math
    x = np.array([800.0, 0.0])
    assert math.isinf(engine.explain("v = exp(x)", "v[0]", inputs={"x": x}, forward=True)["value"])
    assert engine.explain("v = log(x)", "v[1]", inputs={"x": x}, forward=True)["value"] == -math.inf
    assert math.isinf(engine.explain("v = (x * 1e200) ** 2", "v[0]", inputs={"x": x}, forward=True)["value"])
