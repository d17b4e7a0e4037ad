"""Files, paths and the environment: import, baseNameOf, dirOf, readFile, readDir,
pathExists, toPath, findFile, getEnv and the constants describing the evaluator."""

from __future__ import annotations

import os
import platform
import time
from typing import Any

from nixeval.builtins.registry import builtin, constant, expect_attrs, expect_list, expect_string
from nixeval.errors import EvalError, ImportError_, MissingAttribute
from nixeval.machine.eval import coerce_to_string, current, force
from nixeval.syntax.lower import canon_path
from nixeval.values import NixPath, NixString, context_of, make_string


async def real_path(v: Any) -> str:
    """The file-system path a path-like value (path, string, set with outPath) names."""
    if type(v) is NixPath:
        return v.path
    s = await coerce_to_string(v, copy_to_store=False)
    s = str(s)
    if not s.startswith("/"):
        raise EvalError(f"string '{s}' doesn't represent an absolute path")
    return canon_path(s)


@builtin("import", 1, global_=True)
async def import_(v: Any) -> Any:
    path = await real_path(v)
    return await force(current().import_item(path))


@builtin("scopedImport", 2, global_=True)
async def scoped_import(scope: Any, v: Any) -> Any:
    expect_attrs(scope)
    path = await real_path(v)
    ev = current()
    path = ev.resolve_import_path(path)
    # A scoped import evaluates the file with `scope` as an outer `with`-like scope
    # that shadows the globals: implemented as globals overridden by the scope.
    from nixeval.errors import Source
    from nixeval.machine.eval import eval_node
    from nixeval.syntax.lower import parse

    names = dict(ev.global_names)
    env = list(ev.global_env)
    for k in scope:
        if k in names:
            env[names[k]] = scope[k]
        else:
            names[k] = len(env)
            env.append(scope[k])
    text = ev.read_text(path)
    node = parse(Source(text, path=path), os.path.dirname(path), names, home=ev.environ.get("HOME"))
    return await eval_node(node, env, 0)


def _base_name(s: str) -> str:
    s = s.rstrip("/") if s != "/" else s
    i = s.rfind("/")
    return s[i + 1 :] if i >= 0 else s


@builtin("baseNameOf", 1, global_=True)
async def base_name_of(v: Any) -> Any:
    if type(v) is NixPath:
        return _base_name(v.path)
    s = await coerce_to_string(v, copy_to_store=False)
    ctx = context_of(s)
    s = str(s)
    if s.endswith("/"):
        s = s[:-1]
    i = s.rfind("/")
    return make_string(s[i + 1 :] if i >= 0 else s, ctx)


@builtin("dirOf", 1, global_=True)
async def dir_of(v: Any) -> Any:
    if type(v) is NixPath:
        p = v.path
        i = p.rfind("/")
        return NixPath(p[:i] if i > 0 else "/")
    s = await coerce_to_string(v, copy_to_store=False)
    ctx = context_of(s)
    s = str(s)
    i = s.rfind("/")
    if i < 0:
        return make_string(".", ctx)
    return make_string(s[:i] if i > 0 else "/", ctx)


@builtin("toPath", 1)
async def to_path(v: Any) -> Any:
    s = await coerce_to_string(v, copy_to_store=False)
    ctx = context_of(s)
    s = str(s)
    if not s.startswith("/"):
        raise EvalError(f"string '{s}' doesn't represent an absolute path")
    return make_string(canon_path(s), ctx)


@builtin("pathExists", 1, impure=True)
async def path_exists(v: Any) -> bool:
    path = await real_path(v)
    return os.path.exists(path) or os.path.islink(path)


@builtin("readFile", 1, impure=True)
async def read_file(v: Any) -> Any:
    path = await real_path(v)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise ImportError_(f"opening file '{path}': No such file or directory") from None
    except IsADirectoryError:
        raise ImportError_(f"reading file '{path}': Is a directory") from None
    return data.decode("utf-8", "surrogateescape")


@builtin("readDir", 1, impure=True)
async def read_dir(v: Any) -> Any:
    path = await real_path(v)
    out = {}
    try:
        entries = list(os.scandir(path))
    except FileNotFoundError:
        raise ImportError_(f"opening directory '{path}': No such file or directory") from None
    except NotADirectoryError:
        raise ImportError_(f"opening directory '{path}': Not a directory") from None
    for e in entries:
        if e.is_symlink():
            kind = "symlink"
        elif e.is_dir(follow_symlinks=False):
            kind = "directory"
        elif e.is_file(follow_symlinks=False):
            kind = "regular"
        else:
            kind = "unknown"
        out[e.name] = kind
    return out


@builtin("getEnv", 1, impure=True)
def get_env(name: Any) -> str:
    ev = current()
    if ev.pure:
        return ""
    return ev.environ.get(str(expect_string(name)), "")


@builtin("findFile", 2)
async def find_file(search_path: Any, name: Any) -> Any:
    expect_list(search_path)
    name = str(expect_string(name))
    entries = []
    for it in search_path:
        e = expect_attrs(await force(it))
        prefix = ""
        if "prefix" in e:
            prefix = str(expect_string(await force(e["prefix"])))
        if "path" not in e:
            raise MissingAttribute("attribute 'path' missing")
        p = await coerce_to_string(await force(e["path"]), copy_to_store=False)
        entries.append((prefix, str(p)))
    return NixPath(current().find_file(entries, name, None))


@constant("nixPath")
def nix_path(ev: Any) -> Any:
    return [{"path": path, "prefix": prefix} for prefix, path in ev.search_path]


@constant("currentSystem")
def current_system(ev: Any) -> Any:
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    return f"{machine}-{platform.system().lower()}"


@constant("currentTime")
def current_time(ev: Any) -> Any:
    return int(time.time())


@constant("nixVersion")
def nix_version(ev: Any) -> Any:
    return "2.8.0"


@constant("langVersion")
def lang_version(ev: Any) -> Any:
    return 6


@constant("storeDir")
def store_dir(ev: Any) -> Any:
    return ev.store_dir


__all__ = ["NixString"]
