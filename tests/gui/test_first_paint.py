"""What the first painted window imports: the window opens without the graph library, the
attribution modules, the Paths view, the palette or the exporters (each is loaded on first use)."""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOT_BEFORE_FIRST_PAINT = ("networkx", "engine.attribution", "engine.forward", "gui.panels.palette",
                          "gui.panels.paths", "engine.pathlist", "engine.export",
                          # the gradient check, the PyTorch cross-check, the builder's sketch, the
                          # judging of predictions, a selection's chain rule, saving: each on first use
                          "engine.gradcheck", "engine.crosscheck", "engine.sketch", "engine.sketch_text",
                          "engine.predict", "engine.chaintext", "gui.model.selection", "gui.model.safe_write")
PROBE = ("import gc, json, sys, main; main.main(['--screenshot', sys.argv[1], '--size', '800x500']); "
         "print(json.dumps({'modules': sorted(sys.modules), 'collecting': gc.isenabled(), "
         "'frozen': gc.get_freeze_count()}))")


def first_paint(tmp_path):
    """What a process that painted the first window has imported, and its garbage collector's state."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "first.png")], capture_output=True,
                         text=True, cwd=ROOT, env=env)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


def test_the_first_paint_imports_no_graph_library_attribution_paths_palette_or_export(tmp_path):
    painted = first_paint(tmp_path)
    modules = set(painted["modules"])
    assert "gui.app.main_window" in modules and os.path.exists(tmp_path / "first.png")
    assert sorted(m for m in NOT_BEFORE_FIRST_PAINT if m in modules) == []
    # started without collecting: what starting made is frozen out of later collections, which run again
    assert painted["collecting"] and painted["frozen"] > 10_000


def test_the_palette_is_built_when_its_tab_is_first_shown(window, qtbot):
    dock = window.docks["palette"]
    assert dock.widget() is None   # behind the inputs' tab: not built yet
    dock.raise_()
    qtbot.waitUntil(lambda: dock.widget() is not None)
    assert window.palette_panel is dock.widget()


def test_the_paths_view_is_built_when_an_entry_is_first_selected(window, qtbot):
    dock = window.paths_dock
    assert dock.widget() is None   # hidden until a selection: not built yet
    window.controller.select_text("grad a[0,0]")
    qtbot.waitUntil(lambda: dock.widget() is not None)
    assert dock.isVisible() and window.paths_dock.panel is dock.widget()
