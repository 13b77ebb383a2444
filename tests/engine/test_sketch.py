"""The visual builder's model: edits, and text → sketch → text round trips."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engine
from engine.sketch import add_node, connect, disconnect, remove, rename, sketch_from_program
from engine.sketch_text import write_text
from tests.engine.test_fuzz import EXPRS

# hypothesis describes the recursive strategy in a very long repr; harmless here
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")


def structure(program):
    """A program's meaning: no source positions; inputs as a set (writing declares them first)."""
    return (sorted((i.name, tuple(i.shape), i.init, i.seed_key) for i in program.inputs),
            [(e.op, tuple(map(str, e.inputs)), e.params, e.out, e.named) for e in program.eqns], program.output)


def round_trip(text):
    program = engine.parse(text)
    written, keymap = write_text(sketch_from_program(program))
    return program, engine.parse(written), keymap


@given(st.lists(EXPRS, min_size=1, max_size=3))
def test_text_to_sketch_to_text_is_the_same_program(exprs):
    text = "\n".join(f"v{i} = {e}" for i, e in enumerate(exprs))
    try:
        program, again, keymap = round_trip(text)
    except engine.ParseError:
        return  # not a program (e.g. a lone number); the parser's own tests cover that
    assert structure(again) == structure(program)
    ids = set(again.node_ids().values())
    assert set(keymap.values()) - {k for k in keymap.values() if "#" in k} <= ids


def test_seed_round_trip_keeps_text_ids_and_comments():
    text = "# the seed\na = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c  # output"
    program, again, keymap = round_trip(text)
    assert again.source == text
    assert keymap == {k: k for k in program.node_ids().values()}


def test_build_the_seed_from_an_empty_canvas():
    sketch = sketch_from_program(engine.parse("a = randn(2, 2)")).__class__((), None)
    keys = {}
    for name, shape in (("a", (2, 2)), ("b", (2, 2)), ("c", (2,))):
        sketch, keys[name] = add_node(sketch, "input", "randn", name=name, shape=shape)
    sketch, mm = add_node(sketch, "op", "matmul")
    sketch, plus = add_node(sketch, "op", "add")
    for source, target, port in (("a", mm, 0), ("b", mm, 1), (mm, plus, 0), ("c", plus, 1)):
        sketch = connect(sketch, keys.get(source, source), target, port)
    sketch = rename(sketch, plus, "d")
    text, keymap = write_text(sketch)
    assert text == "a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c"
    assert keymap[mm] == "d:a@b" and keymap[plus] == "d:a@b+c"


def test_half_wired_node_is_written_with_a_hole_and_reads_back():
    sketch = sketch_from_program(engine.parse("a = randn(2, 2)"))
    sketch, mm = add_node(sketch, "op", "matmul")
    sketch = connect(sketch, "a", mm, 0)
    text, keymap = write_text(sketch)
    assert text.splitlines()[-1] == "t1 = a @ ?"
    assert write_text(sketch_from_program(engine.parse(text)))[0] == text


def test_edits_refuse_cycles_taken_ports_and_bad_names():
    sketch = sketch_from_program(engine.parse("t = a * 2\nd = relu(t)"))
    with pytest.raises(engine.InputError, match="cycle"):
        connect(disconnect(sketch, "t:a*2", 0), "d:relu(t)", "t:a*2", 0)
    with pytest.raises(engine.InputError, match="already wired"):
        connect(sketch, "a", "d:relu(t)", 0)
    with pytest.raises(engine.InputError, match="taken"):
        rename(sketch, "d:relu(t)", "t")
    with pytest.raises(engine.InputError, match="reserved"):
        rename(sketch, "d:relu(t)", "randn")
    assert rename(sketch, "d:relu(t)", "max").node("d:relu(t)").name == "max"   # op names are reserved in calls only


def test_removing_a_node_leaves_holes_and_takes_its_constants():
    sketch = remove(sketch_from_program(engine.parse("t = a * 2\nd = relu(t)")), ["t:a*2"])
    assert write_text(sketch)[0] == "a = randn(2, 2)\nd = relu(?)"


def test_a_transposed_constant_is_written_as_a_call():
    assert write_text(sketch_from_program(engine.parse("v = transpose(2)")))[0] == "v = transpose(2)"
