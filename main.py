"""Backprop Studio: composition root."""
import sys


def main(argv=None):
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication.instance() or QApplication(sys.argv[:1])
    win = QMainWindow()
    win.setWindowTitle("Backprop Studio")
    win.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
