"""The application: the main window, its actions, files and the one controller."""
