"""`builtins.hashString` and `builtins.hashFile`: md5, sha1, sha256, sha512 of a string
or of a file's contents, in base 16; `builtins.convertHash` (Nix 2.19): a hash from
any of its textual forms to another.

The string's context is accepted and dropped (the hash carries none, as in Nix 2.8).
Algorithm names are case-sensitive. Digest encodings other than base 16 (base 32,
SRI) live in `nixeval.store.hashes`.
"""

from __future__ import annotations

import hashlib
import sys
from typing import Any

from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.paths import read_bytes, realise_path
from nixeval.builtins.registry import builtin, expect_attrs, expect_string
from nixeval.errors import (
    FeatureDisabled,
    InvalidHash,
    MissingAttribute,
    UnknownHashAlgorithm,
    UnknownHashFormat,
)
from nixeval.machine.requests import current, force
from nixeval.store.hashes import (
    BASE32_ALPHABET,
    HashError,
    base16_encode,
    base32_encode,
    base64_decode,
    base64_encode,
)

ALGORITHMS = ("md5", "sha1", "sha256", "sha512")

# For an unknown algorithm or format Nix 2.8 raises a *usage* error
# (`UnknownHashAlgorithm`, `UnknownHashFormat`): it has no position, and
# nix-instantiate prints it followed by this line.
USAGE_HINT = "Try 'nix-instantiate --help' for more information."


def hash_string(algo: str, data: str) -> str:
    """Base-16 digest of a Nix string (its UTF-8 bytes) with a Nix algorithm name."""
    if algo not in ALGORITHMS:
        raise UnknownHashAlgorithm(f"unknown hash algorithm '{algo}'")
    return hashlib.new(algo, data.encode("utf-8", "surrogateescape")).hexdigest()


@builtin("hashString", 2)
def hash_string_(algo: Any, s: Any) -> str:
    name = str(expect_string(algo))
    if name not in ALGORITHMS:  # Nix checks the algorithm before the string
        raise UnknownHashAlgorithm(f"unknown hash algorithm '{name}'")
    return hash_string(name, str(expect_string(s)))


@builtin("hashFile", 2, lazy=(1,), impure=True)
async def hash_file(algo: Any, path: Any) -> str:

    name = str(expect_string_no_context(algo))
    if name not in ALGORITHMS:
        raise UnknownHashAlgorithm(f"unknown hash algorithm '{name}'")
    data = read_bytes(await realise_path(path))
    return hashlib.new(name, data).hexdigest()


# --- convertHash (Nix 2.19) ----------------------------------------------------------
#
# Hash parsing as current Nix (2.34) does it, with its messages: the algorithm comes
# from an `algo:` prefix, an SRI `algo-` prefix or the `hashAlgo` attribute; without
# a prefix the encoding is told by the length; a body that does not decode to the
# digest's size fails with "invalid <encoding> hash '<body>', length N != expected
# length M" (an invalid character counts as decoding to nothing, as in Nix).

HASH_FORMATS = ("base16", "nix32", "base32", "base64", "sri")
_CONVERT_SIZES = {"md5": 16, "sha1": 20, "sha256": 32, "sha512": 64, "blake3": 32}


def _algo(name: str) -> str:
    """Nix's parseHashAlgo: `blake3` needs the experimental feature `blake3-hashes`."""
    if name == "blake3":
        if not current().settings.feature("blake3-hashes"):
            raise FeatureDisabled("experimental Nix feature 'blake3-hashes' is disabled; "
                                  "add '--extra-experimental-features blake3-hashes' to enable it")
        return name
    if name not in _CONVERT_SIZES:
        raise UnknownHashAlgorithm(f"unknown hash algorithm '{name}', expect 'blake3', "
                                   "'md5', 'sha1', 'sha256', or 'sha512'")
    return name


def _decode16(body: str) -> bytes:
    return bytes.fromhex(body) if all(c in "0123456789abcdefABCDEF" for c in body) else b""


def _decode32(body: str, size: int) -> bytes:
    value = 0
    for c in body:
        d = BASE32_ALPHABET.find(c)
        if d < 0:
            return b""
        value = (value << 5) | d
    # Set bits beyond the digest's last byte make Nix's decoder produce one byte more.
    n = size + 1 if value >> (size * 8) else size
    return value.to_bytes(n, "little")


def _decode64(body: str) -> bytes:
    try:
        return base64_decode(body)
    except HashError:
        return b""


def parse_any_hash(text: str, algo: str | None) -> tuple[str, bytes]:
    """Nix's Hash::parseAny: the algorithm and the digest of a hash in any form."""
    rest = text
    prefix = None
    is_sri = False
    sep = text.find(":")
    if sep < 0:
        sep = text.find("-")
        is_sri = sep >= 0
    if sep >= 0:
        prefix = _algo(text[:sep])
        rest = text[sep + 1:]
    if prefix is None and algo is None:
        raise InvalidHash(f"hash '{text}' does not include a type, nor is the type "
                          "otherwise known from context")
    if prefix is not None and algo is not None and prefix != algo:
        raise InvalidHash(f"hash '{text}' should have type '{algo}'")
    chosen = prefix or algo
    assert chosen is not None
    size = _CONVERT_SIZES[chosen]
    if is_sri:
        name, digest = "SRI", _decode64(rest)
    elif len(rest) == 2 * size:
        name, digest = "base16", _decode16(rest)
    elif len(rest) == (size * 8 - 1) // 5 + 1:
        name, digest = "nix32", _decode32(rest, size)
    elif len(rest) == (size + 2) // 3 * 4:
        name, digest = "Base64", _decode64(rest)
    else:
        raise InvalidHash(f"hash '{rest}' has wrong length for hash algorithm '{chosen}'")
    if len(digest) != size:
        raise InvalidHash(f"invalid {name} hash '{rest}', length {len(digest)} "
                          f"!= expected length {size}")
    return chosen, digest


def format_hash(algo: str, digest: bytes, fmt: str) -> str:
    if fmt == "base16":
        return base16_encode(digest)
    if fmt == "nix32":
        return base32_encode(digest)
    if fmt == "base64":
        return base64_encode(digest)
    return f"{algo}-{base64_encode(digest)}"


@builtin("convertHash", 1)
async def convert_hash(args: Any) -> str:
    """`convertHash { hash; hashAlgo ? ...; toHashFormat; }`: the attributes are
    forced in that order, strings without context; `base32` is Nix's deprecated name
    of `nix32` and prints a warning."""
    attrs = expect_attrs(args)
    if "hash" not in attrs:
        raise MissingAttribute("attribute 'hash' missing")
    text = str(expect_string_no_context(await force(attrs["hash"])))
    algo = None
    if "hashAlgo" in attrs:
        algo = _algo(str(expect_string_no_context(await force(attrs["hashAlgo"]))))
    if "toHashFormat" not in attrs:
        raise MissingAttribute("attribute 'toHashFormat' missing")
    fmt = str(expect_string_no_context(await force(attrs["toHashFormat"])))
    if fmt not in HASH_FORMATS:
        raise UnknownHashFormat(f"unknown hash format '{fmt}', expect 'base16', 'base32', "
                                   "'base64', or 'sri'")
    if fmt == "base32":
        sys.stderr.write('warning: "base32" is a deprecated alias for hash format "nix32".\n')
        fmt = "nix32"
    chosen, digest = parse_any_hash(text, algo)
    return format_hash(chosen, digest, fmt)
