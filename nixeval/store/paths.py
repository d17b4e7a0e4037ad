"""Store path computation, as Nix 2.8 names things in the store.

Owns: the store path fingerprint (``<type>:sha256:<inner hex>:<store dir>:<name>``,
hashed with sha256, XOR-folded to 20 bytes, printed in Nix base-32), the
``type`` strings (``source``, ``text``, ``output:<name>``, each followed by
``:<reference>`` for every reference and ``:self`` for a self reference), the
paths of added sources (``"${./foo}"``, ``builtins.path``, ``filterSource``),
of text files (``builtins.toFile``), of fixed-output results, and store path
name validation with Nix's error messages.

Invariants: every store path returned is ``<store_dir>/<32 base-32 chars>-<name>``
with a name that passed `check_name`; nothing here writes to the store (this
is Nix's read-only mode: paths are computed, contents are not copied);
`store_dir` is always a parameter, never global state.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable

from .hashes import Hash, base32_encode, compress_hash, hash_bytes, new_hasher
from .nar import DISK, FileSystem, Filter, dump_path

__all__ = [
    "DEFAULT_STORE_DIR",
    "HASH_PART_LEN",
    "MAX_NAME_LEN",
    "StorePathError",
    "check_name",
    "make_type",
    "make_store_path",
    "make_text_path",
    "make_fixed_output_path",
    "fixed_output_inner",
    "make_output_path",
    "output_path_name",
    "hash_path_flat",
    "source_path",
    "source_path_from_hash",
    "is_store_path",
    "split_store_path",
    "to_store_path",
]

DEFAULT_STORE_DIR = "/nix/store"
HASH_PART_LEN = 32
MAX_NAME_LEN = 211
_NAME_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-._?="
)
# A name of those characters only (the common case, checked without a loop).
_NAME_OK = re.compile(r"[A-Za-z0-9+\-._?=]+")


class StorePathError(Exception):
    """A bad store path or name; `str()` is Nix's message."""


def check_name(base_name: str, name: str) -> None:
    """Validate `name`, the part after ``<hash>-``; `base_name` is the whole
    ``<hash>-<name>`` that Nix quotes in its messages. Nix 2.8 accepts names
    starting with '.' (even "." and "..")."""
    if not name:
        raise StorePathError(f"store path '{base_name}' has an empty name")
    if len(name) <= MAX_NAME_LEN and _NAME_OK.fullmatch(name):
        return
    raw = name.encode("utf-8", "surrogateescape")
    if len(raw) > MAX_NAME_LEN:
        raise StorePathError(
            f"store path '{base_name}' has a name longer than {MAX_NAME_LEN} characters"
        )
    for b in raw:
        c = chr(b)
        if c not in _NAME_CHARS:
            # Nix prints the single offending byte; a non-ASCII byte is kept
            # as a surrogate so that encoding with surrogateescape restores it.
            shown = c if b < 0x80 else bytes([b]).decode("utf-8", "surrogateescape")
            raise StorePathError(f"store path '{base_name}' contains illegal character '{shown}'")


def make_type(kind: str, references: Iterable[str] = (), self_ref: bool = False) -> str:
    """``kind`` followed by ``:<ref>`` for each reference (sorted, as Nix keeps
    them in a set) and ``:self`` if the path refers to itself."""
    out = kind
    for ref in sorted(set(references)):
        out += ":" + ref
    if self_ref:
        out += ":self"
    return out


def _inner_hex(inner: str | bytes | Hash) -> str:
    if isinstance(inner, Hash):
        if inner.algo != "sha256":
            raise ValueError("store path inner hash must be sha256")
        return inner.hex
    if isinstance(inner, bytes):
        if len(inner) != 32:
            raise ValueError("store path inner hash must be a 32-byte sha256 digest")
        return inner.hex()
    if len(inner) != 64:
        raise ValueError("store path inner hash must be 64 hex digits")
    return inner.lower()


def make_store_path(
    type: str, inner_hash: str | bytes | Hash, name: str, store_dir: str = DEFAULT_STORE_DIR
) -> str:
    """The store path for a fingerprint. `inner_hash` is a sha256 digest as
    bytes, lowercase hex or a `Hash`; `type` is e.g. ``source``,
    ``text:/nix/store/...``, ``output:out``."""
    fingerprint = f"{type}:sha256:{_inner_hex(inner_hash)}:{store_dir}:{name}"
    digest = hashlib.sha256(fingerprint.encode("utf-8", "surrogateescape")).digest()
    base = base32_encode(compress_hash(digest)) + "-" + name
    check_name(base, name)
    return f"{store_dir}/{base}"


def make_text_path(
    name: str,
    contents: str | bytes,
    references: Iterable[str] = (),
    store_dir: str = DEFAULT_STORE_DIR,
) -> str:
    """Path of a text file (``builtins.toFile``, a ``.drv``): type
    ``text:<refs>``, inner hash sha256 of the contents."""
    if isinstance(contents, str):
        contents = contents.encode("utf-8", "surrogateescape")
    inner = hashlib.sha256(contents).digest()
    return make_store_path(make_type("text", references), inner, name, store_dir)


def fixed_output_inner(recursive: bool, hash: Hash, path: str = "") -> str:
    """``fixed:out:[r:]<algo>:<hex>:<path>``: the string Nix hashes for a
    fixed output's store path (with path "") and for a fixed-output
    derivation's modulo hash (with its output path)."""
    return f"fixed:out:{'r:' if recursive else ''}{hash.algo}:{hash.hex}:{path}"


def make_fixed_output_path(
    recursive: bool,
    hash: Hash,
    name: str,
    references: Iterable[str] = (),
    self_ref: bool = False,
    store_dir: str = DEFAULT_STORE_DIR,
) -> str:
    """Path of content with a known hash. Recursive sha256 is a ``source``
    path named directly by the NAR hash; anything else (flat, or another
    algorithm) is ``output:out`` over sha256 of `fixed_output_inner`."""
    if recursive and hash.algo == "sha256":
        return make_store_path(make_type("source", references, self_ref), hash, name, store_dir)
    refs = list(references)
    if refs or self_ref:
        raise StorePathError("fixed-output path with references must be recursive sha256")
    inner = hash_bytes("sha256", fixed_output_inner(recursive, hash))
    return make_store_path("output:out", inner, name, store_dir)


def output_path_name(drv_name: str, output: str) -> str:
    """Name of a derivation output's path: ``<name>`` or ``<name>-<output>``."""
    return drv_name if output == "out" else f"{drv_name}-{output}"


def make_output_path(
    output: str, drv_hash: str | bytes | Hash, drv_name: str, store_dir: str = DEFAULT_STORE_DIR
) -> str:
    """Output path of an input-addressed derivation, from its modulo hash."""
    return make_store_path(
        "output:" + output, drv_hash, output_path_name(drv_name, output), store_dir
    )


def hash_path_flat(path: str | bytes, algo: str = "sha256", fs: FileSystem = DISK) -> Hash:
    """Hash of a regular file's contents (``recursive = false``), streamed from `fs`."""
    h = new_hasher(algo)
    try:
        with fs.open(path) as f:
            while chunk := f.read(1 << 16):
                h.update(chunk)
    except IsADirectoryError:
        raise StorePathError(f"file '{os.fsdecode(path)}' is not a regular file") from None
    return Hash(algo, h.digest())


def source_path_from_hash(
    nar_or_flat_hash: Hash, name: str, recursive: bool = True, store_dir: str = DEFAULT_STORE_DIR
) -> str:
    """Store path of an added path whose (NAR or flat) hash is already known,
    e.g. after driving `nar.nar_dump` with an asynchronous filter."""
    return make_fixed_output_path(recursive, nar_or_flat_hash, name, store_dir=store_dir)


def source_path(
    path: str,
    name: str | None = None,
    recursive: bool = True,
    filter: Filter | None = None,
    store_dir: str = DEFAULT_STORE_DIR,
) -> str:
    """Store path that ``builtins.path``/``"${path}"``/``filterSource`` give
    `path`, computed without copying. `name` defaults to the base name."""
    if name is None:
        name = os.path.basename(path.rstrip("/")) or path
    if recursive:
        h = new_hasher("sha256")
        dump_path(path, h.update, filter)
        digest = Hash("sha256", h.digest())
    else:
        digest = hash_path_flat(path)
    return source_path_from_hash(digest, name, recursive, store_dir)


def is_store_path(path: str, store_dir: str = DEFAULT_STORE_DIR) -> bool:
    """True for ``<store_dir>/<hash>-<name>`` exactly (no subpath)."""
    try:
        split_store_path(path, store_dir)
    except StorePathError:
        return False
    return True


def split_store_path(path: str, store_dir: str = DEFAULT_STORE_DIR) -> tuple[str, str]:
    """(hash part, name) of a store path; raises StorePathError if it is not one."""
    prefix = store_dir + "/"
    if not path.startswith(prefix):
        raise StorePathError(f"path '{path}' is not in the Nix store")
    base = path[len(prefix) :]
    if "/" in base:
        raise StorePathError(f"path '{path}' is not in the Nix store")
    if len(base) < HASH_PART_LEN + 1 or base[HASH_PART_LEN] != "-":
        raise StorePathError(f"path '{path}' is not a valid store path")
    hash_part = base[:HASH_PART_LEN]
    if any(c not in "0123456789abcdfghijklmnpqrsvwxyz" for c in hash_part):
        raise StorePathError(f"path '{path}' is not a valid store path")
    check_name(base, base[HASH_PART_LEN + 1 :])
    return hash_part, base[HASH_PART_LEN + 1 :]


def to_store_path(path: str, store_dir: str = DEFAULT_STORE_DIR) -> str:
    """The store path containing `path` (``/nix/store/x-a/b`` -> ``/nix/store/x-a``)."""
    prefix = store_dir + "/"
    if not path.startswith(prefix):
        raise StorePathError(f"path '{path}' is not in the Nix store")
    slash = path.find("/", len(prefix))
    return path if slash < 0 else path[:slash]
