"""What the first painted window imports: the window opens without the graph library, the
attribution modules or the palette (each is loaded on first use)."""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOT_BEFORE_FIRST_PAINT = ("networkx", "engine.attribution", "engine.forward", "gui.panels.palette")
PROBE = ("import json, sys, main; main.main(['--screenshot', sys.argv[1], '--size', '800x500']); "
         "print(json.dumps(sorted(sys.modules)))")


def modules_at_first_paint(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "first.png")], capture_output=True,
                         text=True, cwd=ROOT, env=env)
    assert run.returncode == 0, run.stderr
    return set(json.loads(run.stdout.splitlines()[-1]))


def test_the_first_paint_imports_no_graph_library_attribution_or_palette(tmp_path):
    modules = modules_at_first_paint(tmp_path)
    assert "gui.app.main_window" in modules and os.path.exists(tmp_path / "first.png")
    assert sorted(m for m in NOT_BEFORE_FIRST_PAINT if m in modules) == []


def test_the_palette_is_built_when_its_tab_is_first_shown(window, qtbot):
    dock = window.docks["palette"]
    assert dock.widget() is None   # behind the inputs' tab: not built yet
    dock.raise_()
    qtbot.waitUntil(lambda: dock.widget() is not None)
    assert window.palette_panel is dock.widget()
