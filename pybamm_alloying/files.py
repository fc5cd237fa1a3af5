"""Files a user can trust: written whole or not at all."""

import json
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, write) -> Path:
    """Call ``write(tmp_path)`` on a temporary file beside ``path``, then move it in place.

    A failure leaves no partial file: the temporary file is removed and ``path`` is
    untouched.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_csv(path: Path, frame) -> Path:
    """``frame`` (a :class:`pandas.DataFrame`) as CSV at ``path``, atomically, without
    pandas' row index: a table that needs row labels carries them as a named column."""
    return write_atomically(path, lambda tmp: frame.to_csv(tmp, index=False))


def write_json(path: Path, data: dict) -> Path:
    """``data`` as indented JSON at ``path``, atomically (numbers numpy holds as floats)."""
    text = json.dumps(data, indent=2, default=float)
    return write_atomically(path, lambda tmp: Path(tmp).write_text(text))
