"""The evaluation's store: what this evaluation put in it, which store paths are
valid, writing them (write mode), and realising a string's context before a path
is read.

Read-only mode (the default, and always with `--eval` unless `--read-write-mode`):
store paths are computed and nothing is written, as `nix-instantiate --eval` does.
A store path is then valid when it exists in the store directory (there is no
database: existing is being valid).

Write mode (`Evaluation.write_store`: the user named a store directory and the mode
is read-write): every object whose path the evaluation computes (sources, filtered
sources, `toFile` texts, `.drv` files, fetched files) is written into the store
directory with the writer of the evaluation's `nixeval.io.EvalIO` (`io.store(dir)`:
`nixeval.store.LocalStore` on disk, or a `MemoryIO`'s in-memory store), so it is
valid from then on. Every look at the store (validity, `.drv` files) goes through
that `EvalIO` too.

`StoreState` (one per evaluation) remembers the derivations and paths computed,
their references and the derivations' modulo hashes, so that derivations depending
on earlier ones hash correctly, a `=<drv>` context can be closed over and `readFile`
of a store path knows its references. When the CLI instantiates in read-write mode
without a store directory (`instantiating`), the paths it computed count as valid
for the derivations' own checks, as the `.drv` files Nix would have written.
`import` of a valid `.drv` store path gives the derivation (`imported_derivation`).

`realise_context` is Nix's realiseContext, run by every builtin that reads a path
carrying a context (import, scopedImport, readFile, readDir, pathExists, hashFile,
path, filterSource, findFile): each store path of the context must be valid (`path
'...' is not valid`, reported without a position and with a frame at the call); for
a derivation output (`!<output>!<drv>`) the `.drv` is checked, then the output must
exist, since nixeval does not build.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Coroutine, Iterable
from typing import Any

from nixeval.builtins.derivation_nix import imported_drv_function
from nixeval.errors import InvalidDerivation, InvalidPath, NixError, StoreError, Unsupported
from nixeval.io import EvalIO, MemoryStore
from nixeval.machine.requests import call, current, force
from nixeval.store import (
    Derivation,
    DerivationError,
    FileSystem,
    LocalStore,
    NarError,
    StorePathError,
    StoreWriteError,
    dump_path,
    make_fixed_output_path,
    parse_derivation,
    split_store_path,
    to_store_path,
)
from nixeval.values import NixString


def _skey(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


class StoreState:
    """What one evaluation computed for the store (see the module docstring)."""

    __slots__ = ("drvs", "drv_hashes", "refs", "instantiating", "local", "store_dir",
                 "imported_drv_fn", "io")

    def __init__(self, store_dir: str, io: EvalIO,
                 local: LocalStore | MemoryStore | None = None) -> None:
        self.store_dir = store_dir
        self.io = io
        self.local = local  # the store writer, set in write mode
        self.drvs: dict[str, Derivation] = {}
        self.drv_hashes: dict[str, Any] = {}
        # Every store path computed by this evaluation -> its references.
        self.refs: dict[str, set[str]] = {}
        self.instantiating = False
        self.imported_drv_fn: Any = None

    def load_drv(self, path: str) -> Derivation:
        d = self.drvs.get(path)
        if d is None:
            try:
                # A .drv holds no raw CR (ATerm escapes it), so bytes decode as text
                # mode read them.
                text = self.io.read_bytes(path).decode("utf-8", "surrogateescape")
            except OSError:
                err = InvalidPath(path)
                err.positionless = False  # placed where the .drv was needed (check_context: not)
                raise err from None
            try:
                d = parse_derivation(text, os.path.basename(path)[33:-4])
            except DerivationError as e:
                raise InvalidDerivation(str(e)) from None
            self.drvs[path] = d
            self.refs[path] = set(d.input_srcs) | set(d.input_drvs)
        return d

    def is_valid(self, path: str) -> bool:
        if path in self.refs and (self.local is not None or self.instantiating):
            return True
        return self.io.lexists(path)

    def closure(self, root: str) -> list[str]:
        """The references closure of a store path (iterative), the root included."""
        seen = {root}
        stack = [root]
        while stack:
            p = stack.pop()
            refs = self.refs.get(p)
            if refs is None and p.endswith(".drv"):
                self.load_drv(p)
                refs = self.refs.get(p, set())
            for r in refs or ():
                if r not in seen:
                    seen.add(r)
                    stack.append(r)
        return sorted(seen)

    def references(self, path: str) -> set[str]:
        """The references of the store path containing `path`, as far as this
        evaluation knows them (those it computed, or a `.drv` file's inputs); empty
        for anything else."""
        try:
            sp = to_store_path(path, self.store_dir)
        except StorePathError:
            return set()
        refs = self.refs.get(sp)
        if refs is None and sp.endswith(".drv") and self.io.isfile(sp):
            try:
                self.load_drv(sp)
            except NixError:
                return set()
            refs = self.refs.get(sp)
        return set(refs or ())

    # --- adding paths (written in write mode) ---------------------------------------

    def add_text(self, path: str, text: str, refs: Iterable[str]) -> None:
        """A text file (`toFile`, a `.drv`) at `path`."""
        self.refs[path] = set(refs)
        if self.local is not None:
            try:
                self.local.add_text(path, text.encode("utf-8", "surrogateescape"))
            except StoreWriteError as e:
                raise StoreError(str(e)) from None

    def add_source(self, path: str, source: str, name: str, recursive: bool = True,
                   filter: Callable[[str, str], bool] | None = None,
                   fs: FileSystem | None = None) -> None:
        """The file-system path `source` added as `path` (named `name`): its NAR
        (`filter` choosing the entries) or, with `recursive` false, its contents,
        read from `fs` (default: the evaluation's `EvalIO`; a fetcher's download on
        the real disk passes `nixeval.io.LOCAL`)."""
        self.refs.setdefault(path, set())
        local = self.local
        if local is None or local.exists(path):
            return
        sd = self.store_dir
        src = fs if fs is not None else self.io
        try:
            if recursive:
                local.add_nar(path, lambda sink: dump_path(source, sink, filter, src),
                              lambda h: make_fixed_output_path(True, h, name, store_dir=sd) == path)
            else:
                local.add_file(path, source,
                               lambda h: make_fixed_output_path(False, h, name, store_dir=sd) == path,
                               src)
        except StoreWriteError as e:
            raise StoreError(str(e)) from None
        except NarError as e:
            raise StoreError(f"{e} (while copying '{source}' to the store)") from None


def store_state(ev: Any = None) -> StoreState:
    """The `StoreState` of an evaluation (created on first use)."""
    ev = ev if ev is not None else current()
    st = ev.store_state
    if st is None:
        io = ev.io
        st = ev.store_state = StoreState(ev.store_dir, io, io.store(ev.store_dir) if ev.write_store else None)
    return st


# --- import of a .drv -------------------------------------------------------------------


def imported_derivation(path: str) -> Coroutine[Any, Any, Any] | None:
    """What `import` gives for `path` when it is a valid `.drv` store path (Nix turns
    it into a derivation value), as a coroutine; None for any other path."""
    st = store_state()
    try:
        split_store_path(path, st.store_dir)
    except StorePathError:
        return None
    if not st.is_valid(path):
        return None
    return _imported_derivation(st, path)


async def _imported_derivation(st: StoreState, path: str) -> Any:

    d = st.load_drv(path)
    names = sorted(d.outputs, key=_skey)
    info: dict[str, Any] = {"drvPath": NixString(path, {"=" + path}),
                            "name": d.env.get("name", ""), "outputs": names}
    for o in names:
        info[o] = NixString(d.outputs[o].path, {f"!{o}!{path}"})
    if st.imported_drv_fn is None:
        st.imported_drv_fn = await imported_drv_function()
    return await force(await call(st.imported_drv_fn, info))


# --- realising a context ---------------------------------------------------------------


def _check_built(st: StoreState, drv: str, output: str) -> None:
    """Where Nix would build `drv` for `output`: nixeval only accepts an output that
    is already in the store. Reported, as Nix's build errors, without a position."""
    d = st.load_drv(drv)
    o = d.outputs.get(output)
    err: InvalidDerivation | Unsupported
    if o is None:
        err = InvalidDerivation(f"derivation '{drv}' does not have an output named '{output}'")
    elif not st.io.lexists(o.path):
        err = Unsupported(f"cannot build '{drv}' during evaluation: nixeval does not build "
                          f"derivations, and its output '{output}' ('{o.path}') is not in the store")
    else:
        return
    err.positionless = True
    raise err


def check_context(context: Iterable[str]) -> None:
    """Nix's realiseContext: every store path of `context` valid, every derivation
    output referred to present (in Nix's order: the context strings sorted)."""
    st = store_state()
    outputs: list[tuple[str, str]] = []
    for c in sorted(context, key=_skey):
        if c.startswith("="):
            p = c[1:]
        elif c.startswith("!"):
            i = c.index("!", 1)
            p = c[i + 1:]
            if p.endswith(".drv"):
                outputs.append((p, c[1:i]))
        else:
            p = c
        if not st.is_valid(p):
            raise InvalidPath(p)
        if st.local is None and p in st.refs and not st.io.lexists(p):
            # Instantiating without a store directory: valid for Nix, which would
            # have written it, but there is nothing to read.
            raise StoreError(f"path '{p}' is not in the store: nixeval writes to a store only "
                             "when one is named (--store DIR or NIX_STORE_DIR)")
    for drv, output in outputs:
        _check_built(st, drv, output)


def realise_context(context: Iterable[str], path: str,
                    frame: str = "while realising the context of path '{}'") -> None:
    """`check_context`, the error getting a frame (`frame` with `path`) placed at the
    call of the builtin, as Nix reports it."""
    if not context:
        return
    try:
        check_context(context)
    except NixError as e:
        e.add_call_frame(frame.format(path))
        raise


__all__ = ["StoreState", "store_state", "check_context", "realise_context", "imported_derivation"]
