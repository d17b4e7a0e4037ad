"""Fetchers: fetchurl, fetchTarball, fetchGit, fetchMercurial.

nixeval has no network. A `file://` URL is read locally, as Nix would (fetchurl: the
file, stored flat under its base name; fetchTarball: the archive unpacked, its single
top-level entry stored recursively as `source`), with Nix's hash check; the result
is written to the store in write mode only (Nix writes it even with `--eval`). A
download is read, unpacked and hashed on the real disk whatever the evaluation's
`EvalIO` (nixeval/io.py), as Nix's downloader does not see the evaluator's files.
fetchGit of a local repository (a path or a `file://` URL) runs `git` as Nix 2.8
does (`git.py`); its argument is converted here as Nix's fetchTree converts it.
Anything else fails with an error naming the URL; Mercurial is never run.
fetchTree (current Nix's, behind the experimental feature `fetch-tree`) is in
`fetchtree.py`, with the checks of allowed URIs and locked inputs that fetchGit
shares (`check_uri`, `PureModeError`).

`<nix/fetchurl.nix>` (Nix's corepkgs) is in `nixeval/corepkgs.py`.
"""

from __future__ import annotations

import os
import tarfile
import tempfile
from typing import Any
from urllib.parse import unquote

from nixeval.builtins import git
from nixeval.builtins.fetchpolicy import PureModeError, check_uri
from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.registry import builtin, expect_attrs
from nixeval.builtins.storestate import store_state
from nixeval.errors import (
    BadStorePath,
    DownloadError,
    InvalidHash,
    MissingAttribute,
    RestrictedPath,
    StoreError,
    UnexpectedArgument,
    Unsupported,
)
from nixeval.io import LOCAL
from nixeval.lexical import byte_key
from nixeval.machine.requests import coerce_to_string, current, force
from nixeval.store import (
    Hash,
    HashError,
    NarError,
    StorePathError,
    hash_path_flat,
    make_fixed_output_path,
    nar_hash,
    parse_hash_allow_empty,
)
from nixeval.values import NixPath, make_string, show_type


def _base_name(url: str) -> str:
    u = url.rstrip("/")
    return u[u.rfind("/") + 1:]


async def _fetch_args(arg: Any, who: str) -> tuple[str, Hash | None, str]:
    url = None
    expected = None
    name = ""
    if isinstance(arg, dict):
        for key in sorted(arg):
            v = await force(arg[key])
            if key == "url":
                url = str(expect_string_no_context(v))
            elif key == "sha256":
                try:
                    expected, _ = parse_hash_allow_empty(str(expect_string_no_context(v)), "sha256")
                except HashError as e:
                    raise InvalidHash(str(e)) from None
            elif key == "name":
                name = str(expect_string_no_context(v))
            else:
                raise UnexpectedArgument(f"unsupported argument '{key}' to '{who}'")
        if url is None:
            raise MissingAttribute("'url' argument required")
    else:
        url = str(expect_string_no_context(arg))
    check_uri(url)  # restricted mode: an allowed URI (allowed-uris) or path
    if current().pure and expected is None:
        raise RestrictedPath(f"in pure evaluation mode, '{who}' requires a 'sha256' argument")
    return url, expected, name


def _local_file(url: str) -> str:
    if not url.startswith("file://"):
        raise Unsupported(f"unable to download '{url}': nixeval has no network access "
                          "(only file:// URLs can be fetched)")
    path = unquote(url[len("file://"):])
    if not os.path.exists(path):
        raise DownloadError(f"unable to download '{url}': Couldn't read a file:// file (37)")
    return path


def _mismatch(url: str, expected: Hash, got: Hash) -> DownloadError:
    # Continuation lines carry the 7-space indentation of Nix's error renderer.
    return DownloadError(f"hash mismatch in file downloaded from '{url}':\n"
                         f"         specified: {expected.base32(True)}\n"
                         f"         got:       {got.base32(True)}")


def _fetch_file(url: str, expected: Hash | None, name: str) -> str:
    path = _local_file(url)
    if os.path.isdir(path):
        raise DownloadError(f"unable to download '{url}': Couldn't read a file:// file (37)")
    h = hash_path_flat(path)
    if expected is not None and h != expected:
        raise _mismatch(url, expected, h)
    result = make_fixed_output_path(False, h, name, store_dir=current().store_dir)
    store_state().add_source(result, path, name, recursive=False, fs=LOCAL)
    return result


def _fetch_tarball(url: str, expected: Hash | None, name: str) -> str:
    path = _local_file(url)
    with tempfile.TemporaryDirectory(prefix="nixeval-tarball-") as tmp:
        try:
            with tarfile.open(path) as tf:
                tf.extractall(tmp, filter="tar")
        except (tarfile.TarError, OSError) as e:
            raise DownloadError(f"failed to unpack '{url}': {e}") from None
        members = os.listdir(tmp)
        if len(members) != 1:
            raise DownloadError(f"tarball '{url}' contains an unexpected number of top-level files")
        top = os.path.join(tmp, members[0])
        h = nar_hash(top)
        if expected is not None and h != expected:
            raise _mismatch(url, expected, h)
        result = make_fixed_output_path(True, h, name, store_dir=current().store_dir)
        store_state().add_source(result, top, name, fs=LOCAL)
    return result


def _stored(path: str) -> Any:
    return make_string(path, {path})


@builtin("fetchurl", 1, impure=True)
async def fetchurl(arg: Any) -> Any:
    url, expected, name = await _fetch_args(arg, "fetchurl")
    try:
        return _stored(_fetch_file(url, expected, name or _base_name(url)))
    except StorePathError as e:
        raise BadStorePath(str(e)) from None
    except NarError as e:
        raise StoreError(str(e)) from None


@builtin("fetchTarball", 1, global_=True, impure=True)
async def fetch_tarball(arg: Any) -> Any:
    url, expected, name = await _fetch_args(arg, "fetchTarball")
    try:
        return _stored(_fetch_tarball(url, expected, name or "source"))
    except StorePathError as e:
        raise BadStorePath(str(e)) from None
    except NarError as e:
        raise StoreError(str(e)) from None


async def _url_of(arg: Any) -> str:
    """The URL a fetcher is given: a string or a path, or a set's `url` (a path there
    is coerced to its string, as Nix does)."""
    if isinstance(arg, dict):
        if "url" not in arg:
            raise MissingAttribute("'url' argument required")
        arg = await force(arg["url"])
    return str(await coerce_to_string(arg, copy_to_store=False))


async def _fetch_git_attrs(arg: Any) -> dict[str, Any]:
    """fetchGit's argument as Nix's fetchTree converts it: strings (a path coerced to
    its string), Booleans and integers."""
    if not isinstance(arg, dict):
        return {"url": str(await coerce_to_string(arg, copy_to_store=False))}
    expect_attrs(arg)
    if "type" in arg:
        raise UnexpectedArgument("unexpected attribute 'type'")
    attrs: dict[str, Any] = {}
    for key in sorted(arg, key=byte_key):
        v = await force(arg[key])
        if type(v) is NixPath or isinstance(v, str):
            attrs[key] = str(await coerce_to_string(v, copy_to_store=False))
        elif type(v) is bool or type(v) is int:
            attrs[key] = v
        else:
            raise git.FetchError(f"fetchTree argument '{key}' is {show_type(v)} while a string, "
                                 "Boolean or integer is expected")
    return attrs


@builtin("fetchGit", 1, global_=True, impure=True)
async def fetch_git(arg: Any) -> Any:
    attrs = await _fetch_git_attrs(arg)
    url = attrs.get("url")
    if type(url) is str:
        check_uri(url)
        attrs["url"] = git.normalise_url(url)  # a path is a file:// URL
    inp = git.input_from_attrs(attrs)
    local = git.local_path(inp.url)
    ev = current()
    if ev.pure and inp.rev is None:
        raise PureModeError("in pure evaluation mode, 'fetchTree' requires a locked input")
    if local is None:
        raise Unsupported(f"cannot fetch Git repository '{inp.url}': nixeval has no network "
                          "access (only file:// URLs and paths can be fetched)")
    tree = git.fetch(inp, ev.environ, ev.cwd, ev.store_dir)
    out = git.result_attrs(inp, tree)
    out["outPath"] = _stored(tree.path)
    return out


@builtin("fetchMercurial", 1, global_=True, impure=True)
async def fetch_mercurial(arg: Any) -> Any:
    url = await _url_of(arg)
    raise Unsupported(f"cannot fetch Mercurial repository '{url}': nixeval does not run hg "
                      "and has no network access")
