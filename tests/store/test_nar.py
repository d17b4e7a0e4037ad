"""nixeval.store.nar against `nix-store --dump` and `nix-hash` output."""

from __future__ import annotations

import base64
import hashlib
import os
import sys

import pytest
from cases import GEN_TREES, build_tree
from conftest import FIX, load

from nixeval.store import (
    NarError,
    dump_string,
    file_type,
    nar_bytes,
    nar_dump,
    nar_hash,
    source_path,
)

DATA = load("nar.json")


@pytest.mark.parametrize("rel", sorted(DATA["fixtures"]))
def test_fixture_nar(rel):
    rec = DATA["fixtures"][rel]
    path = os.path.join(FIX, rel)
    nar = nar_bytes(path)
    assert len(nar) == rec["nar_size"]
    assert hashlib.sha256(nar).hexdigest() == rec["nar_sha256"]
    if "nar_base64" in rec:
        assert nar == base64.b64decode(rec["nar_base64"])
    assert nar_hash(path).hex == rec["nix_hash_sha256"]
    assert nar_hash(path, algo="sha1").hex == rec["nix_hash_sha1"]
    assert nar_hash(path).base32() == rec["nix_hash_sha256_base32"]


@pytest.mark.parametrize("name", sorted(GEN_TREES))
def test_generated_tree(name, tmp_path):
    rec = DATA["generated"][name]
    root = str(tmp_path / name)
    build_tree(root, GEN_TREES[name])
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(120)  # the walk must not recurse per level
    try:
        h = nar_hash(root)
    finally:
        sys.setrecursionlimit(old)
    assert h.hex == rec["nix_hash_sha256"]
    assert source_path(root) == rec["store_path"]
    sink = hashlib.sha256()
    size = 0

    def count(b):
        nonlocal size
        size += len(b)
        sink.update(b)

    gen = nar_dump(root, count)
    assert next(gen, None) is None  # without ask it never yields
    assert size == rec["nar_size"] and sink.hexdigest() == rec["nar_sha256"]


def test_driver_protocol_asks_each_kept_entry():
    root = os.path.join(FIX, "tree")
    asked = []
    out = bytearray()
    gen = nar_dump(root, out.extend, ask=True)
    try:
        q = next(gen)
        while True:
            asked.append(q)
            q = gen.send(q[1] != "symlink")
    except StopIteration:
        pass
    types = dict(asked)
    assert os.path.join(root, "sub", "nested", "deep.txt") in types
    assert types[os.path.join(root, "link")] == "symlink"
    assert types[os.path.join(root, "sub")] == "directory"
    assert types[os.path.join(root, "run.sh")] == "regular"
    assert root not in types  # the root is never offered to the filter
    # Answering the same questions through the sync driver gives the same bytes.
    assert bytes(out) == nar_bytes(root, lambda p, t: t != "symlink")
    # A dropped directory is not entered.
    asked2 = []
    nar_bytes(root, lambda p, t: asked2.append(p) or os.path.basename(p) != "sub")
    assert not any(p.startswith(os.path.join(root, "sub") + "/") for p in asked2)


def test_dump_string_matches_file_nar():
    rec = DATA["fixtures"]["file.txt"]
    with open(os.path.join(FIX, "file.txt"), "rb") as f:
        data = f.read()
    out = bytearray()
    dump_string(data, out.extend)
    assert hashlib.sha256(out).hexdigest() == rec["nar_sha256"]


def test_unsupported_and_missing(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert file_type(os.lstat(fifo)) == "unknown"
    with pytest.raises(NarError, match="unsupported type"):
        nar_bytes(str(fifo))
    with pytest.raises(NarError):
        nar_bytes(str(tmp_path / "missing"))
