"""The hostile corpus, by class (tests.hostile.corpus). `make test` runs one seeded case per class;
the whole corpus is marked slow (`make test-slow`, or `pytest -m slow`)."""
import random

import pytest

from gui.model.session_file import SessionError, load_session
from tests.hostile import corpus
from tests.hostile.harness import app, assert_refused, engine_cli, refusals

SEED = 13


def seeded(cases):
    """Every case, the one the seed picks unmarked and the rest marked slow."""
    cases = list(cases)
    pick = random.Random(SEED).randrange(len(cases))
    return [pytest.param(*case[1:], id=case[0], marks=() if i == pick else pytest.mark.slow)
            for i, case in enumerate(cases)]


def answered(result, refuse):
    """Refused with the documented status and one message, or (where the value is allowed) run."""
    if refuse or result.returncode != 0:
        assert_refused(result)


# -- numbers at the limits in every numeric field of a session ------------------------------------------
@pytest.mark.filterwarnings("ignore::RuntimeWarning")   # main.py has numpy draw inf, not warn about it
@pytest.mark.parametrize("text, refuse", seeded(corpus.session_number_cases()))
def test_a_session_number_at_the_limits(window, tmp_path, monkeypatch, text, refuse):
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    try:
        load_session(path)
        assert not refuse, "a number no session can hold was accepted"
    except SessionError:
        pass
    shown = refusals(window, monkeypatch)
    before, title = window.controller.document(), window.windowTitle()
    if not window.files.open_path(str(path)):
        assert len(shown) == 1
        assert window.controller.document() == before and window.windowTitle() == title


# -- every flag given a bad value -----------------------------------------------------------------------------
@pytest.mark.parametrize("args, refuse", seeded(corpus.engine_flag_cases()))
def test_an_engine_flag_with_a_bad_value(args, refuse):
    answered(engine_cli(*args, timeout=60), refuse)


@pytest.mark.parametrize("args, refuse", seeded(corpus.app_flag_cases()))
def test_an_app_flag_with_a_bad_value(tmp_path, args, refuse):
    answered(app("--screenshot", str(tmp_path / "x.png"), *args, timeout=120), refuse)


# -- every file argument given what is not a readable file -----------------------------------------------------
def file_cases(arguments):
    for arg in arguments:
        for kind in corpus.OUTPUT_KINDS if arg == "--screenshot" else corpus.FILE_KINDS:
            yield f"{arg}={kind}", arg, kind


@pytest.mark.parametrize("arg, kind", seeded(file_cases(corpus.ENGINE_FILE_ARGS)))
def test_an_engine_file_argument_that_is_not_a_readable_file(tmp_path, arg, kind):
    path = corpus.file_kinds(tmp_path)[kind]
    assert_refused(engine_cli(*corpus.ENGINE_FILE_ARGS[arg](path), timeout=30))


@pytest.mark.parametrize("arg, kind", seeded(file_cases(corpus.APP_FILE_ARGS)))
def test_an_app_file_argument_that_is_not_a_readable_file(tmp_path, arg, kind):
    path = corpus.file_kinds(tmp_path)[kind]
    assert_refused(app(*corpus.APP_FILE_ARGS[arg](path, str(tmp_path / "x.png")), timeout=60))
