"""`builtins.fetchTree` (experimental feature `fetch-tree`, which `flakes` implies), and
the fetching of inputs that `getFlake` shares (`fetch_input`, `tree_attrs`).

nixeval has no network: what is fetched is what is local.

- `path`: a directory (or file) copied as it is, store name `source`;
  `lastModified` is the latest modification time in it unless given (the manual's
  "Flake reference attributes"). Needs `flakes`. It is a user path: read, hashed and
  copied through the evaluation's `EvalIO` (`current().io`), as `builtins.path` is.
- `git` with a `file://` URL (a plain path is one): run through `git.py` (the
  commands Nix 2.8 runs). fetchTree makes shallow fetches by default (`shallow =
  true`, Nix 2.23), so `revCount` is there only with `shallow = false`; the tree is
  the commit's tree as it is (`exportIgnore` defaults to false, unlike fetchGit); a
  dirty working tree gives `dirtyRev`/`dirtyShortRev` (HEAD's revision and
  `-dirty`) instead of `rev`.
- `tarball` and `file` with a `file://` URL: the archive unpacked (its single
  top-level directory, if that is all it holds), `lastModified` the latest time of
  its members; the file as it is. These are downloads: read, unpacked and hashed
  on the real disk whatever the `EvalIO` (as Git checkouts are, see `git.py`).

Everything else (`github`, `gitlab`, `sourcehut`, `hg`, remote URLs) fails with an
error naming the input; `indirect` inputs fail as registry look-ups that find
nothing (nixeval reads no flake registry). Results are the attributes Nix's
`emitTreeAttrs` gives: `outPath` (recursive store path named `source`, with its
context), `narHash`, `rev`/`shortRev`, `revCount`, `dirtyRev`/`dirtyShortRev`,
`lastModified`/`lastModifiedDate`, and `submodules` for Git.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from typing import Any

from nixeval.builtins import git
from nixeval.builtins.fetchpolicy import PureModeError, check_uri
from nixeval.builtins.flakeref import (
    Attrs,
    attrs_to_json,
    get_bool,
    get_int,
    get_str,
    input_from_attrs,
    input_from_url,
    input_to_string,
    parse_rev,
    parse_url,
    url_path_to_path,
)
from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.registry import builtin
from nixeval.builtins.storestate import store_state
from nixeval.errors import MissingAttribute, UnexpectedArgument
from nixeval.io import LOCAL
from nixeval.lexical import byte_key
from nixeval.machine.requests import coerce_to_string, current, force
from nixeval.store import (
    FileSystem,
    HashError,
    NarError,
    StorePathError,
    make_fixed_output_path,
    nar_hash,
    parse_sri,
)
from nixeval.values import NixPath, make_string, show_type

FetchError = git.FetchError

_keep_root: str | None = None


def keep_dir() -> str:
    """A fresh directory for a fetched tree that must stay readable until the process
    ends (getFlake reads the flake's files there when the store path is not valid)."""
    global _keep_root
    if _keep_root is None:
        import atexit  # both only for the first tree kept: rare
        import shutil

        _keep_root = tempfile.mkdtemp(prefix="nixeval-trees-")
        atexit.register(shutil.rmtree, _keep_root, True)
    return tempfile.mkdtemp(dir=_keep_root)


@dataclass
class Fetched:
    """A fetched input: its attributes once fetched (`narHash`, `rev`...), its store
    path, and where its files can be read (the source itself or a kept copy)."""

    input: Attrs
    store_path: str
    source: str | None


def is_locked(attrs: Attrs) -> bool:
    kind = attrs.get("type")
    if kind in ("git", "hg", "github", "gitlab", "sourcehut"):
        rev = attrs.get("rev")
        return type(rev) is str and rev.strip("0") != ""
    if kind in ("path", "tarball", "file"):
        return "narHash" in attrs
    return False


def tree_attrs(inp: Attrs, store_path: str, *, empty_rev_fallback: bool = False,
               force_dirty: bool = False) -> dict[str, Any]:
    """The attribute set Nix's `emitTreeAttrs` makes of a fetched input."""
    out: dict[str, Any] = {"outPath": make_string(store_path, {store_path})}
    nar = inp.get("narHash")
    if type(nar) is str:
        out["narHash"] = _sri(nar)
    if inp.get("type") == "git":
        out["submodules"] = bool(inp.get("submodules", False))
    if not force_dirty:
        rev = inp.get("rev")
        if type(rev) is str:
            r = parse_rev(rev)
            out["rev"] = r
            out["shortRev"] = r[:7]
        elif empty_rev_fallback:
            out["rev"] = git.ZERO_REV
            out["shortRev"] = git.ZERO_REV[:7]
        count = get_int(inp, "revCount")
        if count is not None:
            out["revCount"] = count
        elif empty_rev_fallback:
            out["revCount"] = 0
    dirty = inp.get("dirtyRev")
    if type(dirty) is str:
        out["dirtyRev"] = dirty
        out["dirtyShortRev"] = inp.get("dirtyShortRev")
    last = get_int(inp, "lastModified")
    if last is not None:
        out["lastModified"] = last
        out["lastModifiedDate"] = time.strftime("%Y%m%d%H%M%S", time.gmtime(last))
    return out


def _sri(s: str) -> str:
    try:
        return parse_sri(s).sri() if s else "sha256-" + "A" * 43 + "="
    except HashError as e:
        raise FetchError(str(e)) from None


def _add_tree(source: str, fs: FileSystem) -> tuple[str, str]:
    """The recursive store path (and SRI NAR hash) of `source` read from `fs`, named
    `source`, written in write mode."""
    ev = current()
    try:
        h = nar_hash(source, fs=fs)
        path = make_fixed_output_path(True, h, "source", store_dir=ev.store_dir)
    except (NarError, StorePathError) as e:
        raise FetchError(str(e)) from None
    store_state().add_source(path, source, "source", fs=fs)
    return path, h.sri()


def _check_nar_hash(original: Attrs, got: str, store_path: str) -> None:
    want = original.get("narHash")
    if type(want) is str and _sri(want) != got:
        raise FetchError(f"NAR hash mismatch in input '{input_to_string(original)}' ({store_path}), "
                         f"expected '{_sri(want)}', got '{got}'")


def _latest_mtime(fs: FileSystem, path: str) -> int:
    """The latest modification time of `path` and, for a directory, of everything in
    it (symlinks not followed; a directory that cannot be listed is skipped)."""
    st = fs.lstat(path)
    latest = int(st.st_mtime)
    todo = [path] if stat.S_ISDIR(st.st_mode) else []
    while todo:
        d = todo.pop()
        try:
            names = fs.listdir(d)
        except OSError:
            continue
        for name in names:
            child = os.path.join(d, name)
            cst = fs.lstat(child)
            latest = max(latest, int(cst.st_mtime))
            if stat.S_ISDIR(cst.st_mode):
                todo.append(child)
    return latest


def _fetch_path(inp: Attrs) -> Fetched:
    p = get_str(inp, "path")
    if not p.startswith("/"):
        raise FetchError(f"cannot fetch input '{input_to_string(inp)}' because it uses a relative path")
    p = os.path.normpath(p)
    if p.startswith("//"):
        p = p[1:]
    ev = current()
    io = ev.io
    if not io.lexists(p):
        raise FetchError(f"getting status of '{p}': No such file or directory")
    out = dict(inp)
    st = store_state()
    path, sri = _add_tree(p, io)
    # A valid store path named `source` is used as it is, without a time.
    in_store = (p.startswith(ev.store_dir + "/") and "/" not in p[len(ev.store_dir) + 1:]
                and p.endswith("-source") and st.is_valid(p))
    mtime = 0 if in_store else _latest_mtime(io, p)
    if get_int(inp, "lastModified") is None:
        out["lastModified"] = mtime
    out["narHash"] = sri
    return Fetched(out, path, p)


def _head_rev(repo: str) -> str | None:
    ev = current()
    try:
        p = subprocess.run(["git", "-C", repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                           env=ev.environ, cwd=ev.cwd)
    except OSError:
        return None
    out = p.stdout.decode().strip()
    return out if p.returncode == 0 and out else None


def _fetch_git(inp: Attrs, keep: bool) -> Fetched:
    url = get_str(inp, "url")
    local = git.local_path(url)
    if local is None:
        raise FetchError(f"cannot fetch Git repository '{url}': nixeval has no network access "
                         "(only file:// URLs and paths can be fetched)")
    submodules = bool(get_bool(inp, "submodules"))
    export_ignore = bool(get_bool(inp, "exportIgnore"))
    if export_ignore and submodules:
        raise FetchError("exportIgnore and submodules are not supported together yet")
    shallow = bool(get_bool(inp, "shallow"))
    rev = inp.get("rev")
    gi = git.GitInput(url=url, ref=inp.get("ref"), rev=None if rev is None else parse_rev(rev),
                      shallow=shallow, submodules=submodules, all_refs=bool(get_bool(inp, "allRefs")),
                      name=str(inp.get("name", "source")), nar_hash=None, last_modified=None,
                      rev_count=None, export_ignore=export_ignore)
    ev = current()
    tree = git.fetch(gi, ev.environ, ev.cwd, ev.store_dir, keep_dir() if keep else None)
    out = {k: v for k, v in inp.items() if k not in ("dirtyRev", "dirtyShortRev")}
    if tree.rev is not None:
        out["rev"] = tree.rev
        if not shallow and "revCount" not in inp:
            out["revCount"] = tree.rev_count
        if "lastModified" not in inp:
            out["lastModified"] = tree.last_modified
    else:
        head = _head_rev(local)
        if head is not None:
            out["dirtyRev"] = head + "-dirty"
            out["dirtyShortRev"] = head[:7] + "-dirty"
        out["lastModified"] = tree.last_modified
    out["narHash"] = tree.nar_hash.sri()
    return Fetched(out, tree.path, tree.source)


def _local_file(url: str) -> str:
    u = parse_url(url)
    if u.scheme != "file":
        raise FetchError(f"unable to download '{url}': nixeval has no network access "
                         "(only file:// URLs can be fetched)")
    path = url_path_to_path(u.path)
    if not os.path.exists(path):
        raise FetchError(f"unable to download '{url}': Couldn't read a file:// file (37)")
    return path


def _fetch_tarball(inp: Attrs, keep: bool) -> Fetched:
    url = get_str(inp, "url")
    path = _local_file(url)
    out = dict(inp)
    tmp_ctx = None
    if keep:
        tmp = keep_dir()
    else:
        tmp_ctx = tempfile.TemporaryDirectory(prefix="nixeval-tarball-")
        tmp = tmp_ctx.name
    try:
        latest = 0
        try:
            with tarfile.open(path) as tf:
                for m in tf.getmembers():
                    latest = max(latest, int(m.mtime))
                tf.extractall(tmp, filter="tar")
        except (tarfile.TarError, OSError) as e:
            raise FetchError(f"failed to unpack '{url}': {e}") from None
        members = os.listdir(tmp)
        top = tmp
        if len(members) == 1 and os.path.isdir(os.path.join(tmp, members[0])) \
                and not os.path.islink(os.path.join(tmp, members[0])):
            top = os.path.join(tmp, members[0])
        store_path, sri = _add_tree(top, LOCAL)
    finally:
        if tmp_ctx is not None:
            tmp_ctx.cleanup()
    if get_int(inp, "lastModified") is None:
        out["lastModified"] = latest
    out["narHash"] = sri
    return Fetched(out, store_path, top if keep else None)


def _fetch_file(inp: Attrs) -> Fetched:
    url = get_str(inp, "url")
    path = _local_file(url)
    if os.path.isdir(path):
        raise FetchError(f"unable to download '{url}': Couldn't read a file:// file (37)")
    store_path, sri = _add_tree(path, LOCAL)
    out = dict(inp)
    out["narHash"] = sri
    return Fetched(out, store_path, path)


def fetch_input(inp: Attrs, *, keep: bool = False) -> Fetched:
    """Fetch a checked input (see the module docstring). With `keep`, the tree's files
    stay readable at `Fetched.source`. A given `narHash` must match."""
    kind = inp.get("type")
    if kind == "path":
        fetched = _fetch_path(inp)
    elif kind == "git":
        fetched = _fetch_git(inp, keep)
    elif kind == "tarball":
        fetched = _fetch_tarball(inp, keep)
    elif kind == "file":
        fetched = _fetch_file(inp)
    elif kind == "indirect":
        raise FetchError(f"indirect input '{input_to_string(inp)}' cannot be fetched directly")
    elif kind in ("github", "gitlab", "sourcehut", "hg"):
        raise FetchError(f"cannot fetch input '{input_to_string(inp)}': nixeval has no network "
                         "access")
    else:
        raise FetchError(f"cannot fetch unsupported input '{attrs_to_json(inp)}'")
    _check_nar_hash(inp, fetched.input["narHash"], fetched.store_path)
    return fetched


def registry_lookup(inp: Attrs) -> Attrs:
    """An indirect input looked up in the flake registries: nixeval has none."""
    raise FetchError(f"cannot find flake '{input_to_string(inp)}' in the flake registries")


async def _fetch_tree_attrs(arg: dict[str, Any]) -> Attrs:
    """fetchTree's attribute set argument, converted as Nix converts it."""
    if "type" not in arg:
        raise MissingAttribute("attribute 'type' is missing in call to 'fetchTree'")
    kind = str(expect_string_no_context(await force(arg["type"])))
    attrs: Attrs = {"type": kind}
    for name in sorted(arg, key=byte_key):
        if name == "type":
            continue
        v = await force(arg[name])
        if type(v) is NixPath or isinstance(v, str):
            attrs[name] = str(await coerce_to_string(v, copy_to_store=False))
        elif type(v) is bool:
            attrs[name] = v
        elif type(v) is int:
            if v < 0:
                raise FetchError(f"negative value given for 'fetchTree' argument '{name}': {v}")
            attrs[name] = v
        else:
            raise FetchError(f"fetchTree argument '{name}' is {show_type(v)} while a string, "
                             "Boolean or integer is expected")
    if kind == "git" and "shallow" not in attrs:
        attrs["shallow"] = True
    if "name" in attrs:
        raise UnexpectedArgument("attribute 'name' isn't supported in call to 'fetchTree'")
    return attrs


@builtin("fetchTree", 1, global_=True, impure=True, feature="fetch-tree")
async def fetch_tree(arg: Any) -> Any:
    ev = current()
    flakes = ev.settings.feature("flakes")
    if isinstance(arg, dict):
        inp = input_from_attrs(await _fetch_tree_attrs(arg), legacy=True)
    else:
        url = str(await coerce_to_string(arg, copy_to_store=False))
        if not flakes:
            raise FetchError("passing a string argument to 'fetchTree' requires the 'flakes' "
                             "experimental feature")
        inp = input_from_url(parse_url(url))
    if not ev.pure and inp.get("type") == "indirect" and flakes:
        inp = registry_lookup(inp)
    if ev.pure and not is_locked(inp):
        if "narHash" not in inp:
            raise PureModeError("in pure evaluation mode, 'fetchTree' requires a locked input")
        sys.stderr.write(f"warning: Input '{input_to_string(inp)}' is unlocked (e.g. lacks a Git "
                         "revision) but is checked by NAR hash. This is not reproducible and will "
                         "break after garbage collection or when shared.\n")
    check_uri(input_to_string(inp))
    if inp.get("__final") is True:
        raise FetchError(f"input '{input_to_string(inp)}' is not allowed to use the '__final' "
                         "attribute")
    fetched = fetch_input(inp)
    return tree_attrs(fetched.input, fetched.store_path)


__all__ = ["Fetched", "fetch_input", "tree_attrs", "is_locked", "registry_lookup", "keep_dir"]
