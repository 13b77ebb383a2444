"""Running the product on hostile input in a child process with a time limit and a memory cap,
so that a hang, a runaway allocation or a crash fails one test instead of the whole run."""
import os
import resource
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENGINE_MEMORY = 2 * 2**30     # address space for `python -m engine` (numpy, OpenBLAS's threads)
APP_MEMORY = 4 * 2**30        # and for the app (Qt reserves more address space)
USAGE_EXIT = 2                # the documented status of every refused input


def capped(memory):
    """A preexec_fn that caps the child's address space (a runaway read fails, not the machine)."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    return limit


def run(args, timeout=60, memory=ENGINE_MEMORY, stdin=None, env=None):
    """`python ARGS` from the repository root; a child that outlives `timeout` is killed and the
    test fails with subprocess.TimeoutExpired."""
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, timeout=timeout,
                          preexec_fn=capped(memory), stdin=subprocess.DEVNULL if stdin is None else None,
                          input=stdin, env=full_env)


def engine_cli(*args, **kw):
    return run(["-m", "engine", *args], **kw)


def app(*args, **kw):
    kw.setdefault("memory", APP_MEMORY)
    kw.setdefault("timeout", 120)
    return run(["main.py", *args], **kw)


def assert_refused(result, *words):
    """The documented refusal: exit status 2, one message on stderr that names `words`, and no
    traceback; nothing on stdout."""
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == USAGE_EXIT, (result.returncode, err[-800:])
    assert "Traceback" not in err and "Warning" not in err, err[-800:]
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines and all(line.startswith(("error:", "backprop-studio:", "python -m engine")) or line.startswith(" ")
                         for line in lines[:1]), err
    assert len(lines) <= 3, err     # one message (a parse error adds its line and caret)
    for word in words:
        assert word in err, (word, err)
    assert result.stdout == b"", result.stdout[:200]


def refusals(window, monkeypatch):
    """The messages the window shows instead of its modal 'cannot open/save' box."""
    shown = []
    monkeypatch.setattr(window.files, "refuse", lambda title, message: shown.append(message))
    return shown
