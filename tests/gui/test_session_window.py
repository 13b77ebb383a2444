"""Sessions through the window: Open refuses a corrupt file with a message; Save, Open and the recent files."""
import os

def test_the_window_refuses_a_corrupt_file_with_a_message(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(window.files, "refuse", lambda title, message: shown.append(message))
    path = tmp_path / "bad.json"
    path.write_text('{"format": "other"}')
    before = window.controller.session
    assert not window.files.open_path(str(path))
    assert "format" in shown[0] and window.controller.session is before


def test_the_window_saves_opens_and_remembers_recent_files(window, tmp_path):
    path = str(tmp_path / "w.json")
    window.controller.seek(4)
    assert window.files.save_to(path)
    assert "w.json" in window.windowTitle()
    window.controller.seek(0)
    assert window.files.open_path(path)
    assert window.controller.session.cursor == 4
    assert window.files.recent()[0] == os.path.abspath(path)
    window.files.fill_recent_menu()
    assert window.files.recent_menu.actions()[0].text() == os.path.abspath(path)
