"""Derivations: the ATerm ``.drv`` text, its parser, the modulo hash, and the
output and ``.drv`` paths Nix 2.8 gives them.

Owns:
  * `Derivation` / `DerivationOutput`, plain data mirroring a ``.drv`` file;
  * `unparse` (``Derive([outputs],[inputDrvs],[inputSrcs],"system","builder",[args],[env])``,
    every list sorted the way Nix keeps it, strings escaped as Nix does:
    ``"`` ``\\`` newline, carriage return and tab are backslash-escaped, all
    other bytes are written raw) and `parse_derivation` (its inverse);
  * `hash_derivation_modulo`: a fixed-output derivation hashes as sha256 of
    ``fixed:out:[r:]<algo>:<hex>:<out path>``; any other derivation hashes as
    sha256 of its ATerm with each input ``.drv`` path replaced by the base-16
    modulo hash of that input (so the output paths of a derivation do not
    change when only the way a fixed-output input is fetched changes);
  * `derivation_strict`: everything ``derivationStrict`` needs after the
    evaluator has turned the attribute set into strings: output paths, the
    filled-in env, the ``.drv`` text and the ``.drv`` path (a ``text:`` path
    whose references are the input sources and input ``.drv`` paths).

Invariants: no recursion over the input graph (an explicit stack, with a memo
table that callers should keep for the whole evaluation); strings are Python
``str`` encoded as UTF-8 with surrogateescape for hashing, so raw bytes
survive; nothing here writes to the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .hashes import Hash, parse_algo_opt, parse_hash_allow_empty
from .paths import (
    DEFAULT_STORE_DIR,
    make_fixed_output_path,
    make_output_path,
    make_text_path,
)

__all__ = [
    "DerivationError",
    "DerivationOutput",
    "Derivation",
    "FixedOutput",
    "DerivationResult",
    "escape_string",
    "unparse",
    "parse_derivation",
    "hash_derivation_modulo",
    "fixed_output_from_attrs",
    "parse_outputs",
    "derivation_strict",
]


class DerivationError(Exception):
    """A derivation Nix would reject; `str()` is Nix's message."""


@dataclass(slots=True)
class DerivationOutput:
    """One output: its path ("" while being computed), and for a fixed output
    the method+algorithm (``r:sha256``, ``sha1``...) and base-16 hash."""

    path: str = ""
    hash_algo: str = ""
    hash: str = ""

    @property
    def is_fixed(self) -> bool:
        return bool(self.hash)


@dataclass(slots=True)
class Derivation:
    """The contents of a ``.drv`` file. `name` is not in the ATerm; it is the
    store path name minus ``.drv`` (equal to ``env["name"]``)."""

    name: str
    outputs: dict[str, DerivationOutput]
    input_drvs: dict[str, set[str]] = field(default_factory=dict)
    input_srcs: set[str] = field(default_factory=set)
    system: str = ""
    builder: str = ""
    args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    @property
    def is_fixed_output(self) -> bool:
        return len(self.outputs) == 1 and "out" in self.outputs and self.outputs["out"].is_fixed


@dataclass(frozen=True, slots=True)
class FixedOutput:
    """What a fixed-output derivation promises: a hash of its single output,
    of the NAR (recursive) or of the flat file."""

    hash: Hash
    recursive: bool = False

    @property
    def method_algo(self) -> str:
        return ("r:" if self.recursive else "") + self.hash.algo


@dataclass(slots=True)
class DerivationResult:
    drv_path: str
    out_paths: dict[str, str]
    drv: Derivation
    text: str
    modulo_hash: Hash
    warnings: list[str] = field(default_factory=list)


# --- ATerm ---------------------------------------------------------------

def escape_string(s: str) -> str:
    """A string as a quoted ATerm literal. (A chain of `replace`, the backslash
    first: 3-15x faster than `str.translate` with a table, on the long builder
    scripts of nixpkgs' derivations.)"""
    return ('"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t") + '"')


def _list(items: Iterable[str]) -> str:
    return "[" + ",".join(items) + "]"


def unparse(
    drv: Derivation,
    mask_outputs: bool = False,
    input_drvs: Mapping[str, Iterable[str]] | None = None,
) -> str:
    """The ATerm text of `drv`. With `mask_outputs`, output paths and the env
    entries named after outputs print as "". `input_drvs` overrides the input
    derivations (`hash_derivation_modulo` passes hashes in place of paths)."""
    q = escape_string
    outs = []
    for name in sorted(drv.outputs, key=lambda k: k.encode("utf-8", "surrogateescape")):
        o = drv.outputs[name]
        path = "" if mask_outputs else o.path
        outs.append(f"({q(name)},{q(path)},{q(o.hash_algo)},{q(o.hash)})")
    inputs = drv.input_drvs if input_drvs is None else input_drvs
    ins = [
        f"({q(p)},{_list(q(o) for o in sorted(set(inputs[p])))})" for p in sorted(inputs)
    ]
    srcs = [q(s) for s in sorted(drv.input_srcs)]
    env = []
    for k in sorted(drv.env, key=lambda k: k.encode("utf-8", "surrogateescape")):
        v = "" if mask_outputs and k in drv.outputs else drv.env[k]
        env.append(f"({q(k)},{q(v)})")
    return (
        "Derive("
        + _list(outs)
        + ","
        + _list(ins)
        + ","
        + _list(srcs)
        + ","
        + q(drv.system)
        + ","
        + q(drv.builder)
        + ","
        + _list(q(a) for a in drv.args)
        + ","
        + _list(env)
        + ")"
    )


class _Reader:
    __slots__ = ("s", "i")

    def __init__(self, s: str) -> None:
        self.s = s
        self.i = 0

    def expect(self, lit: str) -> None:
        if not self.s.startswith(lit, self.i):
            raise DerivationError(f"expected string '{lit}'")
        self.i += len(lit)

    def peek(self, c: str) -> bool:
        return self.s.startswith(c, self.i)

    def string(self) -> str:
        self.expect('"')
        s, i = self.s, self.i
        out = []
        while True:
            j = i
            while j < len(s) and s[j] not in '"\\':
                j += 1
            out.append(s[i:j])
            if j >= len(s):
                raise DerivationError("unterminated string in derivation")
            if s[j] == '"':
                self.i = j + 1
                return "".join(out)
            c = s[j + 1 : j + 2]
            out.append({"n": "\n", "r": "\r", "t": "\t"}.get(c, c))
            i = j + 2

    def strings(self) -> list[str]:
        self.expect("[")
        out: list[str] = []
        while not self.peek("]"):
            if out:
                self.expect(",")
            out.append(self.string())
        self.expect("]")
        return out

    def items(self, item: Callable[[], object]) -> list:
        self.expect("[")
        out: list = []
        while not self.peek("]"):
            if out:
                self.expect(",")
            out.append(item())
        self.expect("]")
        return out


def parse_derivation(text: str, name: str = "") -> Derivation:
    """Parse ``.drv`` text. `name` is the derivation name (defaults to
    ``env["name"]``)."""
    r = _Reader(text)
    r.expect("Derive(")

    def output():
        r.expect("(")
        n = r.string()
        r.expect(",")
        p = r.string()
        r.expect(",")
        a = r.string()
        r.expect(",")
        h = r.string()
        r.expect(")")
        return n, DerivationOutput(p, a, h)

    def input_drv():
        r.expect("(")
        p = r.string()
        r.expect(",")
        outs = r.strings()
        r.expect(")")
        return p, set(outs)

    def env_pair():
        r.expect("(")
        k = r.string()
        r.expect(",")
        v = r.string()
        r.expect(")")
        return k, v

    outputs = dict(r.items(output))
    r.expect(",")
    input_drvs = dict(r.items(input_drv))
    r.expect(",")
    input_srcs = set(r.strings())
    r.expect(",")
    system = r.string()
    r.expect(",")
    builder = r.string()
    r.expect(",")
    args = r.strings()
    r.expect(",")
    env = dict(r.items(env_pair))
    r.expect(")")
    if r.i != len(text):
        raise DerivationError("trailing garbage in derivation")
    return Derivation(
        name or env.get("name", ""), outputs, input_drvs, input_srcs, system, builder, args, env
    )


# --- hashing -------------------------------------------------------------


def _sha256(text: str) -> Hash:
    return Hash("sha256", hashlib.sha256(text.encode("utf-8", "surrogateescape")).digest())


DrvLoader = Callable[[str], "Derivation | str"]


def hash_derivation_modulo(
    drv: Derivation,
    load: DrvLoader | Mapping[str, Derivation | str] | None = None,
    mask_outputs: bool = False,
    cache: dict[str, Hash] | None = None,
) -> Hash:
    """Nix's hashDerivationModulo. `load` maps an input ``.drv`` path to its
    `Derivation` or text (a dict or a callable); `cache` memoises the hashes of
    input derivations by ``.drv`` path and is updated in place. Input graphs
    of any depth are walked with an explicit stack."""
    if cache is None:
        cache = {}

    def get(path: str) -> Derivation:
        d = load[path] if isinstance(load, Mapping) else load(path)  # type: ignore[index,misc]
        if isinstance(d, str):
            d = parse_derivation(d)
        return d

    def own_hash(d: Derivation, mask: bool) -> Hash:
        if d.is_fixed_output:
            o = d.outputs["out"]
            return _sha256(f"fixed:out:{o.hash_algo}:{o.hash}:{o.path}")
        inputs: dict[str, set[str]] = {}
        for p, outs in d.input_drvs.items():
            key = cache[p].hex
            inputs.setdefault(key, set()).update(outs)
        return _sha256(unparse(d, mask, inputs))

    # Post-order walk: a derivation is hashed once all its inputs are cached.
    stack: list[tuple[str, Derivation]] = []
    pending = [p for p in drv.input_drvs if p not in cache] if not drv.is_fixed_output else []
    loaded: dict[str, Derivation] = {}
    for p in pending:
        stack.append((p, loaded.setdefault(p, get(p))))
    while stack:
        path, d = stack[-1]
        if path in cache:
            stack.pop()
            continue
        missing = [] if d.is_fixed_output else [p for p in d.input_drvs if p not in cache]
        if missing:
            for p in missing:
                if p not in loaded:
                    loaded[p] = get(p)
                stack.append((p, loaded[p]))
            continue
        stack.pop()
        cache[path] = own_hash(d, False)
    return own_hash(drv, mask_outputs)


# --- derivationStrict ----------------------------------------------------


def fixed_output_from_attrs(
    output_hash: str, output_hash_algo: str | None = None, output_hash_mode: str | None = None
) -> tuple[FixedOutput, str | None]:
    """Interpret ``outputHash``/``outputHashAlgo``/``outputHashMode`` as
    Nix 2.8 does. Returns the fixed output and a warning to print (for an
    empty hash) or None. Raises HashError/DerivationError with Nix's text."""
    mode = output_hash_mode if output_hash_mode is not None else "flat"
    if mode not in ("flat", "recursive"):
        raise DerivationError(f"invalid value '{mode}' for 'outputHashMode' attribute")
    algo = parse_algo_opt(output_hash_algo) if output_hash_algo is not None else None
    h, warning = parse_hash_allow_empty(output_hash, algo)
    return FixedOutput(h, mode == "recursive"), warning


def parse_outputs(outputs: str | Iterable[str] | None) -> list[str]:
    """Output names from the ``outputs`` attribute. Nix 2.8 coerces the list
    to a space-separated string and splits it on whitespace, so ``"a b"`` is
    two outputs and ``""`` none; duplicates and ``drv`` are rejected."""
    if outputs is None:
        return ["out"]
    text = outputs if isinstance(outputs, str) else " ".join(outputs)
    names: list[str] = []
    seen: set[str] = set()
    for n in text.split():  # Nix splits on " \t\n\r"
        if n == "drv":
            raise DerivationError(f"invalid derivation output name '{n}'")
        if n in seen:
            raise DerivationError(f"duplicate derivation output '{n}'")
        seen.add(n)
        names.append(n)
    if not names:
        raise DerivationError("derivation cannot have an empty set of outputs")
    return names


def derivation_strict(
    name: str,
    system: str,
    builder: str,
    args: Iterable[str] = (),
    env: Mapping[str, str] | None = None,
    outputs: Iterable[str] = ("out",),
    input_drvs: Mapping[str, Iterable[str]] | None = None,
    input_srcs: Iterable[str] = (),
    fixed_output: FixedOutput | None = None,
    load_drv: DrvLoader | Mapping[str, Derivation | str] | None = None,
    drv_hashes: dict[str, Hash] | None = None,
    store_dir: str = DEFAULT_STORE_DIR,
) -> DerivationResult:
    """Compute a derivation's output paths, its ``.drv`` text and path.

    `env` is every attribute already coerced to a string (``name``,
    ``system``, ``builder``, ``outputs``... as the evaluator built it); the
    output path variables are filled in here. `input_drvs` maps each input
    ``.drv`` path to the output names used; `load_drv` gives the text or
    `Derivation` of an input ``.drv`` whose modulo hash is not yet in
    `drv_hashes` (keep one `drv_hashes` dict per evaluation; the new
    derivation's own hash is added to it)."""
    if name.endswith(".drv"):
        raise DerivationError("derivation names are not allowed to end in '.drv'")
    out_names = list(outputs)
    if drv_hashes is None:
        drv_hashes = {}
    drv = Derivation(
        name=name,
        outputs={},
        input_drvs={p: set(o) for p, o in (input_drvs or {}).items()},
        input_srcs=set(input_srcs),
        system=system,
        builder=builder,
        args=list(args),
        env=dict(env or {}),
    )
    if fixed_output is not None:
        if out_names != ["out"]:
            raise DerivationError("multiple outputs are not supported in fixed-output derivations")
        h = fixed_output.hash
        path = make_fixed_output_path(fixed_output.recursive, h, name, store_dir=store_dir)
        drv.outputs["out"] = DerivationOutput(path, fixed_output.method_algo, h.hex)
        drv.env["out"] = path
    else:
        for o in out_names:
            drv.env[o] = ""
            drv.outputs[o] = DerivationOutput()
        h = hash_derivation_modulo(drv, load_drv, mask_outputs=True, cache=drv_hashes)
        for o in out_names:
            path = make_output_path(o, h, name, store_dir)
            drv.outputs[o].path = path
            drv.env[o] = path
    text = unparse(drv)
    refs = set(drv.input_srcs) | set(drv.input_drvs)
    drv_path = make_text_path(name + ".drv", text, refs, store_dir)
    modulo = hash_derivation_modulo(drv, load_drv, cache=drv_hashes)
    drv_hashes[drv_path] = modulo
    return DerivationResult(
        drv_path, {o: drv.outputs[o].path for o in drv.outputs}, drv, text, modulo
    )

