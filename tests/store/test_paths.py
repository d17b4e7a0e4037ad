"""nixeval.store.paths against store paths recorded from Nix 2.8."""

from __future__ import annotations

import hashlib
import os

import pytest
from cases import FILTERS
from conftest import FIX, load

from nixeval.store import (
    DEFAULT_STORE_DIR,
    Hash,
    StorePathError,
    check_name,
    fixed_output_inner,
    hash_path_flat,
    is_store_path,
    make_fixed_output_path,
    make_output_path,
    make_store_path,
    make_text_path,
    make_type,
    nar_hash,
    output_path_name,
    source_path,
    source_path_from_hash,
    split_store_path,
    to_store_path,
)

DATA = load("paths.json")


def compute(case: dict) -> str:
    sd = case.get("store_dir", DEFAULT_STORE_DIR)
    if case["kind"] == "text":
        text, refs = "", set()
        for part in case["parts"]:
            if isinstance(part, str):
                text += part
            else:
                ref = make_text_path(*part["ref"], store_dir=sd)
                refs.add(ref)
                text += ref
        return make_text_path(case["name"], text, refs, store_dir=sd)
    path = os.path.join(FIX, case["path"])
    filt = FILTERS[case["filter"]][1] if "filter" in case else None
    if case["kind"] == "filterSource":
        return source_path(path, None, filter=filt, store_dir=sd)  # named after the path
    return source_path(
        path, case.get("name"), case.get("recursive", True), filter=filt, store_dir=sd
    )


@pytest.mark.parametrize("row", DATA, ids=lambda r: r["expr"][:70])
def test_recorded_path(row):
    if "value" in row:
        assert compute(row["case"]) == row["value"]
    else:
        with pytest.raises(StorePathError) as e:
            compute(row["case"])
        assert str(e.value) == row["error"]


def _value(expr_start: str) -> str:
    return next(r["value"] for r in DATA if r["expr"].startswith(expr_start) and "value" in r)


def test_make_store_path_forms():
    # "${./file.txt}" is a source path named by the NAR hash; every spelling
    # of the inner hash gives the same path.
    expected = _value('"${./file.txt}"')
    h = nar_hash(os.path.join(FIX, "file.txt"))
    for inner in (h, h.digest, h.hex, h.hex.upper()):
        assert make_store_path("source", inner, "file.txt") == expected
    assert make_fixed_output_path(True, h, "file.txt") == expected
    assert source_path_from_hash(h, "file.txt") == expected
    with pytest.raises(ValueError):
        make_store_path("source", b"short", "x")


def test_flat_fixed_output():
    expected = next(
        r["value"] for r in DATA
        if r["case"] == {"kind": "path", "path": "file.txt", "recursive": False}
    )
    flat = hash_path_flat(os.path.join(FIX, "file.txt"))
    with open(os.path.join(FIX, "file.txt"), "rb") as f:
        assert flat.digest == hashlib.sha256(f.read()).digest()
    assert make_fixed_output_path(False, flat, "file.txt") == expected
    inner = fixed_output_inner(False, flat)
    assert inner == f"fixed:out:sha256:{flat.hex}:"
    assert make_store_path("output:out", hashlib.sha256(inner.encode()).digest(), "file.txt") == expected
    with pytest.raises(StorePathError):
        make_fixed_output_path(False, flat, "x", references=["/nix/store/a"])
    with pytest.raises(StorePathError):
        hash_path_flat(os.path.join(FIX, "tree"))


def test_make_type():
    assert make_type("text") == "text"
    assert make_type("text", ["/b", "/a", "/b"]) == "text:/a:/b"
    assert make_type("source", [], self_ref=True) == "source:self"


def test_output_path_helpers():
    assert output_path_name("a", "out") == "a"
    assert output_path_name("a", "dev") == "a-dev"
    h = Hash("sha256", bytes(32))
    p = make_output_path("dev", h, "a")
    assert p.endswith("-a-dev") and is_store_path(p)


def test_check_name_messages():
    rows = {r["case"]["name"]: r for r in DATA if r["case"]["kind"] == "text" and "error" in r}
    for name, row in rows.items():
        base = row["error"].split("'")[1]
        with pytest.raises(StorePathError) as e:
            check_name(base, name)
        assert str(e.value) == row["error"]
    check_name("x-.", ".")


def test_split_and_to_store_path():
    for row in DATA:
        if "value" in row:
            sd = row["case"].get("store_dir", DEFAULT_STORE_DIR)
            p = row["value"]
            hash_part, name = split_store_path(p, sd)
            assert p == f"{sd}/{hash_part}-{name}"
            assert is_store_path(p, sd)
            assert to_store_path(p + "/bin/sh", sd) == p
            assert to_store_path(p, sd) == p
    assert not is_store_path("/nix/store")
    assert not is_store_path("/nix/store/short")
    assert not is_store_path("/tmp/x")
    assert not is_store_path("/nix/store/" + "e" * 32 + "-x")
    with pytest.raises(StorePathError):
        to_store_path("/tmp/x")
