"""Guards the PySide6 pin: 6.12.0 on CPython 3.11 drops a reference to None on every void
call until the interpreter aborts. The probe runs in a subprocess so a regression fails this
test alone instead of killing the whole run."""
import os
import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QObject
obj = QObject()
before = sys.getrefcount(None)
for i in range(20000):
    obj.setObjectName("n")   # a void method
after = sys.getrefcount(None)
print(before, after)
sys.exit(0 if after >= before - 100 else 1)
"""


def test_void_calls_keep_none_alive():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, f"None's refcount fell: {run.stdout} {run.stderr[-500:]}"
