"""One bot per database: an exclusive lock file next to it, also taken by `waypoint db restore`.

`flock` on `<db>.lock`: the kernel releases it when the holder exits, even on SIGKILL, so a crashed bot never
leaves a stale lock behind, and nothing has to be cleaned up by hand.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType


class DatabaseInUse(Exception):
    """Another process (a running bot, or a restore) holds the database's lock."""


def lock_path(db_path: str | Path) -> Path:
    """The lock file of a database: `<name>.lock` beside it."""
    path = Path(db_path)
    return path.with_name(path.name + ".lock")


class DatabaseLock:
    """The exclusive, non-blocking lock on one database file; a context manager, or acquire()/release()."""

    def __init__(self, db_path: str | Path) -> None:
        """Lock `db_path` (not taken until acquire())."""
        self.path = lock_path(db_path)
        self._fd: int | None = None

    def acquire(self) -> DatabaseLock:
        """Take the lock now or raise DatabaseInUse; never waits."""
        if self._fd is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DatabaseInUse(str(self.path)) from None
        # The holder's pid, for a person wondering which process it is; the lock itself is the flock.
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        """Let go of the lock (closing the file releases the flock)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> DatabaseLock:
        """Acquire."""
        return self.acquire()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        """Release."""
        self.release()
