"""`builtins.fetchGit` of local repositories (nixeval/builtins/git.py): small repositories
built in a temporary directory with fixed names and dates, so results are reproducible.

Compared live with the oracle (skipped visibly without nix-instantiate): the oracle
fetches into a store of its own (NIX_STORE_DIR, NIX_STATE_DIR... in the temporary
directory, as nixpkgs' lib tests run it), nixeval computes the same paths in
read-only mode; stdout, stderr (git's messages and Nix's warning included) and the
exit code must agree. Checks that need no oracle derive the expectation from git
itself: the files of the tree are `git ls-files`, rev/revCount/lastModified those
git reports, narHash the NAR hash of what nixeval wrote in write mode.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import harness
import pytest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not on PATH")

DATE1 = "2020-01-02T03:04:05Z"
DATE2 = "2021-01-02T03:04:05Z"  # 1609556645


def git_env(home: Path) -> dict[str, str]:
    env = harness.case_env()
    for key in list(env):
        if key.startswith("GIT_"):
            del env[key]
    env.update({
        "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@x", "GIT_AUTHOR_DATE": DATE1,
        "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@x", "GIT_COMMITTER_DATE": DATE1,
        # git >= 2.38.1 refuses local submodule clones unless allowed
        "GIT_CONFIG_COUNT": "2",
        "GIT_CONFIG_KEY_0": "protocol.file.allow", "GIT_CONFIG_VALUE_0": "always",
        "GIT_CONFIG_KEY_1": "init.defaultBranch", "GIT_CONFIG_VALUE_1": "master",
    })
    return env


class Repos:
    """The repositories of one test module, and how to run git and nixeval on them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "home").mkdir()
        self.env = git_env(root / "home")
        self.store = root / "store"

    def git(self, cwd: Path, *args: str, date: str = DATE1) -> str:
        env = dict(self.env, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        p = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, check=True)
        return p.stdout.decode()

    def repo(self, name: str, files: dict[str, str], message: str = "one",
             commit: bool = True) -> Path:
        d = self.root / name
        d.mkdir()
        self.git(d, "init", "-q")
        self.write(d, files)
        if commit:
            self.git(d, "add", "-A")
            self.git(d, "commit", "-q", "--allow-empty", "-m", message)
        return d

    @staticmethod
    def write(d: Path, files: dict[str, str]) -> None:
        for rel, text in files.items():
            p = d / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            if text.startswith("->"):
                os.symlink(text[2:], p)
            else:
                p.write_text(text)
                if rel.endswith(".sh"):
                    p.chmod(0o755)

    def nixeval(self, *argv: str, write: bool = False) -> harness.Outcome:
        from nixeval.cli import run

        env = dict(self.env, NIX_STORE_DIR=str(self.store))
        flags = ["--eval", "--strict"] + (["--read-write-mode"] if write else [])
        out, err = io.StringIO(), io.StringIO()
        code = run([*flags, *argv], out, err, stdin=io.StringIO(""), env=env, cwd=str(self.root))
        return harness.Outcome(code, out.getvalue(), err.getvalue())

    def oracle(self, *argv: str) -> harness.Outcome:
        state = self.root / "nixstate"
        env = dict(self.env, NIX_STORE_DIR=str(self.store), NIX_STATE_DIR=str(state / "nix"),
                   NIX_LOG_DIR=str(state / "log"), NIX_CONF_DIR=str(state / "etc"),
                   NIX_LOCALSTATE_DIR=str(state))
        if not state.exists():
            subprocess.run(["nix-store", "--init"], env=env, check=True, capture_output=True)
        p = subprocess.run(["nix-instantiate", "--eval", "--strict", *argv], cwd=self.root,
                           env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=120)
        return harness.Outcome(p.returncode, p.stdout.decode(errors="surrogateescape"),
                               p.stderr.decode(errors="surrogateescape"))


@pytest.fixture(scope="module")
def repos(tmp_path_factory) -> Repos:
    rs = Repos(tmp_path_factory.mktemp("fetchgit"))
    files = {"a": "hello\n", "d/b.sh": "x\n", "l": "->a", "d/e/f": "f\n"}
    clean = rs.repo("clean", files)
    (clean / "a").write_text("two\n")
    rs.git(clean, "commit", "-qam", "two", date=DATE2)
    rs.git(clean, "branch", "other", "HEAD~1")
    rs.git(clean, "tag", "v1", "HEAD~1")
    # dirty trees: a modified, an untracked, a deleted and a staged file
    for name, change in (("modified", "edit"), ("untracked", "new"), ("deleted", "rm"),
                         ("staged", "add")):
        d = rs.repo(name, files)
        if change == "edit":
            (d / "a").write_text("changed\n")
        elif change == "new":
            (d / "u").write_text("u\n")
        elif change == "rm":
            (d / "d" / "e" / "f").unlink()
        else:
            (d / "s").write_text("s\n")
            rs.git(d, "add", "s")
    rs.repo("empty", {}, commit=False)
    rs.repo("emptystaged", {"x": "x\n"}, commit=False)
    rs.git(rs.root / "emptystaged", "add", "x")
    rs.repo("emptycommit", {})
    # a submodule, committed (clean) and with a change inside it (dirty)
    sub = rs.repo("subsrc", {"sf": "sub\n", "sd/q": "q\n"})
    for name in ("withsub", "withsubdirty"):
        top = rs.repo(name, {"t": "top\n"}, commit=False)
        rs.git(top, "add", "t")
        rs.git(top, "submodule", "add", "-q", str(sub), "sub")
        rs.git(top, "commit", "-qm", "withsub")
    (rs.root / "withsubdirty" / "sub" / "sf").write_text("dirty\n")
    rs.git(rs.root, "clone", "-q", "--bare", str(clean), "bare.git")
    rs.git(rs.root, "clone", "-q", "--depth", "1", "file://" + str(clean), "shallow")
    attrs = rs.repo("attrs", {".gitattributes": "ign export-ignore\nsub.txt export-subst\n",
                              "ign": "i\n", "sub.txt": "$Format:%H$\n"})
    assert attrs.exists()
    return rs


# --- against the oracle --------------------------------------------------------------------

REV1 = "REV1"  # replaced by the first commit of `clean`

CASES = [
    "builtins.fetchGit ./clean",
    'builtins.fetchGit "/@ROOT@/clean/"',
    'builtins.fetchGit "file://@ROOT@/clean"',
    "builtins.fetchGit { url = ./clean; shallow = true; submodules = true; }",
    'builtins.fetchGit { url = ./clean; name = "foo"; }',
    'builtins.fetchGit { url = ./clean; ref = "other"; }',
    'builtins.fetchGit { url = ./clean; ref = "refs/tags/v1"; }',
    'builtins.fetchGit { url = ./clean; rev = "REV1"; }',
    'builtins.fetchGit { url = ./modified; rev = "REV1"; }',
    'builtins.fetchGit { url = ./clean; ref = "nosuch"; }',
    'builtins.fetchGit { url = ./clean; rev = "1111111111111111111111111111111111111111"; }',
    "builtins.fetchGit ./modified",
    "builtins.fetchGit ./untracked",
    "builtins.fetchGit ./deleted",
    "builtins.fetchGit ./staged",
    "builtins.fetchGit { url = ./staged; submodules = true; }",
    "[ (builtins.fetchGit ./modified).outPath (builtins.fetchGit ./modified).rev ]",
    "builtins.fetchGit ./empty",
    "builtins.fetchGit ./emptystaged",
    "builtins.fetchGit ./emptycommit",
    "builtins.fetchGit ./withsub",
    "builtins.fetchGit { url = ./withsub; submodules = true; }",
    "builtins.fetchGit ./withsubdirty",
    "builtins.fetchGit { url = ./withsubdirty; submodules = true; }",
    "builtins.fetchGit ./bare.git",
    'builtins.fetchGit { url = ./bare.git; ref = "HEAD"; }',
    'builtins.fetchGit { url = ./bare.git; ref = "v1"; }',
    'builtins.fetchGit { url = ./bare.git; allRefs = true; rev = "REV1"; }',
    "builtins.fetchGit ./shallow",
    "builtins.fetchGit { url = ./shallow; shallow = true; }",
    "builtins.fetchGit ./attrs",
    "builtins.fetchGit ./clean/d",
    "builtins.fetchGit ./nonexistent",
    'builtins.fetchGit "clean"',
    'builtins.fetchGit "/@ROOT@/cl ean"',
    'builtins.fetchGit { url = ./clean; rev = "abc"; }',
    'builtins.fetchGit { url = ./clean; ref = "a..b"; }',
    "builtins.fetchGit { url = ./clean; foo = 1; }",
    'builtins.fetchGit { ref = "x"; }',
    "builtins.fetchGit { url = ./clean; rev = 1; }",
    "builtins.fetchGit { url = ./clean; rev = [ ]; }",
    "builtins.fetchGit { url = ./clean; shallow = 1; }",
    'builtins.fetchGit { url = ./clean; type = "git"; }',
    'builtins.fetchGit { url = ./clean; name = "a b"; }',
    "builtins.fetchGit { url = ./clean; revCount = 5; }",
    "builtins.fetchGit 1",
]


@pytest.mark.parametrize("expr", CASES)
@pytest.mark.parametrize("trace", [False, True], ids=["", "show-trace"])
def test_fetchgit_matches_oracle(expr, trace, repos, oracle) -> None:
    rev1 = repos.git(repos.root / "clean", "rev-parse", "HEAD~1").strip()
    expr = expr.replace("/@ROOT@", str(repos.root)).replace(REV1, rev1)
    argv = (["--show-trace"] if trace else []) + ["-E", expr]
    want = repos.oracle(*argv)
    got = repos.nixeval(*argv)
    assert (got.code, got.stdout, got.stderr) == (want.code, want.stdout, want.stderr)


@pytest.mark.parametrize("flags,expr", [
    (["--pure-eval"], "builtins.fetchGit /@ROOT@/clean"),
    (["--pure-eval"], 'builtins.fetchGit { url = /@ROOT@/clean; rev = "REV1"; }'),
    (["--restrict-eval"], 'builtins.fetchGit "/@ROOT@/clean"'),
    (["--restrict-eval"], 'builtins.fetchGit "https://example.org/x.git"'),
    (["--restrict-eval", "-I", "/@ROOT@"], 'builtins.fetchGit "/@ROOT@/clean"'),
], ids=["pure-unlocked", "pure-locked", "restricted", "restricted-uri", "restricted-allowed"])
def test_fetchgit_modes_match_oracle(flags, expr, repos, oracle) -> None:
    rev1 = repos.git(repos.root / "clean", "rev-parse", "HEAD~1").strip()
    argv = [f.replace("/@ROOT@", str(repos.root)) for f in flags]
    argv += ["-E", expr.replace("/@ROOT@", str(repos.root)).replace(REV1, rev1)]
    want = repos.oracle(*argv)
    got = repos.nixeval(*argv)
    assert (got.code, got.stdout, got.stderr) == (want.code, want.stdout, want.stderr)


# --- without the oracle --------------------------------------------------------------------


def _attrs(repos: Repos, expr: str) -> dict:
    import json

    # (--json prints a set with an outPath as that string)
    wrapped = f'let r = {expr}; in removeAttrs r [ "outPath" ] // {{ path = r.outPath; }}'
    got = repos.nixeval("--json", "-E", wrapped, write=True)
    assert got.code == 0, got.stderr
    attrs = json.loads(got.stdout)
    attrs["outPath"] = attrs.pop("path")
    return attrs


def _files(root: str) -> set[str]:
    out = set()
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            out.add(os.path.relpath(os.path.join(dirpath, name), root))
    return out


def _ls_files(repos: Repos, d: Path, *flags: str) -> set[str]:
    names = repos.git(d, "ls-files", "-z", *flags).split("\0")
    return {n for n in names if n and os.path.lexists(d / n) and not (d / n).is_dir()}


@pytest.mark.parametrize("name", ["clean", "modified", "untracked", "deleted", "staged",
                                  "emptystaged", "withsubdirty"])
@pytest.mark.parametrize("submodules", [False, True])
def test_tree_is_the_tracked_files(name, submodules, repos) -> None:
    d = repos.root / name
    flag = "true" if submodules else "false"
    attrs = _attrs(repos, f"builtins.fetchGit {{ url = ./{name}; submodules = {flag}; }}")
    out = attrs["outPath"]
    assert out.startswith(str(repos.store) + "/") and out.endswith("-source")
    assert _files(out) == _ls_files(repos, d, *(["--recurse-submodules"] if submodules else []))
    for rel in _files(out):
        if not os.path.islink(os.path.join(out, rel)):
            assert Path(out, rel).read_bytes() == (d / rel).read_bytes()
    from nixeval.store import nar_hash

    assert attrs["narHash"] == nar_hash(out).sri()
    assert attrs["submodules"] is submodules


def test_clean_repo_attributes(repos) -> None:
    d = repos.root / "clean"
    attrs = _attrs(repos, "builtins.fetchGit ./clean")
    rev = repos.git(d, "rev-parse", "HEAD").strip()
    assert attrs["rev"] == rev and attrs["shortRev"] == rev[:7]
    assert attrs["revCount"] == 2
    assert attrs["lastModified"] == 1609556645
    assert attrs["lastModifiedDate"] == "20210102030405"
    assert os.access(os.path.join(attrs["outPath"], "d", "b.sh"), os.X_OK)
    assert os.readlink(os.path.join(attrs["outPath"], "l")) == "a"
    other = _attrs(repos, 'builtins.fetchGit { url = ./clean; ref = "other"; }')
    assert other["rev"] == repos.git(d, "rev-parse", "other").strip()
    assert other["revCount"] == 1 and other["lastModified"] == 1577934245


def test_dirty_repo_attributes_and_warning(repos) -> None:
    got = repos.nixeval("-E", "(builtins.fetchGit ./modified).rev")
    assert got.code == 0
    assert got.stdout == '"0000000000000000000000000000000000000000"\n'
    assert got.stderr == f"warning: Git tree '{repos.root}/modified' is dirty\n"
    attrs = _attrs(repos, "builtins.fetchGit ./modified")
    assert (attrs["revCount"], attrs["shortRev"], attrs["lastModified"]) == (0, "0000000",
                                                                            1577934245)
    assert Path(attrs["outPath"], "a").read_text() == "changed\n"
    # the deleted file's directory stays, empty
    deleted = _attrs(repos, "builtins.fetchGit ./deleted")["outPath"]
    assert os.listdir(os.path.join(deleted, "d", "e")) == []
    assert _attrs(repos, "builtins.fetchGit ./empty")["lastModified"] == 0


def test_path_url_as_lib_fileset_passes_it(repos) -> None:
    """lib.fileset's gitTracked calls `fetchGit { url = <path>; shallow = true; }`."""
    a = _attrs(repos, "builtins.fetchGit { url = ./clean; shallow = true; submodules = false; }")
    b = _attrs(repos, "builtins.fetchGit ./clean")
    assert a["outPath"] == b["outPath"] and a["revCount"] == 0 and b["revCount"] == 2


def test_store_path_is_readable_in_write_mode(repos) -> None:
    got = repos.nixeval("-E", "builtins.readDir (builtins.fetchGit ./clean).outPath", write=True)
    assert got.code == 0, got.stderr
    assert got.stdout == '{ a = "regular"; d = "directory"; l = "symlink"; }\n'


def test_not_a_working_tree_fails_as_git_does(repos) -> None:
    got = repos.nixeval("-E", "builtins.fetchGit ./clean/d")
    assert got.code == 1
    assert "does not appear to be a git repository" in got.stderr
    assert "error: program 'git' failed with exit code 128" in got.stderr


def test_remote_url_is_refused_by_name(repos) -> None:
    got = repos.nixeval("-E", 'builtins.fetchGit "https://example.org/x.git"')
    assert got.code == 1
    assert "error: cannot fetch Git repository 'https://example.org/x.git'" in got.stderr
