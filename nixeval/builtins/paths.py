"""Files, paths and the environment: import, baseNameOf, dirOf, readFile, readDir,
pathExists, toPath, findFile, getEnv and the constants describing the evaluator.

Every look at the file system goes through the evaluation's `nixeval.io.EvalIO`
(`current().io`), so these builtins work the same on a virtual file system.

`nixeval.builtins.storestate` is imported where it is used, on first use: this
module is loaded at start-up, the store state (and store.derivation with it) is
not needed then."""

from __future__ import annotations

import os
import time
from typing import Any

from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.registry import (
    builtin,
    constant,
    expect_attrs,
    expect_list,
    expect_string,
    fast_path,
)
from nixeval.corepkgs import corepkgs_path
from nixeval.errors import (
    BadStorePath,
    ImportError_,
    InvalidArgument,
    InvalidPath,
    MissingAttribute,
    NixError,
    RestrictedPath,
    Thrown,
)
from nixeval.lexical import canon_path
from nixeval.machine.requests import coerce_to_string, current, evaluate, force
from nixeval.settings import LANG_VERSION, NIX_VERSION
from nixeval.source import Source
from nixeval.syntax.lower import parse
from nixeval.values import SLOW, NixPath, NixString, context_of, make_string, set_position


def _mode_information(ev: Any) -> str:
    return "in pure eval mode (use '--impure' to override)" if ev.pure else "in restricted mode"


def allowed_paths(ev: Any) -> list[str] | None:
    """The directories `--restrict-eval`/`--pure-eval` allow reading from, or None when
    every path is allowed. Pure mode has no search path, so it allows nothing here;
    restricted mode allows the existing entries of the search path (Nix 2.8)."""
    if not (ev.pure or ev.restrict):
        return None
    if ev.pure:
        return []
    cached = getattr(ev, "_allowed_paths", None)
    if cached is None:
        cached = []
        for _prefix, entry in ev.search_path:
            p = _search_entry_path(ev, entry)
            if p is not None:
                cached.append(p)
        try:
            ev._allowed_paths = cached
        except AttributeError:
            pass
    return cached


def _search_entry_path(ev: Any, entry: str) -> str | None:
    """Nix's resolveSearchPathElem for a local entry: absolute, canonical, existing."""
    if "://" in entry:
        return None  # URLs would be fetched; nixeval has no network
    p = canon_path(entry if entry.startswith("/") else os.path.join(ev.cwd, entry))
    return p if ev.io.exists(p) else None


def _in_dir(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip("/") + "/")


def check_allowed(path: str) -> str:
    """Nix's checkSourcePath: the path to access, or RestrictedPath in pure/restricted mode
    when it lies outside the allowed directories (checked before and after resolving
    symlinks, as Nix does). Unrestricted: the path unchanged."""
    ev = current()
    allowed = allowed_paths(ev)
    if allowed is None or path.startswith("/__corepkgs__/"):  # Nix's built-in files
        return path
    abspath = canon_path(path)
    if not any(_in_dir(abspath, d) for d in allowed):
        raise RestrictedPath(f"access to absolute path '{abspath}' is forbidden {_mode_information(ev)}")
    resolved = ev.io.realpath(abspath)
    if any(_in_dir(resolved, d) for d in allowed):
        return resolved
    raise RestrictedPath(f"access to canonical path '{resolved}' is forbidden in restricted mode")


async def coerce_to_path(v: Any) -> tuple[str, set[str]]:
    """Nix's coerceToPath: a path value, or a string (set with outPath...) holding an
    absolute path, with the string's context; not canonicalised."""
    if type(v) is NixPath:
        return v.path, set()
    s = await coerce_to_string(v, copy_to_store=False)
    if not str(s).startswith("/"):
        raise InvalidArgument(f"string '{s}' doesn't represent an absolute path")
    return str(s), set(context_of(s))


async def realise_path(item: Any, check: bool = True) -> str:
    """Nix's realisePath: the file-system path a path-like item names, after
    realising its context (`storestate.realise_context`) and, with `check`, checking
    it against the allowed paths of pure/restricted mode. The builtins calling it
    take the item lazily: an error while forcing it gets Nix's frame too."""
    try:
        path, context = await coerce_to_path(await force(item))
    except NixError as e:
        e.add_call_frame("while realising the context of a path")
        raise
    if context:
        from nixeval.builtins.storestate import realise_context

        realise_context(context, path)
    return check_allowed(path) if check else path


@builtin("import", 1, lazy=(0,), global_=True, impure=True)
async def import_(v: Any) -> Any:
    path = await realise_path(v)
    ev = current()
    if path.endswith(".drv") and path.startswith(ev.store_dir + "/"):
        from nixeval.builtins.storestate import imported_derivation

        drv = imported_derivation(path)
        if drv is not None:
            return await drv
    resolved = ev.resolve_import_path(path)
    if resolved != canon_path(path) and not ev.io.exists(resolved):
        raise ImportError_(f"opening file '{resolved}': No such file or directory")
    return await force(ev.import_item(path))


@builtin("scopedImport", 2, lazy=(0, 1), global_=True, impure=True)
async def scoped_import(scope: Any, v: Any) -> Any:
    path = await realise_path(v)
    scope = expect_attrs(await force(scope))
    ev = current()
    path = ev.resolve_import_path(path)
    # A scoped import evaluates the file with `scope` as an outer `with`-like scope
    # that shadows the globals: implemented as globals overridden by the scope.
    names = dict(ev.global_names)
    env = list(ev.global_env)
    for k in scope:
        if k in names:
            env[names[k]] = scope[k]
        else:
            names[k] = len(env)
            env.append(scope[k])
    check_allowed(path)
    text = ev.read_text(path)
    node = parse(Source(text, path=path), os.path.dirname(path), names, home=ev.environ.get("HOME"),
                 features=ev.syntax_features())
    return await evaluate(node, env)


def _base_name(s: str) -> str:
    s = s.rstrip("/") if s != "/" else s
    i = s.rfind("/")
    return s[i + 1 :] if i >= 0 else s


@builtin("baseNameOf", 1, global_=True)
async def base_name_of(v: Any) -> Any:
    if type(v) is NixPath:
        return _base_name(v.path)
    return base_name_of_fast(await coerce_to_string(v, copy_to_store=False))


@fast_path("baseNameOf")
def base_name_of_fast(v: Any) -> Any:
    if type(v) is NixPath:
        return _base_name(v.path)
    if type(v) is not str and type(v) is not NixString:
        return SLOW
    s = str(v)
    if s.endswith("/"):
        s = s[:-1]
    i = s.rfind("/")
    return make_string(s[i + 1 :] if i >= 0 else s, context_of(v))


@builtin("dirOf", 1, global_=True)
async def dir_of(v: Any) -> Any:
    if type(v) is NixPath:
        return dir_of_fast(v)
    return dir_of_fast(await coerce_to_string(v, copy_to_store=False))


@fast_path("dirOf")
def dir_of_fast(v: Any) -> Any:
    if type(v) is NixPath:
        p = v.path
        i = p.rfind("/")
        return NixPath(p[:i] if i > 0 else "/")
    if type(v) is not str and type(v) is not NixString:
        return SLOW
    s = str(v)
    i = s.rfind("/")
    if i < 0:
        return make_string(".", context_of(v))
    return make_string(s[:i] if i > 0 else "/", context_of(v))


@builtin("toPath", 1)
async def to_path(v: Any) -> Any:
    s = await coerce_to_string(v, copy_to_store=False)
    ctx = context_of(s)
    s = str(s)
    if not s.startswith("/"):
        raise InvalidArgument(f"string '{s}' doesn't represent an absolute path")
    return make_string(canon_path(s), ctx)


@builtin("pathExists", 1, lazy=(0,), impure=True)
async def path_exists(v: Any) -> bool:
    path = await realise_path(v, check=False)
    try:
        path = check_allowed(path)
    except RestrictedPath:
        return False  # Nix answers false rather than revealing anything
    # lstat of the path as written: a broken symlink exists, `file/` does not
    return current().io.lexists(path)


def _read_error(path: str, e: OSError, what: str = "file") -> ImportError_:
    if isinstance(e, IsADirectoryError):
        return ImportError_("reading from file: Is a directory")
    return ImportError_(f"opening {what} '{path}': {e.strerror}")


def read_bytes(path: str) -> bytes:
    """The contents of the file at `path` (readFile, hashFile), with Nix's errors."""
    try:
        return current().io.read_bytes(path)
    except OSError as e:
        raise _read_error(path, e) from None


@builtin("readFile", 1, lazy=(0,), impure=True)
async def read_file(v: Any) -> Any:
    path = await realise_path(v)
    data = read_bytes(path)
    if b"\0" in data:
        raise ImportError_(f"the contents of the file '{path}' cannot be represented as a Nix string")
    text = data.decode("utf-8", "surrogateescape")
    if path.startswith(current().store_dir + "/"):
        # A store file's contents refer to its references (as far as they are known).
        from nixeval.builtins.storestate import store_state

        return make_string(text, store_state().references(path))
    return text


@builtin("readDir", 1, lazy=(0,), impure=True)
async def read_dir(v: Any) -> Any:
    path = await realise_path(v)
    try:
        return current().io.read_dir(path)
    except OSError as e:
        raise ImportError_(f"opening directory '{path}': {e.strerror}") from None


def check_allowed_no_follow(path: str) -> str:
    """`check_allowed` for a path whose last component is not followed (readFileType
    looks at a symlink itself): the path as written must be allowed, and so must the
    canonical path of its parent joined with its name. Returns the path to lstat."""
    ev = current()
    allowed = allowed_paths(ev)
    abspath = canon_path(path)
    if allowed is None:
        return abspath
    if not any(_in_dir(abspath, d) for d in allowed):
        raise RestrictedPath(f"access to absolute path '{abspath}' is forbidden {_mode_information(ev)}")
    if abspath == "/":
        return abspath
    parent, name = os.path.split(abspath)
    resolved = os.path.join(ev.io.realpath(parent), name)
    if any(_in_dir(resolved, d) for d in allowed):
        return resolved
    raise RestrictedPath(f"access to canonical path '{resolved}' is forbidden in restricted mode")


@builtin("readFileType", 1, lazy=(0,), impure=True)
async def read_file_type(v: Any) -> str:
    """Nix 2.14's readFileType: the type of the file-system object itself (a symlink
    is not followed), named as readDir names them. A missing path fails with
    Nix 2.34's message (`path '...' does not exist`)."""
    path = canon_path(await realise_path(v, check=False))
    try:
        return current().io.file_type(check_allowed_no_follow(path))
    except (FileNotFoundError, NotADirectoryError):
        raise ImportError_(f"path '{path}' does not exist") from None
    except OSError as e:
        raise ImportError_(f"getting status of '{path}': {e.strerror}") from None


@builtin("getEnv", 1, impure=True)
def get_env(name: Any) -> str:
    ev = current()
    name = str(expect_string(name))
    if ev.pure or ev.restrict:
        return ""
    return ev.environ.get(name, "")


def find_in_search_path(entries: list[tuple[str, str]], name: str) -> str:
    """Nix's findFile: the first entry whose prefix matches `name` and under which the
    rest of `name` exists. Not found is a catchable error (Nix throws it like `throw`)."""
    ev = current()
    for prefix, base in entries:
        if prefix == "":
            suffix = "/" + name
        else:
            n = len(prefix)
            if not name.startswith(prefix) or (len(name) > n and name[n] != "/"):
                continue
            suffix = "" if len(name) == n else "/" + name[n:]
        root = _search_entry_path(ev, base)
        if root is None:
            continue
        candidate = root + suffix
        if ev.io.lexists(candidate):
            return canon_path(candidate)
    core = corepkgs_path(name)  # <nix/fetchurl.nix>: Nix's built-in corepkgs
    if core is not None:
        return core
    if ev.pure:
        err = Thrown(f"cannot look up '<{name}>' in pure evaluation mode (use '--impure' to override)")
    else:
        err = Thrown(f"file '{name}' was not found in the Nix search path (add it using $NIX_PATH or -I)")
    err.positionless = False  # unlike `throw`, Nix gives these the call's position
    raise err


@builtin("findFile", 2, impure=True)
async def find_file(search_path: Any, name: Any) -> Any:
    """`builtins.findFile` and the `<name>` syntax (`__findFile __nixPath "name"`)."""
    expect_list(search_path)
    entries = []
    for it in search_path:
        e = expect_attrs(await force(it))
        prefix = ""
        if "prefix" in e:
            prefix = str(expect_string(await force(e["prefix"])))
        if "path" not in e:
            raise MissingAttribute("attribute 'path' missing for call to 'findFile'", set_position(e))
        p = await coerce_to_string(await force(e["path"]), copy_to_store=False)
        try:
            if context_of(p):
                from nixeval.builtins.storestate import check_context

                check_context(context_of(p))
        except InvalidPath as err:
            # Nix reports this one at the call, naming the entry.
            raise BadStorePath(f"cannot find '{p}', since path '{err.path}' is not valid") from None
        entries.append((prefix, str(p)))
    name = str(expect_string_no_context(name))
    return NixPath(check_allowed(find_in_search_path(entries, name)))


@constant("nixPath")
def nix_path(ev: Any) -> Any:
    if ev.pure:
        return []  # pure evaluation has no search path
    return [{"path": path, "prefix": prefix} for prefix, path in ev.search_path]


@constant("currentSystem")
def current_system(ev: Any) -> Any:
    # Nix: the `eval-system` setting (2.20) when set, else the `system` setting, else
    # the platform Nix was built for.
    chosen = ev.settings.eval_system or ev.settings.system
    if chosen:
        return chosen
    uname = os.uname()  # what `platform` reads, without importing it at start-up
    machine = uname.machine.lower()
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    return f"{machine}-{uname.sysname.lower()}"


@constant("currentTime")
def current_time(ev: Any) -> Any:
    return int(time.time())


@constant("nixVersion")
def nix_version(ev: Any) -> Any:
    return NIX_VERSION


@constant("langVersion")
def lang_version(ev: Any) -> Any:
    return LANG_VERSION


@constant("storeDir")
def store_dir(ev: Any) -> Any:
    return ev.store_dir


__all__ = ["NixString"]
