"""File ▸ Export… from the window: the part and format chosen in the dialog's filter are written."""
import xml.etree.ElementTree as ET

from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.app.export import FILTERS


def choose(monkeypatch, path, label):
    chosen = next(f for f, _, _ in FILTERS if f.startswith(label))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), chosen))


def test_export_writes_the_canvas_alone_as_svg(window, monkeypatch, tmp_path):
    window.controller.seek(6)
    choose(monkeypatch, tmp_path / "canvas", "Canvas alone (SVG)")
    window.actions["export"].trigger()
    svg = ET.parse(tmp_path / "canvas.svg").getroot()
    assert int(float(svg.get("width").rstrip("mm"))) > 0
    texts = {"".join(e.itertext()).strip() for e in svg.iter("{http://www.w3.org/2000/svg}text")}
    assert {"a", "b", "t1", "d"} <= texts and "Inputs and G" not in texts   # the canvas, not the window


def test_export_of_a_handout_without_a_pass_says_why(window, monkeypatch, tmp_path):
    window.controller.apply_text("")
    choose(monkeypatch, tmp_path / "empty.md", "Markdown")
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    window.actions["export"].trigger()
    assert told and "no step to export" in told[0] and not (tmp_path / "empty.md").exists()
