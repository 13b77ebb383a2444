"""`python -m engine`: the CLI, quiet when its reader goes away (`… --json | head -c 10`)."""
import os
import sys

from .cli import main

# The exit status of a process that a closed pipe stopped (128 + SIGPIPE), as for a Unix filter.
CLOSED_PIPE_STATUS = 141


def run():
    try:
        status = main()
        sys.stdout.flush()  # flushed here, not at exit, so a closed pipe is caught below
    except BrokenPipeError:
        # Nobody reads the rest: stop without a traceback, and point stdout at devnull so the
        # interpreter's own flush at exit does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = CLOSED_PIPE_STATUS
    return status


if __name__ == "__main__":
    sys.exit(run())
