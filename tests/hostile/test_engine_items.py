"""Hostile input to the engine and its CLI: each refused with one message and exit status 2, never
a traceback, a hang or a wrong answer. One test (or a few) per finding class."""
import os

import numpy as np
import pytest

import engine
from engine import passes
from engine.plan import ancestors
from tests.hostile.harness import assert_refused, engine_cli, run

SEED = "a = randn(2, 2); b = randn(2, 2); c = randn(2); d = a @ b + c"


# -- entries ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("entry", ["a[0,,1]", "a[0 1]", "a[,]", "a[1,]", "a[٠,1]", "a[" + "9" * 5000 + "]"])
def test_a_malformed_entry_is_one_message(entry):
    assert_refused(engine_cli("explain", SEED, "--entry", entry), "NAME[i,j]")
    with pytest.raises(engine.InputError):
        engine.explain(SEED, entry)


# -- the random seed -------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", ["-1", "٣", "1.5", "x"])
def test_a_bad_rng_seed_flag_is_one_message(seed):
    assert_refused(engine_cli("grad", SEED, "--rng-seed", seed), "--rng-seed")


@pytest.mark.parametrize("seed", [-1, 1.5, True, "0"])
def test_a_bad_rng_seed_in_the_api_is_an_input_error(seed):
    with pytest.raises(engine.InputError, match="seed"):
        engine.grad(SEED, rng_seed=seed)


# -- files that are not UTF-8 text -----------------------------------------------------------------
def test_an_expression_file_that_is_not_utf8_is_one_message(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("d = a * 2  # café\n".encode("latin-1"))
    assert_refused(engine_cli("grad", f"@{path}"), "UTF-8")
    assert_refused(engine_cli("grad", "@/bin/ls"), "UTF-8")
    assert_refused(engine_cli("grad", "-", stdin=b"d = a * 2 # \xe9\n"), "UTF-8")


def test_an_expression_file_with_a_byte_order_mark_is_read():
    out = engine_cli("grad", "-", "--json", stdin="\ufeffd = a * 2\n".encode("utf-8"))
    assert out.returncode == 0, out.stderr


# -- files that are not regular files (run capped: an unbounded read must fail one test) -----------
def test_a_device_as_a_file_argument_is_refused():
    assert_refused(engine_cli("grad", "@/dev/zero", timeout=30), "not a regular file")
    assert_refused(engine_cli("grad", SEED, "--input", "a=/dev/zero", timeout=30), "not a regular file")
    assert_refused(engine_cli("grad", SEED, "--upstream", "/dev/zero", timeout=30), "not a regular file")


def test_a_fifo_as_a_file_argument_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert_refused(engine_cli("grad", f"@{fifo}", timeout=30), "not a regular file")
    assert_refused(engine_cli("grad", SEED, "--input", f"a={fifo}", timeout=30), "not a regular file")


# -- the size of a program -------------------------------------------------------------------------
def test_twenty_thousand_declarations_are_refused_at_once():
    text = "\n".join(f"v{i} = randn(1)" for i in range(20_000)) + "\nd = v0 * 2"
    assert_refused(engine_cli("grad", "-", stdin=text.encode(), timeout=60), "at most 1,000 inputs")


def test_a_thousand_declarations_fit():
    text = "\n".join(f"v{i} = randn(1)" for i in range(999)) + "\nd = v0 * 2"
    assert len(engine.parse(text).inputs) == 999


# -- the gradient check ----------------------------------------------------------------------------
@pytest.mark.parametrize("expr", ["d = exp(x * 1000)", "d = log(x - x)"])
def test_a_non_finite_gradient_check_fails_and_is_never_a_kink(expr):
    report = engine.check(expr)
    assert not report["ok"]
    assert not any(w["kink"] for w in report["inputs"]["x"]["worst"])
    assert engine_cli("check", expr).returncode == 1


def test_check_on_a_64_by_20000_matmul_answers():
    """Each entry's difference re-runs a 64×64 @ 64×20000 matmul: checking all 4,096 entries of a
    took minutes. The subprocess's timeout is the assertion (no timed assertion)."""
    out = engine_cli("check", "a = randn(64, 64); b = randn(64, 20000); d = a @ b", "--json", timeout=60)
    assert out.returncode == 0, out.stderr
    assert b'"ok": true' in out.stdout


def test_a_check_differences_only_the_equations_downstream_of_the_input():
    from engine.gradcheck import downstream_calls
    program = engine.parse("u = exp(p); v = tanh(q); d = u * 2 + v")
    calls = downstream_calls(program, "q", ancestors(program, "d"))
    assert [eqn.op for eqn, _, _ in calls] == ["tanh", "add"]    # q's differences never re-run exp(p)


def test_a_costly_difference_checks_fewer_entries():
    from engine.gradcheck import entries_to_check
    grad = np.arange(64 * 64, dtype=float).reshape(64, 64)
    assert len(entries_to_check(grad, np.random.default_rng(0))) == 64 * 64
    few = entries_to_check(grad, np.random.default_rng(0), affordable=100)
    assert len(few) <= 100 and set(range(4096 - 50, 4096)) <= set(few.tolist())


# -- accepted, should be refused -------------------------------------------------------------------
@pytest.mark.parametrize("text", ["d = a * ٣", "a = randn(٢, ٣)", "d = a * ３", "d = sum(a, axis=0, axis=1)",
                                  "d = identity(a)"])
def test_text_outside_the_language_is_refused(text):
    with pytest.raises(engine.ParseError):
        engine.parse(text)
    assert_refused(engine_cli("grad", text), "line 1")


@pytest.mark.parametrize("program", ["d = 3; e = a * d", "d = 2 * 3; e = a * d"])
def test_a_number_and_a_constant_expression_are_both_named_constants(program):
    """One rule: `d = 3` was refused while `d = 2 * 3` was a node; both are folded constants."""
    parsed = engine.parse(program)
    assert [name for name, *_ in parsed.constants] == ["d"] and [e.out for e in parsed.eqns] == ["e"]
    for alone in ("d = 3", "d = 2 * 3"):
        with pytest.raises(engine.ParseError, match="computes nothing"):
            engine.parse(alone)


@pytest.mark.parametrize("dtype", ["complex128", "timedelta64[s]", "datetime64[s]", "U3"])
def test_an_npy_of_no_real_numbers_is_refused(tmp_path, dtype):
    path = tmp_path / "x.npy"
    np.save(path, np.zeros((2, 2), dtype=dtype))
    assert_refused(engine_cli("grad", SEED, "--input", f"a={path}"), "real numbers")


def test_an_input_given_twice_is_refused(tmp_path):
    path = tmp_path / "a.npy"
    np.save(path, np.ones((2, 2)))
    assert_refused(engine_cli("grad", SEED, "--input", f"a={path}", "--input", f"a={path}"), "twice")


# -- messages --------------------------------------------------------------------------------------
def test_a_long_comment_does_not_count_toward_the_statement_limit():
    assert engine.parse("d = a * 2  # " + "x" * 20_000).output == "d"
    with pytest.raises(engine.ParseError, match="at most 10,000"):
        engine.parse("d = a" + " + a" * 5_000 + "  # short")


def test_a_lone_carriage_return_ends_a_line():
    assert engine.parse("a = randn(2)\rd = a * 2").output == "d"
    assert engine.parse("a = randn(2)\r\nd = a * 2").output == "d"


@pytest.mark.parametrize("expr", ["d = x / (x - x)", "d = log(x - x)", "d = x ** 0.5"])
def test_no_numpy_warning_reaches_stderr(expr):
    for args in (("explain", expr, "--entry", "x[0,0]"), ("explain", expr, "--entry", "d[0,0]", "--forward"),
                 ("check", expr), ("grad", expr)):
        out = engine_cli(*args)
        assert b"Warning" not in out.stderr, (args, out.stderr)


# -- memory ----------------------------------------------------------------------------------------
def test_the_memory_guard_sees_the_process_limit():
    """Under `ulimit -v` (3 GB) a 12000² program is refused before allocating, not a MemoryError."""
    code = ("import engine\ntry:\n engine.grad('a = randn(12000, 12000); d = a @ a')\n"
            "except engine.MemoryLimitError as exc:\n print('refused:', exc)")
    out = run(["-c", code], timeout=120, memory=3 * 10**9)
    assert out.stdout.startswith(b"refused:"), out.stderr[-500:]


def test_a_memory_error_inside_a_pass_is_a_memory_limit_error(monkeypatch):
    def no_memory(*args):
        raise MemoryError
    monkeypatch.setattr(passes, "forward_steps", no_memory)
    with pytest.raises(engine.MemoryLimitError):
        engine.grad(SEED)
