"""The evaluator's window on the outside world: every file read, directory listing,
status query and store write of an evaluation goes through one `EvalIO` object,
so a host can evaluate against a virtual file system.

Owns: the interface (`EvalIO`), the real file system (`LocalIO`, the default) and an
in-memory tree with an in-memory store (`MemoryIO`, for hosts and tests).

Who uses it: an `Evaluation` owns one (`Evaluation.io`; inside builtins
`current().io`); the Python API takes one (`Evaluator(io=MemoryIO({...}))`). It
serves import and scopedImport (reading the file, a directory meaning its
default.nix), readFile, hashFile, readDir, pathExists, readFileType, findFile and the
`<...>` search path, the realpath of restricted/pure mode's checks, the NAR
serialisation of `"${./path}"`, `builtins.path` and `filterSource`, the store's
validity checks and reading `.drv` files, and, in write mode, the store writes
(sources, `toFile` texts, `.drv` files).

Invariants:
- The operations have the meaning of the `os` functions they are named after
  (`lstat` does not follow a final symlink, `stat`/`open`/`exists` do, a bytes path
  gives bytes names and targets) and fail the same way: OSError with an errno
  (FileNotFoundError, NotADirectoryError, IsADirectoryError...), so the evaluator's
  messages (`opening file '...': No such file or directory`) are Nix's whatever the
  file system. An `EvalIO` implements the primitives (`lstat`, `stat`, `listdir`,
  `readlink`, `open`, `realpath`, `store`); the rest have defaults built on them.
- `LocalIO` binds the `os` functions themselves, so the default costs what calling
  them directly did; the NAR walk binds `lstat` once per walk (one method call per
  node, no more).
- What stays on the real file system whatever the `EvalIO`: the host's AST cache
  (nixeval/syntax/cache.py, keyed by content), the CLI's own files, and the
  fetchers' downloads and checkouts (real temporary files; the store reads such a
  source with `StoreState.add_source(..., fs=LOCAL)`).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Mapping
from io import BytesIO
from typing import Any, BinaryIO

from nixeval.store.hashes import Hash, new_hasher
from nixeval.store.local import LocalStore, StoreWriteError, restore_checked
from nixeval.store.nar import FileSystem, NarRestorer, Sink, file_type

__all__ = ["EvalIO", "LocalIO", "MemoryIO", "MemoryStore", "Symlink", "Executable", "LOCAL"]

PathArg = str | bytes


class EvalIO:
    """What an evaluation needs of the outside world (see the module docstring).

    Reading (all may raise OSError as the `os` functions do):
    - `lstat(path)` / `stat(path)`: the status of the object itself / of what a
      symlink points to (`st_mode` and `st_size` are what the evaluator reads).
    - `listdir(path)`: the names in a directory.
    - `readlink(path)`: a symlink's target.
    - `open(path)`: a regular file opened for reading bytes.
    - `realpath(path)`: the path with every symlink resolved and `.`/`..` gone
      (non-strict, as `os.path.realpath`: a missing tail is kept as written).
    - `read_bytes(path)`, `read_dir(path)` (name -> regular/directory/symlink/unknown,
      symlinks not followed), `file_type(path)` (the same names, no following),
      `lexists`, `exists`, `isdir`, `isfile` (False rather than an error).

    Writing:
    - `store(store_dir)`: the writer of write mode for `store_dir`, with `exists`,
      `add_text` (a text file: `toFile`, a `.drv`), `add_nar` (a tree given as a NAR
      stream: a source, a filtered source) and `add_file` (a flat file), each
      returning False when the path was already there (see nixeval/store/local.py).
    """

    def lstat(self, path: PathArg) -> os.stat_result:
        raise NotImplementedError

    def stat(self, path: PathArg) -> os.stat_result:
        raise NotImplementedError

    def listdir(self, path: Any) -> list[Any]:
        raise NotImplementedError

    def readlink(self, path: Any) -> Any:
        raise NotImplementedError

    def open(self, path: PathArg) -> BinaryIO:
        raise NotImplementedError

    def realpath(self, path: str) -> str:
        raise NotImplementedError

    def store(self, store_dir: str) -> LocalStore | MemoryStore:
        raise NotImplementedError

    # --- derived from the primitives -------------------------------------------------

    def read_bytes(self, path: str) -> bytes:
        with self.open(path) as f:
            return f.read()

    def read_dir(self, path: str) -> dict[str, str]:
        lstat = self.lstat
        out = {}
        base = path.rstrip("/") + "/"
        for name in self.listdir(path):
            try:
                out[name] = file_type(lstat(base + name))
            except OSError:
                out[name] = "unknown"
        return out

    def file_type(self, path: str) -> str:
        return file_type(self.lstat(path))

    def lexists(self, path: PathArg) -> bool:
        try:
            self.lstat(path)
        except (OSError, ValueError):
            return False
        return True

    def exists(self, path: PathArg) -> bool:
        try:
            self.stat(path)
        except (OSError, ValueError):
            return False
        return True

    def isdir(self, path: PathArg) -> bool:
        try:
            return stat.S_ISDIR(self.stat(path).st_mode)
        except (OSError, ValueError):
            return False

    def isfile(self, path: PathArg) -> bool:
        try:
            return stat.S_ISREG(self.stat(path).st_mode)
        except (OSError, ValueError):
            return False


def _open_read(path: PathArg) -> BinaryIO:
    return open(path, "rb")


class LocalIO(EvalIO):
    """The real file system and the store directory on disk: what nixeval did before
    there was a seam, through the same `os` calls."""

    lstat = staticmethod(os.lstat)
    stat = staticmethod(os.stat)
    listdir = staticmethod(os.listdir)
    readlink = staticmethod(os.readlink)
    open = staticmethod(_open_read)
    lexists = staticmethod(os.path.lexists)
    exists = staticmethod(os.path.exists)
    isfile = staticmethod(os.path.isfile)

    def isdir(self, path: PathArg) -> bool:
        return os.path.isdir(path)

    def realpath(self, path: str) -> str:
        return os.path.realpath(path)

    def read_bytes(self, path: str) -> bytes:
        with open(path, "rb") as f:
            return f.read()

    def read_dir(self, path: str) -> dict[str, str]:
        out = {}
        # scandir knows the entries' types without a stat per entry.
        for e in list(os.scandir(path)):
            if e.is_symlink():
                kind = "symlink"
            elif e.is_dir(follow_symlinks=False):
                kind = "directory"
            elif e.is_file(follow_symlinks=False):
                kind = "regular"
            else:
                kind = "unknown"
            out[e.name] = kind
        return out

    def store(self, store_dir: str) -> LocalStore:
        return LocalStore(store_dir)


LOCAL = LocalIO()
"""The real file system (every `Evaluation` without an `io` uses it)."""


# --- an in-memory file system -----------------------------------------------------------


class Symlink:
    """A symbolic link in a `MemoryIO` tree."""

    __slots__ = ("target",)

    def __init__(self, target: str):
        self.target = target

    def __repr__(self) -> str:
        return f"Symlink({self.target!r})"


class Executable:
    """An executable regular file in a `MemoryIO` tree (a plain `bytes`/`str` value is
    a non-executable one)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes | str):
        self.data = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else bytes(data)

    def __repr__(self) -> str:
        return f"Executable({self.data!r})"


# A node of the tree: a directory (dict of names), a regular file (bytes), an
# executable file or a symlink.
_Node = dict | bytes | Executable | Symlink
_MAX_LINKS = 40  # as Linux's ELOOP limit


def _fail(code: int, path: PathArg) -> OSError:
    return OSError(code, os.strerror(code), os.fsdecode(path))


class _Resolved:
    """Where a walk ended: the node and its canonical path components."""

    __slots__ = ("node", "names")

    def __init__(self, node: _Node, names: list[str]):
        self.node = node
        self.names = names


class MemoryIO(EvalIO):
    """A read-only virtual file system, and an in-memory store for write mode.

        MemoryIO({
            "/src": {"default.nix": "import ./lib.nix", "lib.nix": b"42",
                     "bin": {"run": Executable(b"#!/bin/sh\\n")},
                     "latest": Symlink("lib.nix")},
            "/etc/motd": "hello",
        })

    Keys are absolute paths (a key may hold several components; the directories on the
    way are created); a value is `bytes` or `str` (a regular file, str as UTF-8),
    `Executable(data)`, `Symlink(target)` or a dict (a directory, keyed by relative
    names). Every object is owned by nobody and dated 0; a file's mode is 0444 (0555
    when executable), a directory's 0555. The evaluator never changes the tree except
    through the store writer (`Evaluator(io=..., store_dir=..., write_store=True)`),
    which adds store objects to it; `put` adds objects from the host."""

    def __init__(self, tree: Mapping[str, Any] | None = None):
        self._root: dict[str, _Node] = {}
        self._stores: dict[str, MemoryStore] = {}
        for path, content in (tree or {}).items():
            self.put(path, content)

    # --- building the tree -----------------------------------------------------------

    def put(self, path: str, content: Any) -> None:
        """Add `content` (see the class docstring) at the absolute `path`, creating the
        directories on the way; a directory given as a dict is merged into one already
        there, anything else replaces what was there."""
        # Iterative, each entry placed from its parent: a deep tree costs no Python
        # stack and no walk from the root per entry.
        todo: list[tuple[dict[str, _Node], str, Any]] = [(self._root, path, content)]
        while todo:
            d, rel, c = todo.pop()
            names = [n for n in os.fsdecode(rel).split("/") if n and n != "."]
            if ".." in names:
                raise ValueError(f"not a path to put a file at: {path!r}")
            for n in names[:-1]:
                child = d.get(n)
                if child is None:
                    child = d[n] = {}
                elif type(child) is not dict:
                    raise _fail(errno.ENOTDIR, path)
                d = child
            if isinstance(c, Mapping):
                if names:
                    child = d.get(names[-1])
                    if type(child) is not dict:
                        child = d[names[-1]] = {}
                    d = child
                todo.extend((d, k, v) for k, v in c.items())
                continue
            if not names:
                raise ValueError(f"not a path to put a file at: {path!r}")
            if isinstance(c, (Symlink, Executable)):
                d[names[-1]] = c
            elif isinstance(c, str):
                d[names[-1]] = c.encode("utf-8", "surrogateescape")
            elif isinstance(c, (bytes, bytearray, memoryview)):
                d[names[-1]] = bytes(c)
            else:
                raise TypeError(f"a MemoryIO file is bytes, str, Executable, Symlink or a dict, "
                                f"not {type(c).__name__}")

    def _remove(self, path: str) -> None:
        """Take what is at `path` out of the tree (a failed store write)."""
        parent, _, name = path.rstrip("/").rpartition("/")
        try:
            d = self._walk(parent or "/", True).node
        except OSError:
            return
        if type(d) is dict:
            d.pop(name, None)

    # --- resolving a path --------------------------------------------------------------

    def _walk(self, path: PathArg, follow: bool) -> _Resolved:
        """Resolve `path` as the kernel does: every symlink on the way followed, the
        last one only with `follow`, `..` going up from where a symlink led; a
        trailing `/` or `.` needs a directory."""
        text = os.fsdecode(path)
        root = self._root
        todo = text.split("/")
        todo.reverse()
        dirs: list[dict[str, _Node]] = [root]
        names: list[str] = []
        node: _Node = root
        links = 0
        while todo:
            name = todo.pop()
            if type(node) is not dict:  # only a directory has components below it
                raise _fail(errno.ENOTDIR, path)
            if name == "" or name == ".":
                continue
            if name == "..":
                if names:
                    names.pop()
                    dirs.pop()
                    node = dirs[-1]
                continue
            child = node.get(name)
            if child is None:
                raise _fail(errno.ENOENT, path)
            if type(child) is Symlink and (follow or todo):
                links += 1
                if links > _MAX_LINKS:
                    raise _fail(errno.ELOOP, path)
                target = child.target
                if target.startswith("/"):
                    dirs, names, node = [root], [], root
                parts = target.split("/")
                parts.reverse()
                todo.extend(parts)
                continue
            node = child
            names.append(name)
            if type(child) is dict:
                dirs.append(child)
        return _Resolved(node, names)

    @staticmethod
    def _stat_of(node: _Node) -> os.stat_result:
        t = type(node)
        if t is dict:
            mode, size = stat.S_IFDIR | 0o555, 0
        elif t is Symlink:
            mode, size = stat.S_IFLNK | 0o777, len(os.fsencode(node.target))  # type: ignore[union-attr]
        elif t is Executable:
            mode, size = stat.S_IFREG | 0o555, len(node.data)  # type: ignore[union-attr]
        else:
            mode, size = stat.S_IFREG | 0o444, len(node)  # type: ignore[arg-type]
        return os.stat_result((mode, 0, 0, 1, 0, 0, size, 0, 0, 0))

    # --- EvalIO ------------------------------------------------------------------------

    def lstat(self, path: PathArg) -> os.stat_result:
        return self._stat_of(self._walk(path, False).node)

    def stat(self, path: PathArg) -> os.stat_result:
        return self._stat_of(self._walk(path, True).node)

    def listdir(self, path: Any) -> list[Any]:
        node = self._walk(path, True).node
        if type(node) is not dict:
            raise _fail(errno.ENOTDIR, path)
        if isinstance(path, bytes):
            return [os.fsencode(n) for n in node]
        return list(node)

    def readlink(self, path: Any) -> Any:
        node = self._walk(path, False).node
        if type(node) is not Symlink:
            raise _fail(errno.EINVAL, path)
        return os.fsencode(node.target) if isinstance(path, bytes) else node.target

    def _data(self, path: PathArg) -> bytes:
        node = self._walk(path, True).node
        if type(node) is dict:
            raise _fail(errno.EISDIR, path)
        return node.data if type(node) is Executable else node  # type: ignore[return-value,union-attr]

    def open(self, path: PathArg) -> BinaryIO:
        return BytesIO(self._data(path))

    def read_bytes(self, path: str) -> bytes:
        return self._data(path)

    def read_dir(self, path: str) -> dict[str, str]:
        node = self._walk(path, True).node
        if type(node) is not dict:
            raise _fail(errno.ENOTDIR, path)
        return {name: file_type(self._stat_of(child)) for name, child in node.items()}

    def realpath(self, path: str) -> str:
        """Non-strict, as `os.path.realpath`: from the first component that cannot be
        resolved on, the rest is kept as written (`..` still going up)."""
        names: list[str] = []
        parts = [n for n in path.split("/") if n and n != "."]
        for i in range(len(parts)):
            if parts[i] == "..":
                if names:
                    names.pop()
                continue
            try:
                names = self._walk("/" + "/".join([*names, parts[i]]), True).names
            except OSError:
                for n in parts[i:]:
                    if n == "..":
                        if names:
                            names.pop()
                    else:
                        names.append(n)
                break
        return "/" + "/".join(names)

    def store(self, store_dir: str) -> MemoryStore:
        st = self._stores.get(store_dir)
        if st is None:
            st = self._stores[store_dir] = MemoryStore(self, store_dir)
        return st


class _MemoryFile(BytesIO):
    """A file being written into a `MemoryIO`: it appears there when closed."""

    def __init__(self, io: MemoryIO, path: bytes):
        super().__init__()
        self._target = (io, path)

    def close(self) -> None:
        if not self.closed:
            io, path = self._target
            io.put(os.fsdecode(path), self.getvalue())
        super().close()


class _MemoryTree:
    """A `nixeval.store.nar.TreeWriter` putting a restored NAR into a `MemoryIO`."""

    def __init__(self, io: MemoryIO):
        self._io = io

    def mkdir(self, path: bytes) -> None:
        self._io.put(os.fsdecode(path), {})

    def symlink(self, target: bytes, path: bytes) -> None:
        self._io.put(os.fsdecode(path), Symlink(os.fsdecode(target)))

    def create(self, path: bytes) -> BinaryIO:
        return _MemoryFile(self._io, path)

    def seal(self, path: bytes, mode: int | None) -> None:
        # Modes are fixed by the node's kind, except a regular file's executable bit.
        if mode == 0o555:
            p = os.fsdecode(path)
            if self._io.file_type(p) == "regular":
                self._io.put(p, Executable(self._io.read_bytes(p)))


class MemoryStore:
    """The store of write mode inside a `MemoryIO`: store objects become nodes of
    its tree (so they read back like any file), with the checks of
    `nixeval.store.LocalStore` and the same interface."""

    def __init__(self, io: MemoryIO, store_dir: str):
        self.io = io
        self.store_dir = store_dir

    def exists(self, store_path: str) -> bool:
        return self.io.lexists(store_path)

    def _write(self, store_path: str, make: Callable[[], None]) -> bool:
        if self.io.lexists(store_path):
            return False
        try:
            make()
        except BaseException:
            self.io._remove(store_path)
            raise
        return True

    def add_text(self, store_path: str, data: bytes) -> bool:
        return self._write(store_path, lambda: self.io.put(store_path, data))

    def add_nar(self, store_path: str, feed: Callable[[Sink], None],
                check: Callable[[Hash], bool]) -> bool:
        return self._write(store_path, lambda: restore_checked(
            NarRestorer(store_path, _MemoryTree(self.io)), store_path, feed, check))

    def add_file(self, store_path: str, source: str, check: Callable[[Hash], bool],
                 fs: FileSystem | None = None) -> bool:
        def make() -> None:
            with (fs if fs is not None else self.io).open(source) as f:
                data = f.read()
            h = new_hasher("sha256")
            h.update(data)
            if not check(Hash("sha256", h.digest())):
                raise StoreWriteError(f"'{store_path}': the contents of '{source}' changed while "
                                      "they were being copied to the store")
            self.io.put(store_path, data)

        return self._write(store_path, make)
