"""NAR (Nix ARchive) serialisation of a file-system path.

Owns: turning a regular file, executable file, symlink or directory tree into
the NAR byte stream Nix hashes for store paths (``nix-store --dump``), with an
optional filter deciding which entries below the root are kept
(``builtins.path { filter = ...; }`` / ``builtins.filterSource``).

Format (all integers are 64-bit little-endian; a "string" is its length then
its bytes, zero-padded to a multiple of 8)::

    "nix-archive-1" node
    node  = "(" "type" ( "regular" ["executable" ""] "contents" <data>
                       | "symlink" "target" <target>
                       | "directory" { "entry" "(" "name" <n> "node" node ")" } ) ")"

Directory entries come in byte-wise order of their names. A file is
executable when its owner-execute bit is set.

Invariants: the walk is iterative (an explicit stack, one level per open
directory), so depth is bounded by memory, not by Python's stack; file
contents are streamed to the sink in chunks, never loaded whole; the root
itself is never offered to the filter, exactly as in Nix.

The walk reads through a `FileSystem` (lstat, listdir, readlink, open), the real
one (`DISK`) unless given another: an evaluation passes its `nixeval.io.EvalIO`,
so a virtual tree hashes exactly as the same tree on disk. It costs one method
call per node, bound once per walk.

The walker is a generator (`nar_dump`) that *asks* its driver about each entry
when a filter is in use: it yields ``(path, type)`` and expects ``send(bool)``.
That lets an async evaluator await a Nix lambda between steps; `dump_path`
and `nar_hash` drive it synchronously with a plain callable.

`NarRestorer` is the inverse: fed a NAR stream in pieces of any size, it recreates
the tree with the metadata of a store object (files 0444, or 0555 when
executable, directories 0555, modification time 1, symlinks kept as symlinks),
also iteratively and streaming. Where the nodes go is a tree writer: `DiskTree`
(the real file system) unless given another (`nixeval.io`'s in-memory store).
"""

from __future__ import annotations

import os
import stat
import struct
import time
from collections.abc import Callable, Generator
from typing import Any, BinaryIO, Protocol

from .hashes import Hash, new_hasher

__all__ = [
    "NarError",
    "nar_dump",
    "dump_path",
    "nar_hash",
    "nar_bytes",
    "file_type",
    "dump_string",
    "NarRestorer",
    "FileSystem",
    "DISK",
    "DiskTree",
    "TreeWriter",
]

_CHUNK = 1 << 16
_ZEROS = bytes(8)
Sink = Callable[[bytes], object]
Filter = Callable[[str, str], bool]
Question = tuple[str, str]


class NarError(Exception):
    """A path that cannot be archived (unsupported file type, I/O error)."""


class FileSystem(Protocol):
    """What serialising a path reads of a file system, with the `os` functions'
    meaning: `lstat` does not follow a final symlink, a bytes path gives bytes names
    and targets, failures raise OSError with an errno. `nixeval.io.EvalIO` is one."""

    def lstat(self, path: str | bytes) -> os.stat_result: ...

    def listdir(self, path: Any) -> list[Any]: ...

    def readlink(self, path: Any) -> Any: ...

    def open(self, path: str | bytes) -> BinaryIO:
        """The file (symlinks followed) opened for reading bytes."""
        ...


def _open_read(path: str | bytes) -> BinaryIO:
    return open(path, "rb")


class _Disk:
    """The real file system, as a `FileSystem`."""

    lstat = staticmethod(os.lstat)
    listdir = staticmethod(os.listdir)
    readlink = staticmethod(os.readlink)
    open = staticmethod(_open_read)


DISK: FileSystem = _Disk()


def _str(data: bytes) -> bytes:
    n = len(data)
    return struct.pack("<Q", n) + data + _ZEROS[: (-n) % 8]


_MAGIC = _str(b"nix-archive-1")
_OPEN = _str(b"(")
_CLOSE = _str(b")")
_TYPE = _str(b"type")
_REGULAR = _str(b"regular")
_EXECUTABLE = _str(b"executable") + _str(b"")
_CONTENTS = _str(b"contents")
_SYMLINK = _str(b"symlink")
_TARGET = _str(b"target")
_DIRECTORY = _str(b"directory")
_ENTRY = _str(b"entry")
_NAME = _str(b"name")
_NODE = _str(b"node")


def file_type(st: os.stat_result) -> str:
    """The type name Nix gives a filter: regular, directory, symlink, unknown."""
    m = st.st_mode
    if stat.S_ISREG(m):
        return "regular"
    if stat.S_ISDIR(m):
        return "directory"
    if stat.S_ISLNK(m):
        return "symlink"
    return "unknown"


def dump_string(data: bytes, sink: Sink) -> None:
    """The NAR of a regular, non-executable file with contents `data` (what
    ``builtins.path { recursive = true; }`` hashes for text it wrote)."""
    sink(_MAGIC + _OPEN + _TYPE + _REGULAR + _CONTENTS + _str(data) + _CLOSE)


def _dump_regular(path: bytes, st: os.stat_result, sink: Sink, fs: FileSystem) -> None:
    head = _OPEN + _TYPE + _REGULAR
    if st.st_mode & stat.S_IXUSR:
        head += _EXECUTABLE
    size = st.st_size
    sink(head + _CONTENTS + struct.pack("<Q", size))
    written = 0
    try:
        with fs.open(path) as f:
            while True:
                chunk = f.read(_CHUNK)
                if not chunk:
                    break
                written += len(chunk)
                sink(chunk)
    except OSError as e:
        raise NarError(f"reading file '{os.fsdecode(path)}': {e.strerror}") from None
    if written != size:
        raise NarError(f"file '{os.fsdecode(path)}' changed while it was being archived")
    sink(_ZEROS[: (-size) % 8] + _CLOSE)


def _open_node(path: bytes, st: os.stat_result, sink: Sink, fs: FileSystem) -> list[bytes] | None:
    """Write a node's opening. For a directory, return its sorted entry names
    (the caller then writes the entries and the closing ')')."""
    m = st.st_mode
    if stat.S_ISREG(m):
        _dump_regular(path, st, sink, fs)
        return None
    if stat.S_ISLNK(m):
        sink(_OPEN + _TYPE + _SYMLINK + _TARGET + _str(fs.readlink(path)) + _CLOSE)
        return None
    if stat.S_ISDIR(m):
        sink(_OPEN + _TYPE + _DIRECTORY)
        try:
            names = sorted(fs.listdir(path))
        except OSError as e:
            raise NarError(f"opening directory '{os.fsdecode(path)}': {e.strerror}") from None
        return names
    raise NarError(f"file '{os.fsdecode(path)}' has an unsupported type")


def nar_dump(
    path: str | bytes, sink: Sink, ask: bool = False, fs: FileSystem = DISK
) -> Generator[Question, bool, None]:
    """Stream the NAR of `path` into `sink` (a callable taking bytes, e.g. a
    hashlib object's ``update``).

    With ``ask=True`` the generator yields ``(path, type)`` for every entry
    below the root (path is the full path as str, type one of regular,
    directory, symlink, unknown) and the driver must ``send`` True to keep the
    entry or False to drop it (a dropped directory is not entered). With
    ``ask=False`` it never yields; run it with `dump_path` or exhaust it.
    `fs` is the file system read (the real one by default).
    """
    root = os.fsencode(path)
    lstat = fs.lstat
    try:
        st = lstat(root)
    except OSError as e:
        raise NarError(f"getting attributes of path '{os.fsdecode(root)}': {e.strerror}") from None
    sink(_MAGIC)
    names = _open_node(root, st, sink, fs)
    if names is None:
        return
    # One frame per open directory: (its path, its sorted names, next index).
    stack: list[list] = [[root, names, 0]]
    while stack:
        frame = stack[-1]
        dpath, dnames, i = frame
        if i == len(dnames):
            stack.pop()
            # Close the directory node, then the entry that contains it.
            sink(_CLOSE + _CLOSE if stack else _CLOSE)
            continue
        frame[2] = i + 1
        name = dnames[i]
        child = dpath + b"/" + name
        try:
            cst = lstat(child)
        except OSError as e:
            raise NarError(
                f"getting attributes of path '{os.fsdecode(child)}': {e.strerror}"
            ) from None
        if ask:
            keep = yield (os.fsdecode(child), file_type(cst))
            if not keep:
                continue
        sink(_ENTRY + _OPEN + _NAME + _str(name) + _NODE)
        sub = _open_node(child, cst, sink, fs)
        if sub is None:
            sink(_CLOSE)  # close the entry
        else:
            stack.append([child, sub, 0])


def dump_path(path: str | bytes, sink: Sink, filter: Filter | None = None,
              fs: FileSystem = DISK) -> None:
    """Drive `nar_dump` synchronously with an optional plain filter."""
    gen = nar_dump(path, sink, filter is not None, fs)
    try:
        q = next(gen)
        while True:
            q = gen.send(bool(filter(*q)))  # type: ignore[misc]
    except StopIteration:
        pass


def nar_hash(path: str | bytes, filter: Filter | None = None, algo: str = "sha256",
             fs: FileSystem = DISK) -> Hash:
    """Hash of the NAR of `path` (what ``nix-hash --type <algo> path`` prints)."""
    h = new_hasher(algo)
    dump_path(path, h.update, filter, fs)
    return Hash(algo, h.digest())


def nar_bytes(path: str | bytes, filter: Filter | None = None) -> bytes:
    """The whole NAR in memory (for tests and small paths)."""
    out = bytearray()
    dump_path(path, out.extend, filter)
    return bytes(out)


# --- restoring ---------------------------------------------------------------------

# The longest name, symlink target or keyword accepted (contents are streamed).
_MAX_STRING = 1 << 16
_Parser = Generator[int, bytes, None]


class TreeWriter(Protocol):
    """Where `NarRestorer` creates nodes. Every node ends with `seal`: a store
    object's metadata, its mode (None for a symlink) and mtime 1, as Nix's
    canonicalisePathMetaData leaves them."""

    def mkdir(self, path: bytes) -> None: ...

    def symlink(self, target: bytes, path: bytes) -> None: ...

    def create(self, path: bytes) -> BinaryIO:
        """A new regular file, open for writing."""
        ...

    def seal(self, path: bytes, mode: int | None) -> None: ...


class DiskTree:
    """The real file system as a `TreeWriter`."""

    def __init__(self) -> None:
        self._now = time.time()

    def mkdir(self, path: bytes) -> None:
        os.mkdir(path, 0o700)

    def symlink(self, target: bytes, path: bytes) -> None:
        os.symlink(target, path)

    def create(self, path: bytes) -> BinaryIO:
        """A new regular file (never through a symlink), open for writing."""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        return os.fdopen(fd, "wb")

    def seal(self, path: bytes, mode: int | None) -> None:
        """The node at `path` is complete: give it a store object's metadata."""
        if mode is not None:
            os.chmod(path, mode)
        os.utime(path, (self._now, 1), follow_symlinks=False)


class NarRestorer:
    """Recreate the tree a NAR stream describes at `dest` (which must not exist) in
    `tree` (the real file system by default).

    Call `feed` with the stream in pieces, then `finish`. The parser is a generator
    that asks for exactly the number of bytes it needs next; open directories are an
    explicit stack, so depth costs no Python stack. A malformed stream raises
    NarError; file-system failures raise OSError (the caller removes `dest`)."""

    def __init__(self, dest: str | bytes, tree: TreeWriter | None = None):
        self._buf = bytearray()
        self._tree = tree if tree is not None else DiskTree()
        self._parser = self._parse(os.fsencode(dest))
        self._need: int | None = next(self._parser)

    def feed(self, data: bytes) -> None:
        buf = self._buf
        buf += data
        while self._need is not None and len(buf) >= self._need:
            n = self._need
            chunk = bytes(buf[:n])
            del buf[:n]
            try:
                self._need = self._parser.send(chunk)
            except StopIteration:
                self._need = None
        if self._need is None and buf:
            raise NarError("NAR archive has trailing data")

    def finish(self) -> None:
        if self._need is not None:
            raise NarError("unexpected end of NAR archive")

    # The parser: every `yield n` asks for the next n bytes (n > 0).

    def _int(self) -> Generator[int, bytes, int]:
        return struct.unpack("<Q", (yield 8))[0]  # type: ignore[no-any-return]

    def _str(self) -> Generator[int, bytes, bytes]:
        n = yield from self._int()
        if n > _MAX_STRING:
            raise NarError("NAR archive has an overlong string")
        data = (yield n) if n else b""
        yield from self._padding(n)
        return data

    def _padding(self, n: int) -> Generator[int, bytes, None]:
        pad = (-n) % 8
        if pad and (yield pad) != _ZEROS[:pad]:
            raise NarError("non-zero padding in NAR archive")

    def _expect(self, token: bytes) -> Generator[int, bytes, None]:
        got = yield from self._str()
        if got != token:
            raise NarError(f"expected '{token.decode()}' in NAR archive, got '{got.decode(errors='replace')}'")

    def _parse(self, dest: bytes) -> _Parser:
        tree = self._tree
        got = yield from self._str()
        if got != b"nix-archive-1":
            raise NarError("input doesn't look like a Nix archive")
        # The open directories: [path, name of the last entry].
        stack: list[list[bytes]] = []
        path = dest
        while True:
            yield from self._expect(b"(")
            yield from self._expect(b"type")
            kind = yield from self._str()
            if kind == b"directory":
                tree.mkdir(path)
                stack.append([path, b""])
            else:
                if kind == b"regular":
                    yield from self._regular(path)
                elif kind == b"symlink":
                    yield from self._expect(b"target")
                    target = yield from self._str()
                    tree.symlink(target, path)
                    tree.seal(path, None)
                    yield from self._expect(b")")
                else:
                    raise NarError(f"unknown file type '{kind.decode(errors='replace')}' in NAR archive")
                if not stack:
                    return
                yield from self._expect(b")")  # the entry holding this node
            # Read directory entries until one opens a node, closing finished directories.
            while True:
                if not stack:
                    return
                frame = stack[-1]
                token = yield from self._str()
                if token == b")":
                    stack.pop()
                    tree.seal(frame[0], 0o555)
                    if stack:
                        yield from self._expect(b")")
                    continue
                if token != b"entry":
                    raise NarError(f"expected 'entry' in NAR archive, got '{token.decode(errors='replace')}'")
                yield from self._expect(b"(")
                yield from self._expect(b"name")
                name = yield from self._str()
                if not name or name in (b".", b"..") or b"/" in name or b"\0" in name:
                    raise NarError(f"NAR contains invalid file name '{name.decode(errors='replace')}'")
                if name <= frame[1]:
                    raise NarError("NAR directory is not sorted")
                frame[1] = name
                yield from self._expect(b"node")
                path = frame[0] + b"/" + name
                break

    def _regular(self, path: bytes) -> Generator[int, bytes, None]:
        token = yield from self._str()
        executable = token == b"executable"
        if executable:
            yield from self._expect(b"")
            token = yield from self._str()
        if token != b"contents":
            raise NarError(f"expected 'contents' in NAR archive, got '{token.decode(errors='replace')}'")
        size = yield from self._int()
        with self._tree.create(path) as f:
            left = size
            while left:
                chunk = yield min(left, _CHUNK)
                f.write(chunk)
                left -= len(chunk)
        yield from self._padding(size)
        yield from self._expect(b")")
        self._tree.seal(path, 0o555 if executable else 0o444)
