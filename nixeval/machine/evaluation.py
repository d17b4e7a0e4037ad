"""One evaluation: its settings, global environment, import cache and entry points.

Invariants:
- The global scope (`true`, `builtins`, `map`, `__add`, ...) is the outermost
  static environment: lexical lookups resolve there before any `with`.
- Each file is read, parsed and evaluated at most once per evaluation (the import
  cache maps a canonical path to its value's item).
- `_current` (see eval.py) points at the evaluation whose machine is running, so that
  builtins can reach settings without threading them through every call.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Coroutine
from typing import Any

from nixeval.errors import EvalError, ImportError_
from nixeval.machine import eval as E
from nixeval.machine.scheduler import Machine
from nixeval.settings import Settings
from nixeval.source import Source, Span
from nixeval.syntax import ast as A
from nixeval.syntax.lower import SYNTAX_FEATURES, canon_path, parse
from nixeval.values import NixPath, PrimOp, Thunk

# The cyclic GC's thresholds during evaluation. A young-generation collection costs
# about the same per surviving object whatever its size, but the larger it is the
# more objects die before it (freed by their reference counts), and an evaluation
# smaller than it is never collected at all, as Nix's Boehm GC does not collect
# before its initial heap (384 MiB) is full. 2,500,000 objects (a few hundred MiB)
# against 400,000: -12% wall time on `modules` and -11% on `attrs` at 1x (no
# collection left), -3% to -4% at 10x, for 8-25% more peak memory at 1x and under
# 11% at 10x. The middle generation is collected about as often as before (every
# 5,000,000 objects, was 4,800,000).
GC_THRESHOLDS = (2_500_000, 2, 100)


class Evaluation:
    def __init__(self, *, nix_path: list[str] | None = None, search_path: list[str] | None = None,
                 store_dir: str | None = None, pure: bool = False, restrict: bool = False,
                 write_store: bool = False, cwd: str | None = None, env: dict[str, str] | None = None,
                 show_trace: bool = False, extra_builtins: dict[str, PrimOp] | None = None,
                 settings: Settings | None = None, max_memory: int | None = None):
        # The modules that define constants (nixPath, derivation...) are imported
        # now; every other builtin module on the first call of one of its builtins.
        from nixeval.builtins import derivation_nix as _drv  # noqa: F401
        from nixeval.builtins import paths as _paths  # noqa: F401
        from nixeval.builtins.index import INDEX
        from nixeval.builtins.registry import CONSTANTS, GLOBALS, lazy_primop

        self.environ = dict(os.environ) if env is None else dict(env)
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
        from nixeval.syntax.lint import lint

        lint(node, self.settings, self.warn)

    def warn(self, message: str, span: Span | None = None) -> None:
        """A warning on stderr, as Nix prints one (`warning: ...`, then the position)."""
        import sys

        from nixeval.errors import NixError, render

        text = render(NixError(message, span))
        sys.stderr.write("warning:" + text[len("error:"):] + "\n")

    def syntax_features(self) -> frozenset[str]:
        """The enabled experimental features that change what parses."""
        return SYNTAX_FEATURES.intersection(self.settings.experimental_features)

    def parse_string(self, text: str, base_dir: str | None = None) -> A.Node:
        return self.parse_source(Source(text), base_dir or self.cwd)

    def parse_file(self, path: str) -> A.Node:
        from nixeval.syntax.cache import cached_parse

        text = self.read_text(path)
        base = os.path.dirname(path)
        node = cached_parse(self.environ, path, base, text, self.global_names,
                            lambda: self.parse_source(Source(text, path=path), base, lint=False),
                            features=self.syntax_features())
        self.lint(node)
        return node  # type: ignore[no-any-return]

    def read_text(self, path: str) -> str:
        try:
            with open(path, "rb") as f:
                return f.read().decode("utf-8", "surrogateescape")
        except FileNotFoundError:
            raise ImportError_(f"getting status of '{path}': No such file or directory") from None
        except IsADirectoryError:
            raise ImportError_(f"reading file '{path}': Is a directory") from None
        except OSError as e:
            raise ImportError_(f"reading file '{path}': {e.strerror}") from None

    def resolve_import_path(self, path: str) -> str:
        path = canon_path(path)
        if os.path.isdir(path):
            path = path.rstrip("/") + "/default.nix" if path != "/" else "/default.nix"
        return path

    def import_item(self, path: str) -> Any:
        """The item (a thunk) of the value of the file at `path`, cached."""
        if path.startswith("/__corepkgs__/"):  # Nix's built-in corepkgs (<nix/fetchurl.nix>)
            from nixeval.builtins.fetchers import CORE_FILES
        else:
            CORE_FILES = {}
        if path in CORE_FILES:
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
        old = E.set_current(self)
        # Evaluation allocates many small objects that live long (thunks, envs): with
        # the default thresholds the cyclic GC rescans them over and over.
        thresholds = gc.get_threshold()
        gc.set_threshold(*GC_THRESHOLDS)
        try:
            return self.machine.run(coro)
        finally:
            gc.set_threshold(*thresholds)
            E.set_current(old)

    def eval_node(self, node: A.Node) -> Any:
        return self.run(E.run_node(node, self.global_env))

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
        from nixeval.store import NarError, StorePathError, source_path
        from nixeval.values import NixString

        p = path.path
        cached = self.store_cache.get(p)
        if cached is None:
            if p.endswith(".drv"):
                err = EvalError("file names are not allowed to end in '.drv'")
                err.positionless = True  # as Nix 2.8 reports it
                raise err
            if not os.path.lexists(p):
                raise EvalError(f"getting status of '{p}': No such file or directory", span)
            try:
                cached = source_path(p, store_dir=self.store_dir)
            except StorePathError as e:
                raise EvalError(str(e), span) from None
            except NarError as e:
                raise EvalError(str(e), span) from None
            except OSError as e:
                raise EvalError(f"reading '{p}': {e.strerror}", span) from None
            store_state(self).add_source(cached, p, os.path.basename(p.rstrip("/")) or p)
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
            if os.path.exists(candidate):
                return canon_path(candidate)
        from nixeval.builtins.fetchers import corepkgs_path

        core = corepkgs_path(name)
        if core is not None:
            return core
        raise EvalError(
            f"file '{name}' was not found in the Nix search path (add it using $NIX_PATH or -I)", span)
