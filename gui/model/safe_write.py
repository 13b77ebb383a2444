"""Writing a file so that it never corrupts and never surprises: the new bytes go to a temporary
file beside the target and are renamed over it, so a reader sees the old file or the new one,
never half of one. A symlink is written through to its target; an existing file keeps its
permission bits, a new one follows the umask; a directory, a device or a file this process may
not write is refused; on any failure no temporary file is left and the old file is untouched
(hard links are split: the rename replaces the name, by design)."""
import contextlib
import errno
import os
import stat


def write_atomically(path, data):
    """Replace the file at `path` (through symlinks) by `data` (bytes); raises OSError."""
    target = os.path.realpath(path)
    replace_with(target, data, existing_mode(target))


def existing_mode(target):
    """The permission bits of the file at `target`, or None when there is none yet; raises
    OSError for a target that is not a regular file this process may write."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "it is not a regular file (a device or a pipe)")
    if not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is not writable")
    return stat.S_IMODE(info.st_mode)


def replace_with(target, data, mode):
    """Write `data` to a new file beside `target` and rename it over `target`; the new file is
    created with 0666 less the umask, then given `mode` when the old file had one."""
    tmp = None
    try:
        fd, tmp = create_beside(target)
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


def create_beside(target):
    """(fd, path) of a new, empty `.save-*.tmp` file in `target`'s folder."""
    folder = os.path.dirname(target)
    for _ in range(100):
        tmp = os.path.join(folder, f".save-{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name beside the file")


def write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
