"""Hash values and their textual forms, as Nix 2.8 reads and prints them.

Owns: the `Hash` value (algorithm + digest bytes), Nix's base-32 encoding
(alphabet ``0123456789abcdfghijklmnpqrsvwxyz``, least significant bits first,
printed from the last 5-bit group to the first), base-16 and base-64, SRI
(``sha256-<base64>``), parsing of a hash written in any of those forms with or
without an ``algo:`` / ``algo-`` prefix, XOR-folding a digest to 20 bytes for
store path names, and Nix's error messages for malformed hashes.

Invariants: a `Hash` always holds exactly `HASH_SIZES[algo]` bytes; every parse
failure raises `HashError` (or its subclass `UnknownHashAlgorithm`) whose
`str()` is Nix's message, word for word; nothing here touches the file system.
"""

from __future__ import annotations

import hashlib

__all__ = [
    "HASH_SIZES",
    "BASE32_ALPHABET",
    "Hash",
    "HashError",
    "UnknownHashAlgorithm",
    "base32_encode",
    "base32_decode",
    "base32_len",
    "base16_encode",
    "base16_decode",
    "base64_encode",
    "base64_decode",
    "base64_len",
    "compress_hash",
    "hash_bytes",
    "new_hasher",
    "parse_algo",
    "parse_algo_opt",
    "parse_hash",
    "parse_hash_allow_empty",
    "parse_sri",
]

HASH_SIZES: dict[str, int] = {"md5": 16, "sha1": 20, "sha256": 32, "sha512": 64}
BASE32_ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz"
_BASE32_INDEX = {c: i for i, c in enumerate(BASE32_ALPHABET)}
_BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_BASE64_INDEX = {c: i for i, c in enumerate(_BASE64_ALPHABET)}
_HEX = "0123456789abcdef"


class HashError(Exception):
    """A malformed hash string; `str(err)` is Nix's message (without 'error: ')."""


class UnknownHashAlgorithm(HashError):
    """An unknown algorithm name in a prefix. Nix 2.8 reports this one as a
    usage error (the CLI adds "Try '... --help'"), and it is not catchable by
    tryEval; callers that care can tell it apart by class."""


# --- encodings -----------------------------------------------------------


def base16_encode(data: bytes) -> str:
    return data.hex()


def base16_decode(text: str) -> bytes:
    """Lowercase or uppercase hex; raises ValueError on anything else."""
    if len(text) % 2 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise ValueError(text)
    return bytes.fromhex(text)


def base32_len(size: int) -> int:
    """Characters needed to print `size` bytes in Nix base-32."""
    return (size * 8 - 1) // 5 + 1


# Two base-32 characters for each 10-bit value (high group first).
_BASE32_PAIRS = [a + b for a in BASE32_ALPHABET for b in BASE32_ALPHABET]


def base32_encode(data: bytes) -> str:
    # Treat the bytes as one little-endian integer; the first character printed
    # is its most significant 5-bit group. Groups are taken two at a time (every
    # store path name needs one of these).
    value = int.from_bytes(data, "little")
    i = base32_len(len(data)) - 1  # the group printed next
    out = []
    if not i & 1:  # an odd number of groups: the first alone
        out.append(BASE32_ALPHABET[(value >> (i * 5)) & 0x1F])
        i -= 1
    pairs = _BASE32_PAIRS
    while i > 0:
        out.append(pairs[(value >> ((i - 1) * 5)) & 0x3FF])
        i -= 2
    return "".join(out)


def base32_decode(text: str, size: int) -> bytes:
    """Decode Nix base-32 text into `size` bytes. Raises ValueError if a
    character is outside the alphabet or set bits fall beyond `size` bytes."""
    if len(text) != base32_len(size):
        raise ValueError(text)
    value = 0
    for c in text:
        d = _BASE32_INDEX.get(c)
        if d is None:
            raise ValueError(text)
        value = (value << 5) | d
    if value >> (size * 8):
        raise ValueError(text)
    return value.to_bytes(size, "little")


def base64_len(size: int) -> int:
    return (size + 2) // 3 * 4


def base64_encode(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode("ascii")


def base64_decode(text: str) -> bytes:
    """Decode base-64 the lenient way Nix 2.8 does: newlines are skipped,
    decoding stops at the first '=', leftover bits are dropped. An invalid
    character raises HashError with Nix's (oddly empty-quoted) message."""
    out = bytearray()
    bits = 0
    acc = 0
    for c in text:
        if c == "\n":
            continue
        if c == "=":
            break
        d = _BASE64_INDEX.get(c)
        if d is None:
            # Nix 2.8 formats the offending char with '%c', which prints as
            # nothing: the message really is "...: ''".
            raise HashError("invalid character in Base64 string: ''")
        acc = ((acc << 6) | d) & 0xFFFF
        bits += 6
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    return bytes(out)


# --- the Hash value ------------------------------------------------------


class Hash:
    """A digest and the algorithm that produced it; immutable, compared by value.
    (A plain class: `dataclasses` would import `inspect`, a tenth of the
    evaluator's start-up.)"""

    __slots__ = ("algo", "digest")
    algo: str
    digest: bytes

    def __init__(self, algo: str, digest: bytes) -> None:
        if HASH_SIZES.get(algo) != len(digest):
            raise ValueError(f"bad digest size for {algo}")
        object.__setattr__(self, "algo", algo)
        object.__setattr__(self, "digest", digest)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Hash is immutable: cannot set {name}")

    def __eq__(self, other: object) -> bool:
        return type(other) is Hash and other.algo == self.algo and other.digest == self.digest

    def __hash__(self) -> int:
        return hash((self.algo, self.digest))

    def __repr__(self) -> str:
        return f"Hash(algo={self.algo!r}, digest={self.digest!r})"

    @property
    def hex(self) -> str:
        return self.digest.hex()

    def base16(self, prefix: bool = False) -> str:
        return (f"{self.algo}:" if prefix else "") + self.digest.hex()

    def base32(self, prefix: bool = False) -> str:
        return (f"{self.algo}:" if prefix else "") + base32_encode(self.digest)

    def base64(self, prefix: bool = False) -> str:
        return (f"{self.algo}:" if prefix else "") + base64_encode(self.digest)

    def sri(self) -> str:
        return f"{self.algo}-{base64_encode(self.digest)}"

    @classmethod
    def zero(cls, algo: str) -> Hash:
        return cls(algo, bytes(HASH_SIZES[algo]))


def new_hasher(algo: str):
    """A fresh hashlib object for one of Nix's algorithms."""
    if algo not in HASH_SIZES:
        raise UnknownHashAlgorithm(f"unknown hash algorithm '{algo}'")
    return hashlib.new(algo)


def hash_bytes(algo: str, data: bytes | str) -> Hash:
    if isinstance(data, str):
        data = data.encode()
    h = new_hasher(algo)
    h.update(data)
    return Hash(algo, h.digest())


def compress_hash(digest: bytes | Hash, size: int = 20) -> bytes:
    """XOR-fold a digest to `size` bytes (byte i goes to i mod size), as Nix
    does to a sha256 before naming a store path."""
    if isinstance(digest, Hash):
        digest = digest.digest
    # little-endian integers of `size`-byte chunks XORed: byte i lands at i mod size
    acc = 0
    for j in range(0, len(digest), size):
        acc ^= int.from_bytes(digest[j:j + size], "little")
    return acc.to_bytes(size, "little")


# --- parsing -------------------------------------------------------------


def parse_algo_opt(name: str) -> str | None:
    """The algorithm for `name`, or None if Nix does not know it (Nix then
    treats the type as unknown from context rather than failing)."""
    return name if name in HASH_SIZES else None


def parse_algo(name: str) -> str:
    algo = parse_algo_opt(name)
    if algo is None:
        raise UnknownHashAlgorithm(f"unknown hash algorithm '{name}'")
    return algo


def _decode_body(rest: str, algo: str, is_sri: bool) -> Hash:
    size = HASH_SIZES[algo]
    if is_sri:
        digest = base64_decode(rest)
        if len(digest) != size:
            raise HashError(f"invalid SRI hash '{rest}'")
        return Hash(algo, digest)
    n = len(rest)
    if n == size * 2:
        try:
            return Hash(algo, base16_decode(rest))
        except ValueError:
            raise HashError(f"invalid base-16 hash '{rest}'") from None
    if n == base32_len(size):
        try:
            return Hash(algo, base32_decode(rest, size))
        except ValueError:
            raise HashError(f"invalid base-32 hash '{rest}'") from None
    if n == base64_len(size):
        digest = base64_decode(rest)
        if len(digest) != size:
            raise HashError(f"invalid base-64 hash '{rest}'")
        return Hash(algo, digest)
    raise HashError(f"hash '{rest}' has wrong length for hash type '{algo}'")


def parse_hash(text: str, algo: str | None = None) -> Hash:
    """Parse a hash in any form Nix accepts: ``<algo>:<base16|32|64>``,
    ``<algo>-<base64>`` (SRI), or a bare base-16/32/64 body when `algo` is
    given. If both a prefix and `algo` are present they must agree."""
    rest = text
    prefix: str | None = None
    is_sri = False
    sep = text.find(":")
    if sep < 0:
        sep = text.find("-")
        if sep >= 0:
            is_sri = True
    if sep >= 0:
        prefix = parse_algo(text[:sep])
        rest = text[sep + 1 :]
    if prefix is not None and algo is not None and prefix != algo:
        raise HashError(f"hash '{text}' should have type '{algo}'")
    chosen = prefix or algo
    if chosen is None:
        raise HashError(
            f"hash '{text}' does not include a type, nor is the type otherwise known from context"
        )
    return _decode_body(rest, chosen, is_sri)


def parse_sri(text: str) -> Hash:
    """Parse strictly an SRI hash ``<algo>-<base64>``."""
    sep = text.find("-")
    if sep < 0:
        raise HashError(f"hash '{text}' is not SRI")
    return _decode_body(text[sep + 1 :], parse_algo(text[:sep]), True)


def parse_hash_allow_empty(text: str, algo: str | None) -> tuple[Hash, str | None]:
    """Like `parse_hash`, but an empty string means an all-zero hash of `algo`
    (used by ``outputHash``/``builtins.path``'s sha256). Returns the hash and
    the warning Nix prints in that case (else None)."""
    if text == "":
        if algo is None:
            raise HashError("empty hash requires explicit hash type")
        h = Hash.zero(algo)
        return h, f"found empty hash, assuming '{h.sri()}'"
    return parse_hash(text, algo), None
