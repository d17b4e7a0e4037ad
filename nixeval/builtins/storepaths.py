"""Adding things to the store: `builtins.path`, `filterSource`, `toFile`, `storePath`.

Store paths are computed (NAR or flat hash, text hash with references); the object
is written only in write mode (see `storestate.py`). A filter is a Nix function
called for every entry below the root with its full path and type; the NAR walk
(`nixeval.store.nar.nar_dump(..., ask=True)`) is a generator we drive, awaiting the
filter between steps, so a filter may be any Nix code and no Python recursion grows
with the depth of the tree. Writing walks the tree again, replaying the filter's
answers (the filter is called once per entry, as in Nix). The tree is read through
the evaluation's `nixeval.io.EvalIO`, so a virtual tree gets the store path the same
tree on disk would.
"""

from __future__ import annotations

from typing import Any

from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.paths import coerce_to_path
from nixeval.builtins.registry import builtin, expect_attrs, expect_bool, expect_string
from nixeval.builtins.storestate import realise_context, store_state
from nixeval.errors import (
    BadStorePath,
    ImportError_,
    InvalidHash,
    MissingAttribute,
    NixError,
    NotAFunction,
    RestrictedPath,
    StoreError,
    StringContextError,
    TypeError_,
    UnexpectedArgument,
)
from nixeval.lexical import canon_path
from nixeval.machine.requests import call, current, force
from nixeval.store import (
    Hash,
    HashError,
    NarError,
    StorePathError,
    hash_path_flat,
    make_fixed_output_path,
    make_text_path,
    nar_dump,
    new_hasher,
    parse_hash_allow_empty,
    to_store_path,
)
from nixeval.values import (
    Lambda,
    PrimOp,
    PrimOpApp,
    attr_position,
    context_of,
    make_string,
    show_type,
)


def _skey(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


async def add_path(name: str, path: str, filter_fn: Any, recursive: bool,
                   expected: Hash | None) -> str:
    """The store path of `path` added under `name` (Nix's addPath), written to the
    store in write mode."""
    ev = current()
    io = ev.io
    path = canon_path(path)
    if not io.lexists(path):
        raise ImportError_(f"getting status of '{path}': No such file or directory")
    # The filter's answers, in the order it was asked: writing replays them rather
    # than calling the Nix function again.
    answers: list[tuple[str, bool]] = []
    try:
        if recursive:
            h = new_hasher("sha256")
            gen = nar_dump(path, h.update, filter_fn is not None, io)
            try:
                q = next(gen)
                while True:
                    keep = await call(filter_fn, q[0], q[1])
                    keep = await force(keep)
                    if type(keep) is not bool:
                        raise TypeError_(f"value is {show_type(keep)} while a Boolean was expected")
                    answers.append((q[0], keep))
                    q = gen.send(keep)
            except StopIteration:
                pass
            digest = Hash("sha256", h.digest())
        else:
            if io.isdir(path):
                raise ImportError_("reading from file: Is a directory")
            digest = hash_path_flat(path, "sha256", io)
        result = make_fixed_output_path(recursive, digest, name, store_dir=ev.store_dir)
        if expected is not None:
            want = make_fixed_output_path(recursive, expected, name, store_dir=ev.store_dir)
            if want != result:
                raise BadStorePath(f"store path mismatch in (possibly filtered) path added from '{path}'")
    except NarError as e:
        raise StoreError(str(e)) from None
    except StorePathError as e:
        raise BadStorePath(str(e)) from None
    except OSError as e:
        raise ImportError_(f"reading file '{path}': {e.strerror}") from None
    replay = None
    if filter_fn is not None:
        asked = iter(answers)

        def replay(p: str, _type: str) -> bool:
            q = next(asked, None)
            if q is None or q[0] != p:
                raise NarError(f"'{path}' changed while it was being copied to the store")
            return q[1]

    store_state(ev).add_source(result, path, name, recursive, replay)
    return result


def _is_function(v: Any) -> bool:
    return type(v) is Lambda or type(v) is PrimOp or type(v) is PrimOpApp


def _base_name(p: str) -> str:
    p = p.rstrip("/") if p != "/" else p
    return p[p.rfind("/") + 1:]


@builtin("path", 1)
async def path_(args: Any) -> Any:
    expect_attrs(args)
    path = None
    context: set[str] = set()
    name = ""
    filter_fn = None
    recursive = True
    expected = None
    for key in sorted(args, key=_skey):
        v = await force(args[key])
        try:
            if key == "path":
                path, context = await coerce_to_path(v)
            elif key == "name":
                name = str(expect_string_no_context(v))
            elif key == "filter":
                filter_fn = v
            elif key == "recursive":
                recursive = expect_bool(v)
            elif key == "sha256":
                try:
                    expected, _ = parse_hash_allow_empty(str(expect_string_no_context(v)), "sha256")
                except HashError as e:
                    err = InvalidHash(str(e))
                    err.positionless = True  # Nix's hash parser reports no position
                    raise err from None
            else:
                raise UnexpectedArgument(f"unsupported argument '{key}' to 'addPath'")
        except NixError as e:
            # Nix reports a bad argument at its attribute.
            raise e.at(attr_position(args, key))
    if path is None:
        raise MissingAttribute("'path' required")
    realise_context(context, path, "while adding path '{}'")
    if name == "":
        name = _base_name(path)
    result = await add_path(name, path, filter_fn, recursive, expected)
    return make_string(result, {result})


@builtin("filterSource", 2)
async def filter_source(filter_fn: Any, path: Any) -> Any:
    p, context = await coerce_to_path(path)
    if not _is_function(filter_fn):
        raise NotAFunction(f"first argument in call to 'filterSource' is not a function but {show_type(filter_fn)}")
    realise_context(context, p, "while adding path '{}'")
    result = await add_path(_base_name(p), p, filter_fn, True, None)
    return make_string(result, {result})


@builtin("toFile", 2)
async def to_file(name: Any, contents: Any) -> Any:
    name = str(expect_string_no_context(name))
    contents = expect_string(contents)
    refs = set()
    for c in sorted(context_of(contents), key=_skey):
        if not c.startswith("/"):
            raise StringContextError(f"in 'toFile': the file named '{name}' must not contain a reference "
                                     f"to a derivation but contains ({c})")
        refs.add(c)
    ev = current()
    try:
        result = make_text_path(name, str(contents), refs, ev.store_dir)
    except StorePathError as e:
        raise BadStorePath(str(e)) from None
    store_state(ev).add_text(result, str(contents), refs)
    return make_string(result, {result})


@builtin("storePath", 1)
async def store_path(v: Any) -> Any:
    ev = current()
    if ev.pure:
        raise RestrictedPath("'builtins.storePath' is not allowed in pure evaluation mode")
    path, context = await coerce_to_path(v)
    path = canon_path(path)
    try:
        sp = to_store_path(path, ev.store_dir)
    except StorePathError:
        raise BadStorePath(f"path '{path}' is not in the Nix store") from None
    if sp == path and len(path) <= len(ev.store_dir) + 1:
        raise BadStorePath(f"path '{path}' is not in the Nix store")
    if ev.write_store and not store_state(ev).is_valid(sp):
        # Nix's ensurePath in read-write mode (nixeval has no substituters).
        err = StoreError(f"path '{sp}' does not exist and cannot be created")
        err.positionless = True
        raise err
    context.add(sp)
    return make_string(path, context)


__all__ = ["add_path", "NixError"]
