"""Backprop Studio: the composition root. Parses the command line, checks the platform, then
builds the QApplication, the one controller and the main window, and runs (or renders a
screenshot and exits). Qt and the engine are imported only once the flags are known good."""
import argparse
import gc
import os
import re
import stat
import sys
from contextlib import contextmanager

from gui.resources import resource


SEED_FILE = resource("examples", "seed.txt")
ORGANISATION, APPLICATION = "Backprop Studio", "Backprop Studio"


class Parser(argparse.ArgumentParser):
    """argparse that reports a bad flag as one line (not usage + message) and exits 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


MIN_SIDE, MAX_SIDE = 64, 8192   # pixels: a window one can see; an image Qt can allocate


def size(text):
    m = re.fullmatch(r"([0-9]{1,5})[x×]([0-9]{1,5})", text.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"--size {text!r} is not of the form WxH, e.g. 1600x1000")
    w, h = int(m.group(1)), int(m.group(2))
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise argparse.ArgumentTypeError(f"--size {text!r}: each side takes {MIN_SIDE} to {MAX_SIDE} pixels")
    return w, h


def whole(flag, digits):
    """A flag's whole number ≥ 0, in ASCII digits (int() would take '٣' and '-1')."""
    def parse(text):
        if not re.fullmatch(f"[0-9]{{1,{digits}}}", text.strip()):
            raise argparse.ArgumentTypeError(f"{flag} takes a whole number ≥ 0, got {text!r}")
        return int(text)
    return parse


def presentation_scale(text):
    value = float(text)
    if not 0.5 <= value <= 3:
        raise argparse.ArgumentTypeError(f"--scale takes 0.5 to 3, got {text!r}")
    return value


def parser():
    p = Parser(prog="backprop-studio", description="See backpropagation through matrix expressions, "
               "entry by entry. Opens on the seed example d = a @ b + c.")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--expr", metavar="TEXT", help="the expression to open (statements on lines or ';')")
    source.add_argument("--open", metavar="FILE", help="a session (.json) or a text file with an expression")
    p.add_argument("--steps", type=whole("--steps", 9), metavar="N",
                   help="after N steps (0 inputs only; past the end: all)")
    p.add_argument("--select", metavar="ENTRY",
                   help="select an entry: 'd[1,0]', or 'grad a[0,0]' for ∂L/∂a[0,0]")
    p.add_argument("--size", type=size, metavar="WxH",
                   help="window size (a picture's default 1600x1000; a window's: what fits the screen)")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--screenshot", metavar="OUT.png", help="render the window offscreen to a PNG and exit")
    output.add_argument("--export", metavar="OUT", help="write the step as OUT.png, .svg, .md (a handout with "
                   "pictures beside it) or .tex (a LaTeX document) offscreen, and exit")
    p.add_argument("--scale", type=presentation_scale, metavar="F",
                   help="presentation scale of every font, 0.5 to 3 (1; a window keeps View ▸ Zoom's)")
    p.add_argument("--theme", choices=("light", "dark", "system"),
                   help="colours (light; a window keeps View ▸ Theme's)")
    p.add_argument("--rng-seed", type=whole("--rng-seed", 19), default=0, metavar="N", help="seed of the random inputs (0)")
    p.add_argument("--input", action="append", default=[], metavar="NAME=FILE.npy",
                   help="an input's values from a .npy file (repeatable), as the engine's command line")
    p.add_argument("--upstream", metavar="FILE.npy", help="G = ∂L/∂(start node) from a .npy file")
    return p


def given_arrays(args, fail):
    """[(name, path)] of --input NAME=FILE.npy and --upstream FILE.npy (as "G")."""
    pairs = []
    for pair in args.input:
        name, sep, path = pair.partition("=")
        if not sep or not name.strip():
            fail(f"--input takes NAME=FILE.npy, got {pair!r}")
        pairs.append((name.strip(), path))
    return pairs + ([("G", args.upstream)] if args.upstream else [])


def load_given(controller, pairs, fail):
    """Give the program the arrays of --input/--upstream, each checked as a loaded file is."""
    from gui.model.arrays import ArrayRefused, read_file, refusal
    for name, path in pairs:
        try:
            array = read_file(path)
        except ArrayRefused as exc:
            fail(str(exc))
        known = name == "G" or name in {i.name for i in controller.shown.program.inputs}
        problem = refusal(controller.shown, name, array) if known else f"the program has no input {name}"
        if problem:
            fail(f"{path}: {problem}")
        (controller.set_upstream if name == "G" else lambda a: controller.set_input(name, a))(array)


def read_document(args, fail):
    """The document to open: {"expression": ...} or a session's dict; a bad file calls fail."""
    from gui.model.session_file import SessionError, load_session
    if args.expr is not None:
        return {"expression": args.expr}
    try:
        return load_session(args.open or SEED_FILE)
    except SessionError as exc:
        fail(str(exc))


def output_problem(path):
    """Why a screenshot cannot go to `path`, or None: it must be a new file or a regular one (a
    FIFO would block the write forever, a device would swallow it)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot write {path}: {exc.strerror}"
    return None if stat.S_ISREG(info.st_mode) else f"cannot write {path}: not a regular file"


def settings_for(args):
    """QSettings for the window's arrangement and recent files; None for a screenshot or an export,
    so that a picture neither reads nor changes what the user last chose."""
    from PySide6.QtCore import QSettings
    return None if headless(args) else QSettings(ORGANISATION, APPLICATION)


def headless(args):
    """--screenshot and --export run offscreen, with throwaway settings and no platform check."""
    return bool(args.screenshot or args.export)


def quiet_offscreen_warning():
    """The offscreen plugin warns that it "does not support propagateSizeHints()" on every
    window; that is expected there, so it is dropped. Every other Qt message is kept."""
    from PySide6.QtCore import qInstallMessageHandler
    previous = None

    def handler(mode, context, message):
        if "propagateSizeHints" not in message:
            if previous is not None:
                previous(mode, context, message)
            else:
                sys.stderr.write(message + "\n")
    previous = qInstallMessageHandler(handler)


def first_controller(doc, engine, rng_seed):
    """The controller, on the document's text when it can be computed, else on an empty graph (the
    document is then opened over it, and its own error shown in place)."""
    from gui.app.controller import StudioController
    try:
        return StudioController(doc["expression"], rng_seed=rng_seed)
    except engine.EngineError:   # a parse or memory error: shown once the window is up
        return StudioController("", rng_seed=rng_seed)


def start(args, doc, fail):
    """Build the app, open `doc` at the asked step and selection; returns (app, window)."""
    if headless(args):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"   # before the QApplication exists
        quiet_offscreen_warning()
    from PySide6.QtWidgets import QApplication
    import numpy as np
    import engine
    from gui.app.main_window import MainWindow
    np.seterr(all="ignore")   # inf and NaN in the user's numbers are drawn and marked, not warned about
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    from gui.app.view_menu import apply_view
    settings = settings_for(args)
    apply_view(app, settings, args.scale, args.theme)   # before any widget reads gui.style
    controller = first_controller(doc, engine, args.rng_seed)
    window = MainWindow(controller, settings)
    try:
        # A plain expression that parsed is already open; a session or a broken text is opened
        # over it (a broken one shows its error over an empty graph).
        opened = True
        if "format" in doc or controller.text != doc["expression"]:
            opened = controller.open_document(doc)
        if args.open:
            window.files.opened(args.open, doc)
        load_given(controller, given_arrays(args, fail), fail)
        window.files.new = args.expr is not None   # never saved: unsaved though unedited
        window.update_title()
        if args.steps is not None:
            controller.seek(args.steps)
        if args.select and opened:
            controller.select_text(args.select)
    except engine.EngineError as exc:
        fail(str(exc))
    return app, window


@contextmanager
def collecting_after_start():
    """No cyclic garbage collection while the app starts: starting makes some hundred thousand
    objects that live as long as the app (modules, classes, Qt's wrappers) and next to no garbage,
    yet the collector would walk them again and again (a tenth to a quarter of the time to the first
    window). Once started they are frozen out of every later collection, which then walks only
    what the session makes."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def main(argv=None):
    args = parser().parse_args(argv)

    def fail(message):
        print(f"backprop-studio: {message}", file=sys.stderr)
        sys.exit(2)

    with collecting_after_start():
        doc = read_document(args, fail)   # a bad file is reported before any window is tried
        out = args.screenshot or args.export
        if out and output_problem(out):
            fail(output_problem(out))
        if not headless(args):
            from gui.app.platform_check import problem
            message = problem()
            if message:
                print(message, file=sys.stderr)
                return 1
        app, window = start(args, doc, fail)
    if args.screenshot:
        from gui.app.window_size import DEFAULT_SIZE
        if not window.screenshot(args.screenshot, args.size or DEFAULT_SIZE):
            fail(f"cannot write {args.screenshot}")
        return 0
    if args.export:
        from gui.app.export import headless as export
        from gui.app.window_size import DEFAULT_SIZE
        try:
            written = export(window, args.export, args.size or DEFAULT_SIZE)
        except ValueError as exc:
            fail(str(exc))
        if not written:
            fail(f"cannot write {args.export}")
        return 0
    from gui.app.window_size import open_window
    open_window(window, args.size)
    from gui.app.recovery import Recovery, offer
    window.recovery = Recovery(window)
    offer(window)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
