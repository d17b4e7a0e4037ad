"""`builtins.getFlake` (experimental feature `flakes`): a flake's outputs and metadata,
for flakes nixeval can fetch without a network (local `path:` and Git flakes).

The argument is a flake reference string (`path:/abs/dir`, `/abs/dir`,
`git+file:///abs/repo?dir=sub&rev=...`) or, as in Nix 2.35, a path value. In pure
mode the reference must be locked (a Git `rev`, a `narHash`). The flake is fetched
(`fetchtree.fetch_input`), its `flake.nix` evaluated, and `outputs` called as the
manual's "Flake format" describes: with `self` and one argument per input, each
input (and the result) being

    outputs // sourceInfo // { outPath; inputs; outputs; sourceInfo; _type = "flake"; }

where `sourceInfo` is what fetchTree gives for the source tree and `outPath` its
store path joined with the flake's `dir`; a non-flake input (`flake = false`) is
`sourceInfo // { sourceInfo; outPath; }`. Inputs are fetched when first used.

Inputs: an input is taken from `flake.lock` when the lock has it with the same
`original` reference (its `locked` attributes are then final: they are the input's
`sourceInfo`, and the fetched tree must agree with them); otherwise from `flake.nix`
(`url`, the attribute form, `flake = false`, `follows = "a/b"` from the top flake,
a relative `path:./sub` inside the same tree), with its own `flake.lock` for its own
inputs. Only `path` and local `git` inputs can be fetched; any other input fails
with an error naming it (`indirect` ones, including an `outputs` argument with no
`inputs` entry, as registry look-ups that find nothing). Left out: flake registries,
`inputs.X.inputs.Y` overrides, `nixConfig` (ignored), the checks that `flake.nix` is
a trivial expression, `self` attributes (`inputs.self.submodules`), and writing or
updating `flake.lock`.

Reading: Nix mounts the fetched tree at its store path. nixeval reads `flake.nix`
from the store path when it is valid (write mode, or already there), otherwise from
the fetched files themselves (the flake's directory, the Git working tree, or a
copy kept for the run), so path values inside such a flake name that directory.
`flake.nix` and `flake.lock` are read through the evaluation's `EvalIO`, as any
import is: a `path:` flake in a virtual tree (`MemoryIO`) is read there; a kept
copy of a download or checkout is on the real disk, so a `MemoryIO` evaluation
reads such a flake only from its store path (write mode).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from nixeval.builtins.fetchtree import (
    Fetched,
    FetchError,
    fetch_input,
    is_locked,
    registry_lookup,
    tree_attrs,
)
from nixeval.builtins.flakeref import (
    Attrs,
    FlakeRef,
    attrs_to_json,
    flake_ref_from_attrs,
    input_to_string,
    parse_flake_ref,
)
from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.registry import builtin
from nixeval.builtins.storestate import store_state
from nixeval.errors import EvalError, InvalidArgument, TypeError_
from nixeval.machine.requests import call, current, force, segment
from nixeval.syntax import ast as A
from nixeval.values import (
    Lambda,
    NixPath,
    PrimOp,
    PrimOpApp,
    Thunk,
    attr_position,
    context_of,
    make_string,
    show_type,
)


class _Lazy(A.Node):
    """The expression of a thunk computed by Python code (`fn`, an async function)."""

    __slots__ = ("fn",)

    def __init__(self, fn: Any) -> None:
        self.fn = fn
        self.span = None

    async def ev(self, env: list[Any], d: int) -> Any:  # type: ignore[override]
        return await segment(self.fn())


def _lazy(fn: Any) -> Thunk:
    return Thunk(_Lazy(fn), None)


def _at(v: Any, name: str) -> str:
    span = attr_position(v, name)
    return span.short() if span is not None else "«none»:0"


def _concat(s: str, rel: str) -> str:
    """`s + "/" + rel`, keeping the string's context."""
    if not rel:
        return s
    return make_string(str(s) + "/" + rel, context_of(s))


class _Lock:
    """A lock file (flake.lock), version 5 to 7."""

    def __init__(self, path: str) -> None:
        try:
            data = json.loads(current().io.read_bytes(path).decode("utf-8"))
        except (OSError, ValueError) as e:
            raise FetchError(f"cannot read lock file '{path}': {e}") from None
        version = data.get("version") if isinstance(data, dict) else None
        if type(version) is not int or not 5 <= version <= 7:
            raise FetchError(f"lock file '{path}' has unsupported version {version}")
        self.path = path
        self.nodes: dict[str, Any] = data.get("nodes", {})
        self.root: str = data.get("root", "root")

    def node(self, key: str) -> dict[str, Any]:
        n = self.nodes.get(key)
        if not isinstance(n, dict):
            raise FetchError(f"lock file '{self.path}' has no node '{key}'")
        return n

    def by_path(self, path: list[str]) -> str:
        """The node a follows path names, from the root."""
        key = self.root
        for name in path:
            spec = self.node(key).get("inputs", {}).get(name)
            if spec is None:
                raise FetchError(f"input '{'/'.join(path)}' follows a non-existent input")
            key = self.by_path(spec) if isinstance(spec, list) else spec
        return key


class _Flake:
    """One node of the flake graph: how to fetch it and, once read, its inputs."""

    def __init__(self, ctx: _Context, name: str, *, ref: FlakeRef | None = None,
                 locked: Attrs | None = None, subdir: str = "", is_flake: bool = True,
                 parent: _Flake | None = None, rel: str | None = None,
                 lock: _Lock | None = None, lock_key: str | None = None) -> None:
        self.ctx = ctx
        self.name = name  # the input path ("a/b"), "" for the top flake
        self.ref = ref
        self.locked = locked
        self.subdir = subdir
        self.is_flake = is_flake
        self.parent = parent
        self.rel = rel
        self.lock = lock
        self.lock_key = lock_key
        self._source: tuple[dict[str, Any], str, str] | None = None
        self.fetched: Fetched | None = None  # the top flake's fetch (its sourceInfo may change)
        self._result: Thunk | None = None

    def shown(self) -> str:
        if self.locked is not None:
            return FlakeRef(self.locked, self.subdir).to_string()
        assert self.ref is not None
        return self.ref.to_string()

    # --- the source tree ---

    async def source(self) -> tuple[dict[str, Any], str, str]:
        """(sourceInfo, outPath, the directory to read the flake from)."""
        if self._source is None:
            if self.parent is not None and self.rel is not None:
                info, out, read = await self.parent.source()
                out, read = _concat(out, self.rel), os.path.join(read, self.rel)
            else:
                info, out, read = self._fetch()
            self._source = (info, _concat(out, self.subdir), os.path.normpath(os.path.join(read, self.subdir)))
        return self._source

    def _fetch(self) -> tuple[dict[str, Any], str, str]:
        ev = current()
        inp = self.locked if self.locked is not None else (self.ref.input if self.ref else {})
        if inp.get("type") == "indirect":
            if ev.pure:
                raise FetchError(f"cannot update unlocked flake input '{self.name}' in pure mode")
            registry_lookup(inp)
        if self.locked is None and self.name and ev.pure and not is_locked(inp):
            raise FetchError(f"cannot update unlocked flake input '{self.name}' in pure mode")
        try:
            fetched = fetch_input(inp, keep=True)
        except FetchError as e:
            if self.name:
                e.add_trace(f"while fetching the input '{self.shown()}'", None)
            raise
        if self.locked is not None:
            info = self._final(fetched)
        else:
            info = tree_attrs(fetched.input, fetched.store_path)
            self.fetched = fetched
        st = store_state()
        read = fetched.store_path
        if not (st.is_valid(read) and ev.io.exists(read)):
            read = fetched.source or read
        return info, info["outPath"], read

    def _final(self, fetched: Fetched) -> dict[str, Any]:
        """The sourceInfo of a locked input: its locked attributes, which the fetched
        ones must not contradict."""
        assert self.locked is not None
        locked = dict(self.locked)
        for name, want in sorted(locked.items()):
            got = fetched.input.get(name)
            if name == "narHash" and got is not None:
                want = tree_attrs({"narHash": want}, "")["narHash"]
                locked[name] = want
            if got is not None and got != want:
                raise FetchError(f"mismatch in field '{name}' of input '{attrs_to_json(self.locked)}', "
                                 f"got '{attrs_to_json(fetched.input)}'")
        return tree_attrs(locked, fetched.store_path)

    # --- the flake ---

    def result(self) -> Thunk:
        if self._result is None:
            self._result = _lazy(self._compute)
        return self._result

    async def _compute(self) -> Any:
        info, out, read = await self.source()
        if not self.is_flake:
            return {**info, "sourceInfo": info, "outPath": out}
        flake = await force(current().import_item(os.path.join(read, "flake.nix")))
        if not isinstance(flake, dict):
            raise TypeError_(f"expected a set but got {show_type(flake)}")
        for name in sorted(flake):
            if name not in ("description", "inputs", "outputs", "nixConfig"):
                raise FetchError(f"flake '{self.shown()}' has an unsupported attribute '{name}', "
                                 f"at {_at(flake, name)}")
        if "outputs" not in flake:
            raise FetchError(f"flake '{self.shown()}' lacks attribute 'outputs'")
        outputs_fn = await force(flake["outputs"])
        if not callable_value(outputs_fn):
            raise FetchError(f"expected a function but got {show_type(outputs_fn)} at "
                             f"{_at(flake, 'outputs')}")
        specs = await self._specs(flake, outputs_fn, read)
        if self.lock is None and self.lock_key is None and self.locked is None:
            lock_path = os.path.join(read, "flake.lock")
            if current().io.exists(lock_path):
                self.lock = _Lock(lock_path)
                self.lock_key = self.lock.root
        inputs: dict[str, Any] = {}
        added = []
        for name, spec in specs.items():
            inputs[name], from_lock = self._input(name, spec)
            if not from_lock and spec[0] != "follows":
                added.append(f"\u2022 Added input '{name}':\n    '{spec[0].to_string()}'\n")
        if not self.name and added and self.fetched is not None:
            # Nix locks the top flake's inputs in memory, warns, and takes it as dirty.
            sys.stderr.write(f"warning: not writing modified lock file of flake '{self.shown()}':\n"
                             + "".join(added).rstrip("\n") + "\n")
            sys.stderr.flush()
            info = tree_attrs(self.fetched.input, self.fetched.store_path, force_dirty=True)
            self._source = (info, out, read)
        this = self.result()  # the thunk being computed: `self` of the outputs

        async def outputs() -> Any:
            return await call(outputs_fn, {**inputs, "self": this})

        outputs_thunk = _lazy(outputs)
        outs = await force(outputs_thunk)
        if not isinstance(outs, dict):
            raise TypeError_(f"expected a set but got {show_type(outs)}")
        return {**outs, **info, "outPath": out, "inputs": inputs, "outputs": outputs_thunk,
                "sourceInfo": info, "_type": "flake"}

    async def _specs(self, flake: dict[str, Any], outputs_fn: Any, read: str) -> dict[str, Any]:
        """The inputs flake.nix declares: name -> FlakeRef, ("follows", path) or None
        (an `outputs` argument only), with the `flake` flag."""
        specs: dict[str, Any] = {}
        if "inputs" in flake:
            decl = await force(flake["inputs"])
            if not isinstance(decl, dict):
                raise TypeError_(f"expected a set but got {show_type(decl)} at {_at(flake, 'inputs')}")
            for name in sorted(decl):
                if name == "self":
                    continue
                specs[name] = await self._spec(name, await force(decl[name]), read, decl)
        if type(outputs_fn) is Lambda and outputs_fn.node.formals is not None:
            for formal in _formal_names(outputs_fn):
                if formal != "self" and formal not in specs:
                    specs[formal] = (FlakeRef({"type": "indirect", "id": formal}), None, True)
        return specs

    async def _spec(self, name: str, v: Any, read: str, decl: Any) -> Any:
        if not isinstance(v, dict):
            raise FetchError(f"expected a set but got {show_type(v)} at {_at(decl, name)}")
        attrs: Attrs = {}
        url: str | None = None
        is_flake = True
        follows: list[str] | None = None
        for key in sorted(v):
            x = await force(v[key])
            if key == "url":
                if type(x) is NixPath:
                    rel = os.path.relpath(x.path, read)
                    if rel == ".." or rel.startswith("../"):
                        raise FetchError(f"input attribute path '{x.path}' at {_at(v, key)} must be in "
                                         f"the same source tree as {read}")
                    url = "path:" + ("" if rel == "." else rel)
                elif isinstance(x, str):
                    url = str(x)
                else:
                    raise FetchError(f"expected a string or a path but got {show_type(x)} at {_at(v, key)}")
                attrs["url"] = url
            elif key == "flake":
                if type(x) is not bool:
                    raise FetchError(f"expected a Boolean but got {show_type(x)} at {_at(v, key)}")
                is_flake = x
            elif key == "inputs":
                continue  # overrides of the input's own inputs: not supported
            elif key == "follows":
                if not isinstance(x, str):
                    raise FetchError(f"expected a string but got {show_type(x)} at {_at(v, key)}")
                follows = [p for p in str(x).split("/") if p]
            elif isinstance(x, str):
                attrs[key] = str(x)
            elif type(x) is bool:
                attrs[key] = x
            elif type(x) is int:
                if x < 0:
                    raise InvalidArgument(f"negative value given for flake input attribute {key}: {x}")
                attrs[key] = x
            else:
                raise TypeError_(f"flake input attribute '{key}' is {show_type(x)} while a string, "
                                 "Boolean, or integer is expected")
        ref = None
        if "type" in attrs:
            ref = flake_ref_from_attrs(attrs, legacy=True)
        else:
            rest = sorted(k for k in attrs if k != "url")
            if rest:
                raise FetchError(f"unexpected flake input attribute '{rest[0]}', at {_at(decl, name)}")
            if url is not None:
                ref = parse_flake_ref(url, is_flake=is_flake, preserve_relative=True)
        if ref is not None and follows is not None:
            raise FetchError(f"flake input has both a flake reference and a follows attribute, at "
                             f"{_at(decl, name)}")
        if follows is not None:
            return ("follows", follows)
        if ref is None:
            ref = FlakeRef({"type": "indirect", "id": name})
        return (ref, None, is_flake)

    def _input(self, name: str, spec: Any) -> tuple[Any, bool]:
        """The item of input `name`, and whether the lock file gave it."""
        path = f"{self.name}/{name}" if self.name else name
        if self.lock is not None and self.lock_key is not None:
            entry = self.lock.node(self.lock_key).get("inputs", {}).get(name)
            if isinstance(entry, list):
                return self.ctx.locked_node(self.lock, self.lock.by_path(entry), path, self).result(), True
            if isinstance(entry, str):
                node = self.lock.node(entry)
                if spec[0] == "follows" or _same_ref(node.get("original"), spec[0]):
                    return self.ctx.locked_node(self.lock, entry, path, self).result(), True
        if spec[0] == "follows":
            follows = spec[1]
            return _lazy(lambda: self.ctx.follow(follows)), False
        ref, _, is_flake = spec
        rel = _relative(ref)
        if rel is not None:
            return _Flake(self.ctx, path, ref=ref, subdir=ref.subdir, is_flake=is_flake, parent=self,
                          rel=rel).result(), False
        return _Flake(self.ctx, path, ref=ref, subdir=ref.subdir, is_flake=is_flake).result(), False


def callable_value(v: Any) -> bool:
    return type(v) in (Lambda, PrimOp, PrimOpApp)


def _formal_names(f: Lambda) -> list[str]:
    return [name for name, _ in f.node.formals]


def _relative(ref: FlakeRef) -> str | None:
    inp = ref.input
    if inp.get("type") == "path" and not str(inp.get("path", "")).startswith("/"):
        p = os.path.normpath(str(inp["path"]))
        return "" if p == "." else p
    return None


def _same_ref(original: Any, ref: FlakeRef) -> bool:
    if not isinstance(original, dict):
        return False
    try:
        return flake_ref_from_attrs(original).to_attrs() == ref.to_attrs()
    except EvalError:
        return False


class _Context:
    """One getFlake call: the top flake and the nodes of lock files, shared."""

    def __init__(self) -> None:
        self.top: _Flake | None = None
        self.nodes: dict[tuple[int, str], _Flake] = {}

    def locked_node(self, lock: _Lock, key: str, name: str, referrer: _Flake) -> _Flake:
        node = self.nodes.get((id(lock), key))
        if node is None:
            n = lock.node(key)
            locked = n.get("locked")
            if not isinstance(locked, dict):
                raise FetchError(f"lock file '{lock.path}' node '{key}' has no 'locked' attributes")
            subdir = str(locked.get("dir", ""))
            attrs = {k: v for k, v in locked.items() if k != "dir"}
            is_flake = n.get("flake", True) is not False
            if attrs.get("type") == "path" and not str(attrs.get("path", "")).startswith("/"):
                parent = referrer
                if isinstance(n.get("parent"), list):
                    parent = self.locked_node(lock, lock.by_path(n["parent"]), name, referrer) \
                        if n["parent"] else self._root_of(lock, referrer)
                rel = os.path.normpath(str(attrs.get("path", "")))
                node = _Flake(self, name, ref=FlakeRef(attrs, subdir), subdir=subdir,
                              is_flake=is_flake, parent=parent, rel="" if rel == "." else rel,
                              lock=lock, lock_key=key)
            else:
                node = _Flake(self, name, locked=attrs, subdir=subdir, is_flake=is_flake,
                              lock=lock, lock_key=key)
            self.nodes[(id(lock), key)] = node
        return node

    def _root_of(self, lock: _Lock, referrer: _Flake) -> _Flake:
        node = referrer
        while node.parent is not None and node.lock is lock and node.lock_key != lock.root:
            node = node.parent
        return node

    async def follow(self, path: list[str]) -> Any:
        """The input a `follows` path names, from the top flake."""
        assert self.top is not None
        v: Any = await force(self.top.result())
        for name in path:
            inputs = await force(v["inputs"]) if isinstance(v, dict) and "inputs" in v else {}
            if name not in inputs:
                raise FetchError(f"input '{'/'.join(path)}' follows a non-existent input")
            v = await force(inputs[name])
        return v


class _UnlockedError(FetchError):
    """Nix 2.8 writes the position of the call into this message: completed when the
    machine places the error."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        super().__init__(self._text("«none»:0"))

    def _text(self, at: str) -> str:
        return f"cannot call 'getFlake' on unlocked flake reference '{self.ref}', at {at} " \
               "(use --impure to override)"

    placed = False

    def at(self, span: Any) -> EvalError:
        if span is not None and not self.placed:
            self.placed = True
            self.message = self._text(span.short())
            self.args = (self.message,)
        super().at(span)
        return self


@builtin("getFlake", 1, impure=True, feature="flakes")
async def get_flake(arg: Any) -> Any:
    ev = current()
    if type(arg) is NixPath:
        ref = FlakeRef({"type": "path", "path": arg.path})
    else:
        s = str(expect_string_no_context(arg))
        ref = parse_flake_ref(s)
        if ev.pure and not is_locked(ref.input):
            raise _UnlockedError(s)
    if ref.input.get("type") == "indirect":
        registry_lookup(ref.input)
    ctx = _Context()
    ctx.top = _Flake(ctx, "", ref=ref, subdir=ref.subdir)
    return await force(ctx.top.result())


__all__ = ["get_flake", "input_to_string"]
