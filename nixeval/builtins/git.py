"""Git inputs of `builtins.fetchGit`: checking the input's attributes, and making its
tree by running the `git` executable, as Nix 2.8 does for local repositories.

Owns: `GitInput` (the attributes of one fetch, checked with Nix's messages), its URL
(`input_url`: the string Nix names it by in errors), and `fetch`, which runs git and
returns the store path of the tree and the result attributes. Only `file://` URLs
(a plain path `P` is the URL `file://P`) are fetched; nixeval has no network.

Nix 2.8's three ways, observed on `nix-instantiate` (the git commands it runs, their
order and which ones keep their stderr are reproduced, so git's own messages and
failures read the same):

- A working tree (the path has a `.git` entry) with neither `ref` nor `rev`: if it has
  no commit, or `git diff HEAD --quiet` reports a change in tracked files, it is
  *dirty*: Nix warns, and the tree is the working directory restricted to
  `git ls-files` (a directory is kept when a listed file is below it), with rev
  all zeros, revCount 0 and lastModified the time of HEAD's commit (0 without one).
- Otherwise a local working tree is read in place: `ref` defaults to the branch of
  HEAD, `rev` to `git rev-parse <ref>`.
- Anything else with a `file://` URL (a bare repository, a subdirectory of a working
  tree, a missing path) is fetched with `git fetch` into a fresh bare repository
  (Nix keeps one per URL in ~/.cache/nix/gitv3; nixeval uses a temporary one), `ref`
  defaulting to `master`.

The tree of a commit is `git archive <rev>` unpacked (so export-ignore and
export-subst apply); with `submodules = true`, a checkout in a temporary work tree
after `git submodule update --init --recursive`, every `.git` entry left out. Its
store path is the recursive sha256 source path named `name` (default "source").

Everything here is on the real disk: the repository is read by the `git` program,
the checkouts are temporary directories, and their trees are hashed and copied
from there (`nixeval.io.LOCAL`). `git` cannot see a virtual file system, so an
evaluation whose `EvalIO` is not the real one (a `MemoryIO`) cannot fetch a Git
repository: `fetch` fails with an error saying so (an input already in its store,
known by NAR hash and time, is still found there).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nixeval.builtins.storestate import store_state
from nixeval.errors import FetchError
from nixeval.io import LOCAL, LocalIO
from nixeval.store import (
    Hash,
    HashError,
    NarError,
    StorePathError,
    make_fixed_output_path,
    nar_hash,
    parse_hash,
    parse_sri,
)

ZERO_REV = "0" * 40

_ALLOWED = frozenset(("url", "ref", "rev", "shallow", "submodules", "allRefs", "name",
                      "narHash", "lastModified", "revCount", "type"))

# Git's rules for a branch or tag name (git-check-ref-format), as Nix 2.8 applies them.
_BAD_REF = re.compile(r"//|^[./]|/\.|\.\.|[\x00-\x20\x7f:?^~\[]|\\|\*|\.lock$|\.lock/|@\{|[/.]$|^@$|^$")

# What may follow `file://` in a URL Nix accepts (RFC 3986 characters, plus '"').
_PCHAR = r"(?:[A-Za-z0-9\-._~!$&'\"()*+,;=:@/]|%[0-9A-Fa-f]{2})"
_URL_REST = re.compile(rf"{_PCHAR}*(?:\?(?:{_PCHAR}|\?)*)?(?:#(?:{_PCHAR}|[?#])*)?")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")


def _show_json(attrs: dict[str, Any]) -> str:
    return json.dumps(attrs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass
class GitInput:
    """One `fetchGit` input: its attributes, checked."""

    url: str  # with its scheme: file:///path
    ref: str | None
    rev: str | None  # 40 lowercase hex digits
    shallow: bool
    submodules: bool
    all_refs: bool
    name: str
    nar_hash: Hash | None
    last_modified: int | None
    rev_count: int | None
    # Whether the tree of a commit honours export-ignore and export-subst (`git archive`,
    # as fetchGit does); fetchTree's default is the commit's tree as it is.
    export_ignore: bool = True

    def url_with(self, ref: str | None, rev: str | None) -> str:
        """The input as Nix names it in messages: `git+<url>?ref=..&rev=..&shallow=1`."""
        query = []
        if ref is not None:
            query.append(f"ref={ref}")
        if rev is not None:
            query.append(f"rev={rev}")
        if self.shallow:
            query.append("shallow=1")
        base = self.url.split("?", 1)[0].split("#", 1)[0]
        return f"git+{base}" + ("?" + "&".join(query) if query else "")

    def input_url(self) -> str:
        return self.url_with(self.ref, self.rev)


def normalise_url(url: str) -> str:
    """The URL of a `url` string: a plain path `P` becomes `file://P`."""
    return url if "://" in url else "file://" + url


def input_from_attrs(attrs: dict[str, Any]) -> GitInput:
    """Check the attributes of `fetchGit { ... }` (already converted: strings, Booleans,
    integers; `url` a string when it was a string or a path) as Nix 2.8 does."""
    shown = dict(attrs)
    shown["type"] = "git"
    for key in sorted(attrs):
        if key not in _ALLOWED:
            raise FetchError(f"unsupported Git input attribute '{key}'")

    def string(key: str) -> str | None:
        v = attrs.get(key)
        if v is None:
            return None
        if type(v) is not str:
            raise FetchError(f"input attribute '{key}' is not a string {_show_json(shown)}")
        return v

    def boolean(key: str) -> bool:
        v = attrs.get(key, False)
        if type(v) is not bool:
            raise FetchError(f"input attribute '{key}' is not a Boolean")
        return v

    def integer(key: str) -> int | None:
        v = attrs.get(key)
        if v is not None and type(v) is not int:
            raise FetchError(f"input attribute '{key}' is not an integer")
        return v

    if "url" not in attrs:
        raise FetchError("input attribute 'url' is missing")
    url = string("url")
    assert url is not None
    ref = string("ref")
    if ref is not None and _BAD_REF.search(ref):
        raise FetchError(f"invalid Git branch/tag name '{ref}'")
    rev = string("rev")
    if rev is not None:
        try:
            rev = parse_hash(rev, "sha1").hex
        except HashError as e:
            raise FetchError(str(e)) from None
    nar = string("narHash")
    nar_h = None
    if nar is not None:
        try:
            nar_h = parse_sri(nar)
        except HashError as e:
            raise FetchError(str(e)) from None
    name = string("name")
    return GitInput(url=url, ref=ref, rev=rev, shallow=boolean("shallow"),
                    submodules=boolean("submodules"), all_refs=boolean("allRefs"),
                    name="source" if name is None else name, nar_hash=nar_h,
                    last_modified=integer("lastModified"), rev_count=integer("revCount"))


def local_path(url: str) -> str | None:
    """The path of a `file://` URL (query and fragment dropped, not percent-decoded),
    or None for another scheme. Raises Nix's errors for a malformed one."""
    scheme, sep, rest = url.partition("://")
    if not sep or not _SCHEME.fullmatch(scheme):
        raise FetchError(f"'{url}' is not a valid URL")
    if scheme != "file":
        return None
    if not _URL_REST.fullmatch(rest):
        raise FetchError(f"'{url}' is not a valid URL")
    rest = rest.split("#", 1)[0].split("?", 1)[0]
    slash = rest.find("/")
    authority = rest if slash < 0 else rest[:slash]
    if authority:
        raise FetchError(f"file:// URL '{url}' has unexpected authority '{authority}'")
    return rest[slash:] if slash >= 0 else ""


# --- running git -------------------------------------------------------------------------


class _Git:
    """Runs `git` with the evaluation's environment and working directory. Its stderr
    goes to ours (Nix lets git print there), except for the probes Nix silences."""

    def __init__(self, env: dict[str, str], cwd: str) -> None:
        self.env = env
        self.cwd = cwd

    def run(self, *args: str, quiet: bool = False, check: bool = True) -> tuple[int, bytes]:
        try:
            p = subprocess.run(["git", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, env=self.env, cwd=self.cwd)
        except OSError as e:
            raise FetchError(f"executing 'git': {e.strerror}") from None
        if p.stderr and not quiet:
            sys.stderr.write(p.stderr.decode("utf-8", "surrogateescape"))
            sys.stderr.flush()
        if check and p.returncode != 0:
            raise FetchError(_failure(p.returncode))
        return p.returncode, p.stdout or b""

    def output(self, *args: str) -> str:
        return self.run(*args)[1].decode("utf-8", "surrogateescape")

    def archive(self, repo: str, rev: str, dest: str) -> None:
        """`git archive <rev>` unpacked into `dest`."""
        try:
            p = subprocess.Popen(["git", "-C", repo, "archive", rev], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                 env=self.env, cwd=self.cwd)
        except OSError as e:
            raise FetchError(f"executing 'git': {e.strerror}") from None
        assert p.stdout is not None and p.stderr is not None
        unpack_error: Exception | None = None
        try:
            tf = tarfile.open(fileobj=p.stdout, mode="r|")
        except tarfile.ReadError as e:
            # The archive of an empty tree is only a pax global header, which Python's
            # tarfile rejects as "end of file header" when it opens it.
            if str(e) != "end of file header":
                unpack_error = e
        else:
            try:
                with tf:
                    tf.extractall(dest, filter="tar")
            except (tarfile.TarError, OSError) as e:
                unpack_error = e
        p.stdout.read()
        err = p.stderr.read()
        rc = p.wait()
        if err:
            sys.stderr.write(err.decode("utf-8", "surrogateescape"))
            sys.stderr.flush()
        if rc != 0:
            raise FetchError(_failure(rc))
        if unpack_error is not None:
            raise FetchError(f"failed to unpack the archive of Git revision '{rev}': {unpack_error}")


def _failure(rc: int) -> str:
    if rc < 0:
        return f"program 'git' was killed by signal {-rc}"
    return f"program 'git' failed with exit code {rc}"


def _rev_of(text: str) -> str:
    try:
        return parse_hash(text.strip(), "sha1").hex
    except HashError as e:
        raise FetchError(str(e)) from None


# --- the tree ----------------------------------------------------------------------------


def _tracked_filter(root: str, listing: bytes) -> Callable[[str, str], bool]:
    """Nix's filter of a dirty working tree: a file is kept when `git ls-files` lists
    it, a directory when a listed file is below it."""
    files = {os.fsdecode(f) for f in listing.split(b"\0") if f}
    dirs = set()
    for f in files:
        i = f.rfind("/")
        while i > 0:
            d = f[:i]
            if d in dirs:
                break
            dirs.add(d)
            i = f.rfind("/", 0, i)
    skip = len(root) + 1

    def keep(path: str, kind: str) -> bool:
        rel = path[skip:]
        return rel in dirs if kind == "directory" else rel in files

    return keep


def _no_dot_git(path: str, _kind: str) -> bool:
    return os.path.basename(path) != ".git"


@dataclass
class Tree:
    path: str
    nar_hash: Hash
    rev: str | None
    rev_count: int
    last_modified: int
    # A directory holding the tree's files (only when the caller asked to keep them).
    source: str | None = None


def _add(name: str, source: str, keep: Callable[[str, str], bool] | None,
         store_dir: str) -> tuple[str, Hash]:
    """Store path (and NAR hash) of `source` filtered by `keep`, written in write mode."""
    try:
        h = nar_hash(source, keep, fs=LOCAL)
        result = make_fixed_output_path(True, h, name, store_dir=store_dir)
    except NarError as e:
        raise FetchError(str(e)) from None
    except StorePathError as e:
        raise FetchError(str(e)) from None
    store_state().add_source(result, source, name, filter=keep, fs=LOCAL)
    return result, h


def _export(git: _Git, inp: GitInput, repo: str, actual_url: str, rev: str,
            store_dir: str, keep: str | None = None) -> tuple[str, Hash, str | None]:
    """The tree of commit `rev`: its store path, NAR hash, and (when `keep` names a
    directory to make it in) the directory holding its files."""
    if keep is not None:
        return _export_in(git, inp, repo, actual_url, rev, store_dir, keep)
    with tempfile.TemporaryDirectory(prefix="nixeval-git-", ignore_cleanup_errors=True) as tmp:
        path, h, _ = _export_in(git, inp, repo, actual_url, rev, store_dir, tmp)
        return path, h, None


def _export_in(git: _Git, inp: GitInput, repo: str, actual_url: str, rev: str,
               store_dir: str, tmp: str) -> tuple[str, Hash, str]:
    if not inp.submodules and inp.export_ignore:
        dest = os.path.join(tmp, "tree")
        os.mkdir(dest)
        git.archive(repo, rev, dest)
        return (*_add(inp.name, dest, None, store_dir), dest)
    work = os.path.join(tmp, "work")
    git.run("-c", "init.defaultBranch=__nix_dummy_branch", "init", work,
            "--separate-git-dir", os.path.join(tmp, "git"))
    git.run("-C", work, "fetch", "--quiet", "--force", "--update-head-ok", "--", repo,
            "refs/*:refs/*")
    git.run("-C", work, "checkout", "--quiet", rev)
    if inp.submodules:
        git.run("-C", work, "remote", "add", "origin", actual_url)
        git.run("-C", work, "submodule", "--quiet", "update", "--init", "--recursive")
    return (*_add(inp.name, work, _no_dot_git, store_dir), work)


def _fetch_dirty(git: _Git, inp: GitInput, path: str, store_dir: str) -> Tree | None:
    """The tree of a working tree used as it is, or None when it is clean."""
    have_commits = git.run("-C", path, "--git-dir=.git", "rev-parse", "--verify", "--no-revs",
                           "HEAD^{commit}", quiet=True, check=False)[0] == 0
    if have_commits:
        args = ["-C", path, "diff", "HEAD", "--quiet"]
        if not inp.submodules:
            args.append("--ignore-submodules")
        rc, _ = git.run(*args, "--", check=False)
        if rc == 0:
            return None
        if rc != 1:
            raise FetchError(_failure(rc))
    sys.stderr.write(f"warning: Git tree '{path}' is dirty\n")
    sys.stderr.flush()
    args = ["-C", path, "ls-files", "-z"]
    if inp.submodules:
        args.append("--recurse-submodules")
    listing = git.run(*args)[1]
    result, h = _add(inp.name, path, _tracked_filter(path, listing), store_dir)
    last = 0
    if have_commits:
        last = int(git.output("-C", path, "log", "-1", "--format=%ct", "--no-show-signature", "HEAD"))
    return Tree(result, h, None, 0, last, path)


def _read_ref(git: _Git, repo: str, ref: str) -> str:
    """The commit a fetched ref names in `repo` (its loose ref file, as git fetch
    writes it, a symbolic ref such as HEAD followed; else asked of git)."""
    for _ in range(10):
        try:
            with open(os.path.join(repo, ref), encoding="utf-8", errors="surrogateescape") as f:
                text = f.read().strip()
        except OSError:
            break
        if not text.startswith("ref: "):
            return _rev_of(text)
        ref = text[5:]
    return _rev_of(git.output("-C", repo, "rev-parse", "--verify", ref))


def _fetch_commit(git: _Git, inp: GitInput, repo: str, actual_url: str, ref: str, rev: str,
                  store_dir: str, keep: str | None = None) -> Tree:
    shallow = git.output("-C", repo, "rev-parse", "--is-shallow-repository").strip() == "true"
    if shallow and not inp.shallow:
        raise FetchError(f"'{actual_url}' is a shallow Git repository, but a non-shallow "
                         "repository is needed")
    if git.run("-C", repo, "cat-file", "commit", rev, quiet=True, check=False)[0] != 0:
        raise FetchError(f"Cannot find Git revision '{rev}' in ref '{ref}' of repository "
                         f"'{actual_url}'! Please make sure that the rev exists on the ref "
                         "you've specified or add allRefs = true; to fetchGit.")
    result, h, source = _export(git, inp, repo, actual_url, rev, store_dir, keep)
    last = int(git.output("-C", repo, "log", "-1", "--format=%ct", "--no-show-signature", rev))
    count = 0 if inp.shallow else int(git.output("-C", repo, "rev-list", "--count", rev))
    return Tree(result, h, rev, count, last, source)


def _fetch_local(git: _Git, inp: GitInput, path: str, store_dir: str,
                 keep: str | None = None) -> tuple[Tree, str | None]:
    if inp.ref is None and inp.rev is None:
        tree = _fetch_dirty(git, inp, path, store_dir)
        if tree is not None:
            return tree, None
    ref = inp.ref
    if ref is None:
        ref = git.output("-C", path, "rev-parse", "--abbrev-ref", "HEAD").strip()
    rev = inp.rev if inp.rev is not None else _rev_of(git.output("-C", path, "rev-parse", ref))
    return _fetch_commit(git, inp, path, path, ref, rev, store_dir, keep), ref


def _fetch_remote(git: _Git, inp: GitInput, actual_url: str, store_dir: str,
                  keep: str | None = None) -> tuple[Tree, str]:
    ref = inp.ref if inp.ref is not None else "master"
    with tempfile.TemporaryDirectory(prefix="nixeval-gitcache-", ignore_cleanup_errors=True) as tmp:
        repo = os.path.join(tmp, "repo")
        git.run("-c", "init.defaultBranch=__nix_dummy_branch", "init", "--bare", repo)
        local_ref = ref if ref.startswith("refs/") or ref == "HEAD" else "refs/heads/" + ref
        refspec = "refs/*:refs/*" if inp.all_refs else f"{local_ref}:{local_ref}"
        git.run("-C", repo, "fetch", "--quiet", "--force", "--", actual_url, refspec)
        # git stores a fetched `HEAD` as refs/heads/HEAD
        stored = ref if ref.startswith("refs/") else "refs/heads/" + ref
        rev = inp.rev if inp.rev is not None else _read_ref(git, repo, stored)
        return _fetch_commit(git, inp, repo, actual_url, ref, rev, store_dir, keep), ref


def fetch(inp: GitInput, env: dict[str, str], cwd: str, store_dir: str,
          keep: str | None = None) -> Tree:
    """The tree of a checked input whose URL is `file://` (see the module docstring).
    Failures carry Nix's frame naming the input. With `keep` (an empty directory),
    the tree's files stay readable: `Tree.source` is where they are."""
    path = local_path(inp.url)
    assert path is not None
    if inp.nar_hash is not None and inp.last_modified is not None:
        # Nix takes an input with a NAR hash and a time from the store when it is there.
        try:
            known = make_fixed_output_path(True, inp.nar_hash, inp.name, store_dir=store_dir)
        except StorePathError:
            known = ""
        if known and store_state().is_valid(known):
            return Tree(known, inp.nar_hash, inp.rev, inp.rev_count or 0, inp.last_modified, known)
    git = _Git(env, cwd)
    ref: str | None
    try:
        if not isinstance(store_state().io, LocalIO):
            raise FetchError(f"cannot fetch Git repository '{inp.url}': the evaluation reads a "
                             "virtual file system, which the 'git' program cannot see")
        if os.path.lexists(path + "/.git"):
            tree, ref = _fetch_local(git, inp, path, store_dir, keep)
        else:
            tree, ref = _fetch_remote(git, inp, "file://" + path, store_dir, keep)
    except FetchError as e:
        e.add_trace(f"while fetching the input '{inp.input_url()}'", None)
        raise
    # Nix's checks of the attributes the user gave against the fetched ones.
    for key, want, got in (("revCount", inp.rev_count, tree.rev_count),
                           ("lastModified", inp.last_modified, tree.last_modified)):
        if want is not None and want != got:
            raise FetchError(f"'{key}' attribute mismatch in input "
                             f"'{inp.url_with(ref, tree.rev)}', expected {want}")
    if inp.nar_hash is not None and inp.nar_hash != tree.nar_hash:
        raise FetchError(f"NAR hash mismatch in input '{inp.input_url()}' ({tree.path}), "
                         f"expected '{inp.nar_hash.sri()}', got '{tree.nar_hash.sri()}'")
    return tree


def result_attrs(inp: GitInput, tree: Tree) -> dict[str, Any]:
    """What `fetchGit` returns (without outPath's context)."""
    rev = tree.rev or ZERO_REV
    return {
        "lastModified": tree.last_modified,
        "lastModifiedDate": time.strftime("%Y%m%d%H%M%S", time.gmtime(tree.last_modified)),
        "narHash": tree.nar_hash.sri(),
        "outPath": tree.path,
        "rev": rev,
        "revCount": tree.rev_count,
        "shortRev": rev[:7],
        "submodules": inp.submodules,
    }


__all__ = ["FetchError", "GitInput", "Tree", "input_from_attrs", "normalise_url", "local_path",
           "fetch", "result_attrs", "ZERO_REV"]
