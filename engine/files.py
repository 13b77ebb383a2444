"""Reading the files a user names: only regular files, and never more than a limit, so that a
device (/dev/zero), a FIFO or a directory is refused with a message instead of read without end."""
import os
import stat

from .errors import InputError

MAX_TEXT_BYTES = 64 * 2**20


def open_regular(path, what):
    """A binary file object on `path` when it is a regular file; raises InputError otherwise.
    The open does not block, so that a FIFO with no writer is refused rather than waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except (OSError, ValueError) as exc:   # ValueError: a path with a NUL byte
        raise InputError(f"cannot read {path} ({what}): {getattr(exc, 'strerror', None) or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError(f"cannot read {path} ({what}): not a regular file")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_limited(f, limit, what):
    """At most `limit` bytes of `f` (a file whose size says 0, as /proc's do, still stops there)."""
    try:
        data = f.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(f"{what} is larger than {limit // 2**20} MB")
    return data


def decode(data, what):
    """UTF-8 text (a byte order mark, as some editors write, is dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} is not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x})") from None


def read_text(path, what, limit=MAX_TEXT_BYTES):
    """The UTF-8 text of the regular file `path`, of at most `limit` bytes."""
    with open_regular(path, what) as f:
        return decode(read_limited(f, limit, f"{what} {path}"), f"{what} {path}")
