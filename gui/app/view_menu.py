"""View ▸ Zoom in / Zoom out / Actual size (Ctrl+=, Ctrl+−, Ctrl+0) and View ▸ Theme (Light, Dark,
Follow system), kept in the window's QSettings. The application's font and palette change at
once; the heatmaps and the canvas, which read gui.style when built, take the new scale and
colours when the window is next opened."""
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from gui import style, theme

THEME_NAMES = {"light": "Light", "dark": "Dark", "system": "Follow system"}


def kept(settings, scale=None, theme_name=None):
    """(scale, theme): the flags' when given, else the settings' (none for a headless run)."""
    if settings is not None:
        scale = scale if scale is not None else float(settings.value("view/scale", 1.0))
        theme_name = theme_name or str(settings.value("view/theme", "light"))
    scale = scale if scale is not None else 1.0
    return min(max(scale, theme.SCALES[0]), theme.SCALES[-1]), theme_name if theme_name in theme.THEMES else "light"


def apply_view(app, settings, scale=None, theme_name=None):
    """Set gui.style and the app for the kept (or asked) scale and theme; returns them."""
    scale, theme_name = kept(settings, scale, theme_name)
    theme.apply(scale, theme_name, app)
    return scale, theme_name


def next_scale(scale, step):
    """The next presentation scale up (step 1) or down (step −1) from `scale`."""
    if step > 0:
        return next((s for s in theme.SCALES if s > scale + 1e-9), theme.SCALES[-1])
    return next((s for s in reversed(theme.SCALES) if s < scale - 1e-9), theme.SCALES[0])


class ViewMenu:
    """The zoom and theme actions, added to `window`'s View menu."""

    def __init__(self, window, menu):
        self.window = window
        self.scale, self.theme = kept(window.settings)
        menu.addSeparator()
        for text, keys, step in (("Zoom in", ("Ctrl+=", "Ctrl++"), 1), ("Zoom out", ("Ctrl+-",), -1),
                                 ("Actual size", ("Ctrl+0",), 0)):
            action = QAction(text, window)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setToolTip(f"{text} ({keys[0]}): every font in the app")
            action.triggered.connect(lambda _checked=False, s=step: self.zoom(s))
            menu.addAction(action)
        self.themes = QActionGroup(window)
        themes = menu.addMenu("Theme")
        for name, text in THEME_NAMES.items():
            action = themes.addAction(text)
            action.setCheckable(True)
            action.setChecked(name == self.theme)
            action.triggered.connect(lambda _checked=False, n=name: self.choose(self.scale, n))
            self.themes.addAction(action)

    def zoom(self, step):
        self.choose(1.0 if step == 0 else next_scale(self.scale, step), self.theme)

    def choose(self, scale, theme_name):
        """Keep and apply a scale and a theme."""
        from PySide6.QtWidgets import QApplication
        self.scale, self.theme = scale, theme_name
        if self.window.settings is not None:
            self.window.settings.setValue("view/scale", scale)
            self.window.settings.setValue("view/theme", theme_name)
        # the canvas and the heatmaps keep the sizes they were built at (their boxes and their
        # labels together) until the window is next opened; colours and the app's font follow now
        theme.apply(style.FONT_SCALE, theme_name)
        theme.dress(QApplication.instance(), scale, theme.resolve(theme_name) == "dark")
        self.window.statusBar().showMessage(
            f"Scale {scale:g}×, {THEME_NAMES[theme_name].lower()} theme: heatmaps and canvas follow "
            "when the window is next opened", 8000)
