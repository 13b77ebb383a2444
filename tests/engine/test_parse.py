"""The language: precedence, names, ids, holes, limits, and errors with line, column and caret."""
import pytest

import engine
from engine.program import infer_shapes


def eqns(text):
    return [str(e) for e in engine.parse(text).eqns]


def test_precedence_follows_python():
    assert eqns("y = -a ** 2") == ["t1 = a ** 2", "y = -t1"]
    assert eqns("y = a + b * c") == ["t1 = b * c", "y = a + t1"]
    assert eqns("y = a @ b.T") == ["t1 = b.T", "y = a @ t1"]
    assert eqns("y = a - b - c") == ["t1 = a - b", "y = t1 - c"]
    assert eqns("y = a ** -0.5") == ["y = a ** -0.5"]


def test_generated_names_skip_user_names():
    assert eqns("t1 = a * 2\ny = t1 @ b + c") == ["t1 = a * 2", "t2 = t1 @ b", "y = t2 + c"]


def test_bare_last_expression_is_out():
    p = engine.parse("out = a * 2; out + 1")
    assert p.output == "out2"


def test_ids_follow_statement_and_subexpression():
    p = engine.parse("d = a @ b + c")
    assert [e.node_id for e in p.eqns] == ["d:a@b", "d:a@b+c"]
    wrapped = engine.parse("d = relu(a @ b + c)")
    assert {"d:a@b", "d:a@b+c"} <= {e.node_id for e in wrapped.eqns}


def test_comments_and_empty_statements_are_ignored():
    assert eqns("# a comment\n;; y = a * 2 ; # trailing\n\n") == ["y = a * 2"]


def test_hole_parses_and_reports_in_shape_inference():
    p = engine.parse("t3 = a @ ?")
    problems = infer_shapes(p).problems
    assert "hole" in problems["t3"]
    with pytest.raises(engine.IncompleteError, match="hole"):
        engine.grad(p)


@pytest.mark.parametrize("text,line,column,words", [
    ("d = a @@ b", 1, 8, "expected a name"),
    ("d = a @ (b + c", 1, 15, "')'"),
    ("x = a\nd = a $ b", 2, 7, "unexpected character"),
    ("d = foo(a)", 1, 5, "unknown function 'foo'"),
    ("d = a ** b", 1, 10, "a number as the exponent"),
    ("d = a\nd = b", 2, 1, "already bound on line 1"),
    ("d = e * 2\ne = a", 1, 5, "used before it is bound on line 2"),
    ("d = sum(a, axes=0)", 1, 17, "takes no keyword 'axes'"),
    ("d = a.b", 1, 8, "'(' after the method b"),
    ("d = a[0", 1, 8, "',' or ']'"),
    ("d = sum(a, keepdims=1)", 1, 21, "True or False"),
    ("d = a[?]", 1, 7, "an index must be a whole number"),
])
def test_errors_name_line_column_and_expectation(text, line, column, words):
    with pytest.raises(engine.ParseError) as err:
        engine.parse(text)
    assert (err.value.line, err.value.column) == (line, column)
    assert words in str(err.value)
    caret_line = str(err.value).splitlines()[-1]
    assert caret_line.index("^") == column + 1  # two spaces of indent, then the column


def test_shape_errors_name_the_rule():
    with pytest.raises(engine.ShapeError, match="inner dimensions 3 and 2 differ"):
        engine.grad("a = randn(2, 3)\nd = a @ a")
    with pytest.raises(engine.ShapeError, match="do not broadcast"):
        engine.grad("a = randn(2, 3)\nb = randn(2, 2)\nd = a + b")


def test_limits_answer_with_a_message():
    with pytest.raises(engine.ParseError, match="nest at most 100"):
        engine.parse("d = " + "(" * 150 + "a" + ")" * 150)
    with pytest.raises(engine.ParseError, match="at most 10,000 characters"):
        engine.parse("d = " + " + ".join(["a"] * 4000))
    with pytest.raises(engine.ParseError, match="at most 1,000 equations"):
        engine.parse("\n".join(f"v{i} = a * {i}" for i in range(1001)))


def test_memory_is_refused_before_allocating():
    with pytest.raises(engine.MemoryLimitError, match="memory"):
        engine.grad("d = randn(300000, 300000) + 1")


@pytest.mark.parametrize("text,words", [("d = randn(0, 2)", "positive"), ("d = randn(1e400)", "positive"),
                                        ("d = sum(a, axis=1e400)", "whole number")])
def test_sizes_must_be_finite_and_positive(text, words):
    with pytest.raises(engine.ParseError, match=words):
        engine.parse(text)


def test_an_empty_input_array_is_refused():
    import numpy as np
    with pytest.raises(engine.InputError, match="empty"):
        engine.grad("d = a * 2", {"a": np.zeros((0, 2))})


def test_a_power_of_a_power_says_how_to_write_it():
    with pytest.raises(engine.ParseError, match=r"\(a \*\* 2\) \*\* 3"):
        engine.parse("d = a ** 2 ** 3")
    assert [e.op for e in engine.parse("d = (a ** 2) ** 3").eqns] == ["pow", "pow"]


def test_a_through_node_with_a_forward_equation_is_refused():
    with pytest.raises(engine.InputError, match="through node"):
        engine.explain("d = a @ b", "d[0,0]", forward=True, through="a")


def test_a_long_line_is_shown_around_the_error_with_the_caret_under_it():
    text = "d = " + " + ".join(["a"] * 1000) + " @@ b"
    with pytest.raises(engine.ParseError) as err:
        engine.parse(text)
    shown, caret = str(err.value).splitlines()[1:]
    assert len(shown) < 120 and shown.strip().startswith("…")
    assert shown[caret.index("^")] == "@"
