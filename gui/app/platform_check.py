"""Before Qt starts: is there a display, and are the system libraries Qt's xcb plugin needs
there? Qt itself would abort with "Could not load the Qt platform plugin xcb"; this says
what is missing and how to install it. Imports nothing from Qt."""
import ctypes
import os
import sys

# soname -> Debian/Ubuntu package (Qt's list for its xcb plugin, measured on Debian 12).
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
}
APT_LINE = "sudo apt-get install " + " ".join(XCB_LIBRARIES.values())
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")


def loads(soname):
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_packages(load=loads):
    return [package for soname, package in XCB_LIBRARIES.items() if not load(soname)]


def problem(environ=None, platform=None, load=loads):
    """A message saying why a window cannot open here, or None when it can (or we cannot tell)."""
    environ = os.environ if environ is None else environ
    platform = platform or sys.platform
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if not platform.startswith("linux") or chosen.startswith(HEADLESS_PLATFORMS):
        return None
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return ("No display: neither DISPLAY nor WAYLAND_DISPLAY is set, so no window can open.\n"
                "Without a display, render the window to a picture instead:\n"
                "  .venv/bin/python main.py --screenshot out.png [--steps N] [--expr TEXT]")
    if chosen.startswith("wayland") or (environ.get("WAYLAND_DISPLAY") and not environ.get("DISPLAY")):
        return None    # the xcb libraries are not needed on Wayland
    missing = missing_packages(load)
    if missing:
        return ("Qt's window plugin (xcb) needs system libraries that are missing here: "
                f"{', '.join(missing)}.\nInstall them with:\n  {APT_LINE}")
    return None
