"""nixeval.store.hashes against hashes recorded from Nix 2.8."""

from __future__ import annotations

import hashlib

import pytest
from conftest import load

from nixeval.store import (
    DerivationError,
    Hash,
    HashError,
    UnknownHashAlgorithm,
    base16_decode,
    base16_encode,
    base32_decode,
    base32_encode,
    base32_len,
    base64_decode,
    base64_encode,
    base64_len,
    derivation_strict,
    fixed_output_from_attrs,
    hash_bytes,
    new_hasher,
    parse_algo,
    parse_algo_opt,
    parse_hash,
    parse_hash_allow_empty,
    parse_sri,
)

DATA = load("hashes.json")


@pytest.mark.parametrize("row", DATA["conversions"], ids=lambda r: f"{r['algo']}-{len(r['input'])}")
def test_conversions(row):
    algo = row["algo"]
    h = hash_bytes(algo, row["input"])
    assert h.hex == row["base16"] == base16_encode(h.digest)
    assert h.base16() == row["base16"]
    assert h.base32() == base32_encode(h.digest) == row["base32"]
    assert h.base64() == base64_encode(h.digest) == row["base64"]
    assert h.sri() == row["sri"]
    assert len(row["base32"]) == base32_len(len(h.digest))
    assert len(row["base64"]) == base64_len(len(h.digest))
    assert base32_decode(row["base32"], len(h.digest)) == h.digest
    assert base64_decode(row["base64"]) == h.digest
    assert base16_decode(row["base16"].upper()) == h.digest
    for text in (row["base16"], row["base32"], row["base64"]):
        assert parse_hash(text, algo) == h
        assert parse_hash(f"{algo}:{text}") == h
        assert parse_hash(f"{algo}:{text}", algo) == h
    assert parse_hash(row["sri"]) == h
    assert parse_sri(row["sri"]) == h
    assert h.base32(prefix=True) == f"{algo}:{row['base32']}"


@pytest.mark.parametrize("row", DATA["parse"], ids=lambda r: repr(r["input"])[:40] + f"/{r['algo']}")
def test_parse(row):
    if "base16" in row:
        assert parse_hash(row["input"], row["algo"]).hex == row["base16"]
    else:
        with pytest.raises(HashError) as e:
            parse_hash(row["input"], row["algo"])
        assert str(e.value) == row["error"]
        assert isinstance(e.value, UnknownHashAlgorithm) == row["usage_error"]


_BASE_ENV = {"name": "fo", "system": "x86_64-linux", "builder": "/bin/sh"}


@pytest.mark.parametrize("row", DATA["output_hash"], ids=lambda r: str(sorted(r["attrs"].items()))[:60])
def test_output_hash_attrs(row):
    attrs = row["attrs"]
    try:
        fo, warning = fixed_output_from_attrs(
            attrs["outputHash"], attrs.get("outputHashAlgo"), attrs.get("outputHashMode")
        )
        res = derivation_strict(
            "fo", "x86_64-linux", "/bin/sh", env={**_BASE_ENV, **attrs}, fixed_output=fo
        )
    except (HashError, DerivationError) as e:
        assert "error" in row, row
        assert str(e) == row["error"]
        assert isinstance(e, UnknownHashAlgorithm) == row["usage_error"]
        return
    assert "value" in row, row
    assert res.out_paths["out"] == row["value"]
    assert ([warning] if warning else []) == row["warnings"]


def test_algo_names():
    assert parse_algo_opt("sha256") == "sha256"
    assert parse_algo_opt("sha257") is None
    assert parse_algo("md5") == "md5"
    with pytest.raises(UnknownHashAlgorithm, match="unknown hash algorithm 'x'"):
        parse_algo("x")
    assert new_hasher("sha1").name == "sha1"


def test_empty_hash_requires_type():
    # Same text as the recorded `outputHash = ""` case without an algorithm.
    row = next(r for r in DATA["output_hash"] if r["attrs"] == {"outputHash": ""})
    with pytest.raises(HashError) as e:
        parse_hash_allow_empty("", None)
    assert str(e.value) == row["error"]
    h, warning = parse_hash_allow_empty("", "sha256")
    assert h == Hash.zero("sha256") and warning is not None


def test_hash_value_invariants():
    with pytest.raises(ValueError):
        Hash("sha256", b"short")
    assert Hash("md5", bytes(16)).hex == "0" * 32
    assert hash_bytes("sha256", b"abc").digest == hashlib.sha256(b"abc").digest()
