"""One evaluation: its settings, global environment, import cache and entry points.

It sits above the machine and the builtins (it wires the builtins into the global
scope and runs the machine), below the hosts (nixeval.api, nixeval.cli).

Invariants:
- The global scope (`true`, `builtins`, `map`, `__add`, ...) is the outermost
  static environment: lexical lookups resolve there before any `with`.
- Each file is read, parsed and evaluated at most once per evaluation (the import
  cache maps a canonical path to its value's item).
- While its machine runs, the evaluation is the machine's running one
  (`machine.activate`, see nixeval/machine/context.py), so that builtins reach it
  with `current()` and the machine's hot paths read its parameters (statistics
  observer, max-call-depth, memory budget) from their module globals.
- Everything that belongs to one evaluation lives on this object: two evaluations in
  one process share nothing but the read-only builtins index.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Coroutine
from typing import Any

from nixeval import machine as M
from nixeval import memory

# The builtins modules that define constants (nixPath, derivation...) are imported
# with this one; every other builtins module on the first call of one of its builtins.
from nixeval.builtins import derivation_nix as _derivation_nix  # noqa: F401
from nixeval.builtins import paths as _paths  # noqa: F401
from nixeval.builtins.index import INDEX
from nixeval.builtins.registry import CONSTANTS, GLOBALS, lazy_primop
from nixeval.corepkgs import CORE_FILES, corepkgs_path
from nixeval.errors import BadStorePath, ImportError_, NixImportError, StoreError, render_warning
from nixeval.io import LOCAL, EvalIO
from nixeval.lexical import canon_path
from nixeval.machine.scheduler import Machine
from nixeval.settings import Settings
from nixeval.source import Source, Span
from nixeval.syntax import ast as A
from nixeval.syntax.cache import cached_parse
from nixeval.syntax.lint import lint
from nixeval.syntax.lower import SYNTAX_FEATURES, parse
from nixeval.values import NixPath, NixString, PrimOp, Thunk


class Evaluation:
    def __init__(self, *, nix_path: list[str] | None = None, search_path: list[str] | None = None,
                 store_dir: str | None = None, pure: bool = False, restrict: bool = False,
                 write_store: bool = False, cwd: str | None = None, env: dict[str, str] | None = None,
                 show_trace: bool = False, extra_builtins: dict[str, PrimOp] | None = None,
                 settings: Settings | None = None, max_memory: int | None = None,
                 io: EvalIO | None = None):
        self.environ = dict(os.environ) if env is None else dict(env)
        # Every file read, listing, status query and store write (nixeval/io.py).
        self.io: EvalIO = io if io is not None else LOCAL
        self.cwd = cwd if cwd is not None else os.getcwd()
        named = store_dir or self.environ.get("NIX_STORE_DIR")
        # Store paths are absolute and canonical (Nix canonicalises its store dir);
        # a relative directory is taken relative to `cwd`.
        self.store_dir = canon_path(os.path.join(self.cwd, named)) if named else "/nix/store"
        if write_store and not named:
            raise ValueError("write_store needs a store directory (store_dir or NIX_STORE_DIR): "
                             "nixeval never writes to the default /nix/store unless it is named")
        # Write mode: what is added to the store is written into `store_dir`
        # (nixeval.builtins.storestate); otherwise nothing is written.
        self.write_store = write_store
        self.pure = pure
        self.restrict = restrict
        self.show_trace = show_trace
        # The other settings the evaluator reads (experimental features, max-call-depth,
        # abort-on-warn, lints...): nixeval/settings.py.
        self.settings = settings if settings is not None else Settings()
        # The memory budget in bytes (nixeval's `--max-memory MiB`): past it the
        # evaluation stops with `OutOfMemory`. None: no budget.
        self.max_memory = max_memory
        self.search_path = self._make_search_path(search_path or [], nix_path)
        self.import_cache: dict[str, Any] = {}
        # The derivations and store paths this evaluation made (nixeval.builtins.derivations).
        self.store_state: Any = None
        self.store_cache: dict[str, str] = {}
        self.machine = Machine()
        # The statistics observer (a `stats.Stats`, for --stats and NIX_SHOW_STATS), or
        # None: the machine counts into it while this evaluation runs.
        self.stats: Any = None

        builtins_set: dict[str, Any] = {}
        global_names: dict[str, int] = {}
        env_slots: list[Any] = [None]

        def bind_global(name: str, value: Any) -> None:
            if name in global_names:
                env_slots[global_names[name]] = value
                return
            global_names[name] = len(env_slots)
            env_slots.append(value)

        feature_on = self.settings.feature
        ops = {name: lazy_primop(name, module, arity, strict, is_async, impure)
               for name, (module, arity, strict, is_async, _g, impure, feature) in INDEX.items()
               if feature is None or feature_on(feature)}
        globals_ = {name for name, entry in INDEX.items() if entry[4]} | (set(CONSTANTS) & GLOBALS)
        if extra_builtins:
            ops.update(extra_builtins)
        for name, op in ops.items():
            builtins_set[name] = op
        for name, factory in CONSTANTS.items():
            if pure and name in ("currentTime", "currentSystem"):
                continue  # Nix 2.8 leaves these out in pure evaluation mode
            builtins_set[name] = factory(self) if callable(factory) else factory
        builtins_set["builtins"] = builtins_set
        builtins_set["true"] = True
        builtins_set["false"] = False
        builtins_set["null"] = None
        for name, value in builtins_set.items():
            if name in globals_ or name in ("true", "false", "null", "builtins"):
                bind_global(name, value)
            else:
                bind_global("__" + name, value)
        self.builtins = builtins_set
        self.global_names = global_names
        self.global_env = env_slots

    # --- search path ---------------------------------------------------------------

    def _make_search_path(self, flags: list[str], nix_path: list[str] | None) -> list[tuple[str, str]]:
        entries = list(flags)
        if nix_path is None:
            raw = self.environ.get("NIX_PATH", "")
            nix_path = [e for e in raw.split(":") if e] if raw else []
        entries.extend(nix_path)
        out = []
        for e in entries:
            if "=" in e:
                prefix, path = e.split("=", 1)
            else:
                prefix, path = "", e
            out.append((prefix, path))
        return out

    # --- parsing and evaluation ----------------------------------------------------

    def parse_source(self, source: Source, base_dir: str, *, lint: bool = True) -> A.Node:
        node = parse(source, base_dir, self.global_names, home=self.environ.get("HOME"),
                     features=self.syntax_features())
        if lint:
            self.lint(node)
        return node

    def lint(self, node: A.Node) -> None:
        """Current Nix's path and URL literal lints, as the settings ask
        (nixeval/syntax/lint.py)."""
        lint(node, self.settings, self.warn)

    def warn(self, message: str, span: Span | None = None) -> None:
        """A warning on stderr, as Nix prints one (`warning: ...`, then the position)."""

        sys.stderr.write(render_warning(message, span) + "\n")

    def syntax_features(self) -> frozenset[str]:
        """The enabled experimental features that change what parses."""
        return SYNTAX_FEATURES.intersection(self.settings.experimental_features)

    def parse_string(self, text: str, base_dir: str | None = None) -> A.Node:
        return self.parse_source(Source(text), base_dir or self.cwd)

    def parse_file(self, path: str) -> A.Node:
        text = self.read_text(path)
        base = os.path.dirname(path)
        node = cached_parse(self.environ, path, base, text, self.global_names,
                            lambda: self.parse_source(Source(text, path=path), base, lint=False),
                            features=self.syntax_features())
        self.lint(node)
        return node  # type: ignore[no-any-return]

    def read_text(self, path: str) -> str:
        try:
            return self.io.read_bytes(path).decode("utf-8", "surrogateescape")
        except FileNotFoundError:
            raise ImportError_(f"getting status of '{path}': No such file or directory") from None
        except IsADirectoryError:
            raise ImportError_(f"reading file '{path}': Is a directory") from None
        except OSError as e:
            raise ImportError_(f"reading file '{path}': {e.strerror}") from None

    def resolve_import_path(self, path: str) -> str:
        path = canon_path(path)
        if self.io.isdir(path):
            path = path.rstrip("/") + "/default.nix" if path != "/" else "/default.nix"
        return path

    def import_item(self, path: str) -> Any:
        """The item (a thunk) of the value of the file at `path`, cached."""
        if path in CORE_FILES:  # Nix's built-in corepkgs (<nix/fetchurl.nix>)
            item = self.import_cache.get(path)
            if item is None:
                node = self.parse_source(Source(CORE_FILES[path], path=path), "/")
                item = self.import_cache[path] = Thunk(node, self.global_env)
            return item
        path = self.resolve_import_path(path)
        item = self.import_cache.get(path)
        if item is None:
            node = self.parse_file(path)
            item = Thunk(node, self.global_env)
            self.import_cache[path] = item
        return item

    def run(self, coro: Coroutine[Any, Any, Any]) -> Any:
        old = M.activate(self)
        try:
            with memory.evaluating():  # the collector's thresholds for evaluation
                return self.machine.run(coro)
        finally:
            M.activate(old)

    def eval_node(self, node: A.Node) -> Any:
        return self.run(M.run_node(node, self.global_env))

    def eval_string(self, text: str, base_dir: str | None = None) -> Any:
        return self.eval_node(self.parse_string(text, base_dir))

    def eval_file(self, path: str) -> Any:
        return self.eval_node(self.parse_file(self.resolve_import_path(os.path.abspath(path))))

    # --- store hooks (see nixeval.store) ------------------------------------------

    async def copy_path_to_store(self, path: NixPath, span: Span | None) -> str:
        """The store path a path value becomes inside a string, with itself as context.

        The path is hashed (NAR serialisation) and its store path computed; in write
        mode it is also copied into the store directory. Cached per evaluation."""
        from nixeval.builtins.storestate import store_state
        from nixeval.store import NarError, StorePathError, nar_hash, source_path_from_hash

        p = path.path
        cached = self.store_cache.get(p)
        if cached is None:
            if p.endswith(".drv"):
                err = BadStorePath("file names are not allowed to end in '.drv'")
                err.positionless = True  # as Nix 2.8 reports it
                raise err
            if not self.io.lexists(p):
                raise NixImportError(f"getting status of '{p}': No such file or directory", span)
            name = os.path.basename(p.rstrip("/")) or p
            try:
                cached = source_path_from_hash(nar_hash(p, fs=self.io), name, store_dir=self.store_dir)
            except StorePathError as e:
                raise BadStorePath(str(e), span) from None
            except NarError as e:
                raise StoreError(str(e), span) from None
            except OSError as e:
                raise NixImportError(f"reading '{p}': {e.strerror}", span) from None
            store_state(self).add_source(cached, p, name)
            self.store_cache[p] = cached
        return NixString(cached, {cached})  # type: ignore[no-any-return]

    def find_file(self, search_path: list[tuple[str, str]], name: str, span: Span | None) -> str:
        for prefix, base in search_path:
            if prefix == "":
                candidate = base.rstrip("/") + "/" + name
            elif name == prefix:
                candidate = base
            elif name.startswith(prefix + "/"):
                candidate = base.rstrip("/") + name[len(prefix):]
            else:
                continue
            if not candidate.startswith("/"):
                candidate = os.path.join(self.cwd, candidate)
            if self.io.exists(candidate):
                return canon_path(candidate)
        core = corepkgs_path(name)
        if core is not None:
            return core
        raise NixImportError(
            f"file '{name}' was not found in the Nix search path (add it using $NIX_PATH or -I)", span)
