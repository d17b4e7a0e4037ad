"""A store directory on disk that nixeval writes to (its write mode).

Owns: placing store objects in a directory as Nix's local store lays them out,
`<store dir>/<hash>-<name>`, with a store object's metadata (files 0444, or 0555
when executable, directories 0555, modification time 1, symlinks kept), for the
three kinds of object an evaluation makes: text files (`toFile`, `.drv` files),
trees from a NAR stream (sources, filtered sources, unpacked tarballs) and flat
files (`builtins.path { recursive = false; }`, `fetchurl`).

Invariants:
- There is no database: a store path is in the store exactly when it exists in the
  directory. A path that exists is never rewritten (its name says what it holds).
- Objects appear atomically: each is built under a temporary name in the store
  directory (`.nixeval-tmp-...`, never a valid store path name) and renamed into
  place once complete and checked; a failure removes the temporary object.
- What is written is checked against the hash that named the path (`check`), so a
  source that changed between hashing and copying is never stored under the old
  name.
- The caller decides whether writing is wanted; nothing here knows about
  `/nix/store` or read-only mode.
- Sources are read through the `FileSystem` the caller gives (an evaluation's
  `nixeval.io.EvalIO`); the store itself is always this directory on disk
  (`nixeval.io.MemoryIO` has its own in-memory store).
"""

from __future__ import annotations

import itertools
import os
import stat
import time
from collections.abc import Callable

from .hashes import Hash, new_hasher
from .nar import DISK, FileSystem, NarRestorer, Sink

__all__ = ["LocalStore", "StoreWriteError", "remove_tree"]

_counter = itertools.count()


class StoreWriteError(Exception):
    """Writing a store object failed; `str()` is the message."""


def remove_tree(path: str) -> None:
    """Delete a file or a tree, read-only directories included (iteratively)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(st.st_mode):
        os.unlink(path)
        return
    # Directories are made writable on the way down and removed on the way up.
    stack: list[tuple[str, bool]] = [(path, False)]
    while stack:
        d, visited = stack.pop()
        if visited:
            os.rmdir(d)
            continue
        os.chmod(d, 0o700)
        stack.append((d, True))
        with os.scandir(d) as entries:
            for e in entries:
                if e.is_dir(follow_symlinks=False):
                    stack.append((e.path, False))
                else:
                    os.unlink(e.path)


def restore_checked(restorer: NarRestorer, store_path: str, feed: Callable[[Sink], None],
                    check: Callable[[Hash], bool]) -> None:
    """Restore the NAR that `feed` streams into the sink it is given through
    `restorer`; `check` gets the NAR's sha256 and must accept it (it is what named
    `store_path`). Shared by the store on disk and the in-memory one (nixeval.io)."""
    h = new_hasher("sha256")

    def sink(data: bytes) -> None:
        h.update(data)
        restorer.feed(data)

    feed(sink)
    restorer.finish()
    if not check(Hash("sha256", h.digest())):
        raise StoreWriteError(f"'{store_path}': the contents changed while they were "
                              "being copied to the store")


class LocalStore:
    """Writes store objects into `store_dir` (created when first written to)."""

    def __init__(self, store_dir: str):
        self.store_dir = store_dir

    def exists(self, store_path: str) -> bool:
        return os.path.lexists(store_path)

    def _temp(self, store_path: str) -> str:
        os.makedirs(self.store_dir, exist_ok=True)
        base = os.path.basename(store_path)
        return os.path.join(self.store_dir, f".nixeval-tmp-{os.getpid()}-{next(_counter)}-{base[:32]}")

    def _place(self, tmp: str, store_path: str) -> None:
        try:
            os.rename(tmp, store_path)
        except OSError:
            # Someone else put it there meanwhile: theirs has the same contents.
            remove_tree(tmp)
            if not os.path.lexists(store_path):
                raise

    def _write(self, store_path: str, make: Callable[[str], None]) -> bool:
        if os.path.lexists(store_path):
            return False
        try:
            tmp = self._temp(store_path)
        except OSError as e:
            raise StoreWriteError(f"creating store directory '{self.store_dir}': {e.strerror}") from None
        try:
            make(tmp)
            self._place(tmp, store_path)
        except BaseException as e:
            try:
                remove_tree(tmp)
            except OSError:
                pass
            if isinstance(e, OSError):
                raise StoreWriteError(f"writing '{store_path}': {e.strerror}") from None
            raise
        return True

    def add_text(self, store_path: str, data: bytes) -> bool:
        """Write a text file (contents known in full). True if it was written,
        False if the path already existed."""

        def make(tmp: str) -> None:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o444)
            os.utime(tmp, (time.time(), 1))

        return self._write(store_path, make)

    def add_nar(self, store_path: str, feed: Callable[[Sink], None],
                check: Callable[[Hash], bool]) -> bool:
        """Write the tree whose NAR `feed` streams into the sink it is given;
        `check` gets the sha256 of that NAR and must accept it (it is what named
        the path). True if written, False if the path already existed."""

        return self._write(store_path, lambda tmp: restore_checked(NarRestorer(tmp), store_path,
                                                                   feed, check))

    def add_file(self, store_path: str, source: str, check: Callable[[Hash], bool],
                 fs: FileSystem = DISK) -> bool:
        """Write a flat file with the contents of the regular file `source` (read
        from `fs`); `check` gets the sha256 of the contents written."""

        def make(tmp: str) -> None:
            h = new_hasher("sha256")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out, fs.open(source) as f:
                while chunk := f.read(1 << 16):
                    h.update(chunk)
                    out.write(chunk)
            if not check(Hash("sha256", h.digest())):
                raise StoreWriteError(f"'{store_path}': the contents of '{source}' changed while "
                                      "they were being copied to the store")
            os.chmod(tmp, 0o444)
            os.utime(tmp, (time.time(), 1))

        return self._write(store_path, make)
