"""`builtins.fetchTree` of local Git repositories, tarballs and files, and
`builtins.getFlake` of local Git flakes and flake.lock files (nixeval/builtins/
fetchtree.py, flake.py), on repositories built in a temporary directory.

There is no newer Nix to compare with: expectations come from git itself (revisions,
commit times, counts), from Python (tarball times), from nixeval's other builtins for
store paths (`builtins.path`), and from the manual for the attribute names (the
builtins page's fetchTree and getFlake entries, the nix3-flake page's "Flake format"
and "Lock files" sections).
"""

from __future__ import annotations

import json
import shutil
import tarfile
from pathlib import Path

import pytest
from test_fetchgit import DATE2, Repos

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not on PATH")

FLAKES = ["--extra-experimental-features", "flakes"]
T2 = 1609556645  # DATE2


@pytest.fixture(scope="module")
def rs(tmp_path_factory) -> Repos:
    rs = Repos(tmp_path_factory.mktemp("fetchtree"))
    clean = rs.repo("clean", {"a": "one\n", ".gitattributes": "ign export-ignore\n", "ign": "i\n"})
    (clean / "a").write_text("two\n")
    rs.git(clean, "commit", "-qam", "two", date=DATE2)
    dirty = rs.repo("dirty", {"a": "one\n"})
    (dirty / "a").write_text("changed\n")
    # a flake in a Git repository, and one using it as a locked input
    rs.repo("dep", {"flake.nix": '{ outputs = { self }: { v = "dep"; rev = self.rev or "none"; }; }\n',
                    "data.nix": '"data of dep"\n'})
    rs.repo("gitflake", {"flake.nix": "{ outputs = { self }: { x = 1; }; }\n"})
    rs.repo("dirtyflake", {"flake.nix": "{ outputs = { self }: { x = 1; }; }\n"})
    (rs.root / "dirtyflake" / "flake.nix").write_text("{ outputs = { self }: { x = 2; }; }\n")
    # a tarball with one top-level directory and known times, and a plain file
    src = rs.root / "tarsrc" / "top"
    (src / "d").mkdir(parents=True)
    (src / "f").write_text("f\n")
    (src / "d" / "g").write_text("g\n")
    with tarfile.open(rs.root / "t.tar.gz", "w:gz") as tf:
        for path, mtime in ((src, 1000), (src / "d", 2000), (src / "d" / "g", 3000), (src / "f", 1500)):
            info = tf.gettarinfo(str(path), arcname=str(path.relative_to(src.parent)))
            info.mtime = mtime
            if path.is_file():
                with open(path, "rb") as f:
                    tf.addfile(info, f)
            else:
                tf.addfile(info)
    (rs.root / "plain.txt").write_text("plain\n")
    return rs


def ev(rs: Repos, expr: str, *flags: str, write: bool = False):
    return rs.nixeval(*FLAKES, *flags, "--json", "-E", expr, write=write)


def ok(rs: Repos, expr: str, *flags: str, write: bool = False):
    out = ev(rs, expr, *flags, write=write)
    assert out.code == 0, out.stderr
    return json.loads(out.stdout)


def attrs(rs: Repos, expr: str, *flags: str) -> dict:
    """An attribute set (JSON would print one with an `outPath` as that string)."""
    wrapped = ok(rs, f"let t = {expr}; in builtins.listToAttrs (map (n: {{ name = \"@\" + n; "
                     "value = t.${n}; }) (builtins.attrNames t))", *flags)
    return {k[1:]: v for k, v in wrapped.items()}


def head(rs: Repos, repo: str, rev: str = "HEAD") -> str:
    return rs.git(rs.root / repo, "rev-parse", rev).strip()


# --- fetchTree --------------------------------------------------------------------------------

def test_git_clean_is_shallow_by_default(rs) -> None:
    t = attrs(rs, f'builtins.fetchTree {{ type = "git"; url = "{rs.root}/clean"; }}')
    assert sorted(t) == ["lastModified", "lastModifiedDate", "narHash", "outPath", "rev", "shortRev",
                         "submodules"]
    assert t["rev"] == head(rs, "clean") and t["shortRev"] == t["rev"][:7]
    assert t["lastModified"] == T2 and t["lastModifiedDate"] == "20210102030405"
    assert t["submodules"] is False


def test_git_not_shallow_has_rev_count(rs) -> None:
    t = attrs(rs, f'builtins.fetchTree {{ type = "git"; url = "file://{rs.root}/clean"; shallow = false; }}')
    assert t["revCount"] == int(rs.git(rs.root / "clean", "rev-list", "--count", "HEAD"))


def test_git_rev_and_url_string(rs) -> None:
    rev1 = head(rs, "clean", "HEAD~1")
    t = attrs(rs, f'builtins.fetchTree "git+file://{rs.root}/clean?ref=master&rev={rev1}"')
    assert t["rev"] == rev1
    assert t["lastModified"] == 1577934245  # DATE1


def test_git_dirty(rs) -> None:
    out = ev(rs, f'builtins.removeAttrs (builtins.fetchTree {{ type = "git"; url = "{rs.root}/dirty"; }}) '
                 '[ "outPath" ]')
    assert out.code == 0, out.stderr
    t = json.loads(out.stdout)
    h = head(rs, "dirty")
    assert t["dirtyRev"] == h + "-dirty" and t["dirtyShortRev"] == h[:7] + "-dirty"
    assert "rev" not in t and "revCount" not in t
    assert f"warning: Git tree '{rs.root}/dirty' is dirty" in out.stderr


def test_git_export_ignore(rs) -> None:
    expr = (f'map (e: builtins.attrNames (builtins.readDir (builtins.fetchTree ({{ type = "git"; '
            f'url = "{rs.root}/clean"; }} // e)).outPath)) [ {{ }} {{ exportIgnore = true; }} ]')
    default, ignoring = ok(rs, expr, "--read-write-mode", write=True)
    assert default == [".gitattributes", "a", "ign"]
    assert ignoring == [".gitattributes", "a"]


def test_git_remote_is_refused(rs) -> None:
    out = ev(rs, 'builtins.fetchTree { type = "git"; url = "https://example.org/repo.git"; }')
    assert out.code == 1 and "'https://example.org/repo.git'" in out.stderr
    assert "no network" in out.stderr


def test_tarball(rs) -> None:
    t = attrs(rs, f'builtins.fetchTree {{ type = "tarball"; url = "file://{rs.root}/t.tar.gz"; }}')
    assert sorted(t) == ["lastModified", "lastModifiedDate", "narHash", "outPath"]
    assert t["lastModified"] == 3000
    # the single top-level directory is the tree
    same = attrs(rs, f'builtins.fetchTree {{ type = "path"; path = {rs.root}/tarsrc/top; }}')
    assert t["narHash"] == same["narHash"] and t["outPath"] == same["outPath"]
    # a tarball URL without a prefix (known extension), as a flake reference
    u = attrs(rs, f'builtins.fetchTree "file://{rs.root}/t.tar.gz"')
    assert u["narHash"] == t["narHash"]


def test_file(rs) -> None:
    t = attrs(rs, f'builtins.fetchTree {{ type = "file"; url = "file://{rs.root}/plain.txt"; }}')
    assert sorted(t) == ["narHash", "outPath"]
    want = ok(rs, f'builtins.path {{ path = {rs.root}/plain.txt; name = "source"; }}')
    assert t["outPath"] == want


@pytest.mark.parametrize("expr,named", [
    ('{ type = "tarball"; url = "https://example.org/x.tar.gz"; }', "https://example.org/x.tar.gz"),
    ('{ type = "file"; url = "http://example.org/x"; }', "http://example.org/x"),
    ('{ type = "github"; owner = "NixOS"; repo = "nixpkgs"; }', "github:NixOS/nixpkgs"),
    ('"gitlab:veloren/veloren"', "gitlab:veloren/veloren"),
    ('{ type = "indirect"; id = "nixpkgs"; }', "flake:nixpkgs"),
])
def test_network_inputs_fail_naming_them(rs, expr, named) -> None:
    out = ev(rs, f"builtins.fetchTree {expr}")
    assert out.code == 1 and f"'{named}'" in out.stderr, out.stderr


def test_nar_hash_checked(rs) -> None:
    good = ok(rs, f'(builtins.fetchTree {{ type = "path"; path = {rs.root}/tarsrc; }}).narHash')
    wrong = "sha256-" + "A" * 43 + "="
    out = ev(rs, f'builtins.fetchTree {{ type = "path"; path = {rs.root}/tarsrc; narHash = "{wrong}"; }}')
    assert out.code == 1
    assert f"NAR hash mismatch in input 'path:{rs.root}/tarsrc?narHash=" in out.stderr
    assert good in out.stderr
    # locked by its hash, a path input is fetched in pure mode
    t = attrs(rs, f'builtins.fetchTree {{ type = "path"; path = "{rs.root}/tarsrc"; narHash = "{good}"; }}',
              "--pure-eval")
    assert t["narHash"] == good


def test_fetch_tree_feature_alone(rs) -> None:
    out = rs.nixeval("--extra-experimental-features", "fetch-tree", "--json", "-E",
                     f'(builtins.fetchTree {{ type = "git"; url = "{rs.root}/clean"; }}).rev')
    assert out.code == 0, out.stderr
    assert json.loads(out.stdout) == head(rs, "clean")


# --- getFlake ---------------------------------------------------------------------------------

def test_getflake_git(rs) -> None:
    f = ok(rs, f'let f = builtins.getFlake "git+file://{rs.root}/gitflake"; in '
               "builtins.removeAttrs f [ \"outputs\" \"inputs\" \"sourceInfo\" \"outPath\" ]")
    h = head(rs, "gitflake")
    assert f["x"] == 1 and f["_type"] == "flake"
    assert f["rev"] == h and f["shortRev"] == h[:7] and f["revCount"] == 1
    assert f["lastModified"] == 1577934245 and f["submodules"] is False


def test_getflake_git_dirty(rs) -> None:
    out = ev(rs, f'let f = builtins.getFlake "git+file://{rs.root}/dirtyflake"; in '
                 "[ f.x (f ? rev) f.dirtyRev ]")
    assert out.code == 0, out.stderr
    assert json.loads(out.stdout) == [2, False, head(rs, "dirtyflake") + "-dirty"]


def test_getflake_pure_locked(rs) -> None:
    h = head(rs, "gitflake")
    f = ok(rs, f'(builtins.getFlake "git+file://{rs.root}/gitflake?rev={h}").x', "--pure-eval")
    assert f == 1


def _lock_root(rs: Repos, name: str, lock: dict | None, flake: str) -> Path:
    d = rs.root / name
    d.mkdir()
    (d / "flake.nix").write_text(flake)
    if lock is not None:
        (d / "flake.lock").write_text(json.dumps(lock, indent=2))
    return d


def _dep_lock(rs: Repos, nar: str, **extra: object) -> dict:
    h = head(rs, "dep")
    locked = {"type": "git", "url": f"file://{rs.root}/dep", "rev": h, "revCount": 1,
              "lastModified": 1577934245, "narHash": nar, **extra}
    return {"version": 7, "root": "root", "nodes": {
        "root": {"inputs": {"dep": "dep", "alias": ["dep"]}},
        "dep": {"locked": locked, "original": {"type": "git", "url": f"file://{rs.root}/dep"}},
    }}


FLAKE_WITH_DEP = (
    '{ inputs.dep.url = "git+file://ROOT/dep"; inputs.alias.follows = "dep";\n'
    '  outputs = { self, dep, alias }: { v = dep.v; r = dep.rev; a = alias.v;\n'
    '    names = builtins.attrNames dep.sourceInfo; }; }\n')


def test_getflake_lock_file(rs) -> None:
    nar = ok(rs, f'(builtins.fetchTree {{ type = "git"; url = "{rs.root}/dep"; }}).narHash')
    d = _lock_root(rs, "locked", _dep_lock(rs, nar), FLAKE_WITH_DEP.replace("ROOT", str(rs.root)))
    out = ev(rs, f'(builtins.getFlake "path:{d}").outputs')
    assert out.code == 0, out.stderr
    assert "not writing modified lock file" not in out.stderr
    got = json.loads(out.stdout)
    assert got == {"v": "dep", "r": head(rs, "dep"), "a": "dep",
                   "names": ["lastModified", "lastModifiedDate", "narHash", "outPath", "rev",
                             "revCount", "shortRev", "submodules"]}


def test_getflake_lock_file_nar_mismatch(rs) -> None:
    wrong = "sha256-" + "A" * 43 + "="
    d = _lock_root(rs, "badlock", _dep_lock(rs, wrong), FLAKE_WITH_DEP.replace("ROOT", str(rs.root)))
    out = ev(rs, f'(builtins.getFlake "path:{d}").v')
    assert out.code == 1 and "NAR hash mismatch in input 'git+file://" in out.stderr, out.stderr


def test_getflake_without_lock_warns(rs) -> None:
    d = _lock_root(rs, "unlocked", None, FLAKE_WITH_DEP.replace("ROOT", str(rs.root)))
    out = ev(rs, f'(builtins.getFlake "path:{d}").v')
    assert out.code == 0, out.stderr
    assert json.loads(out.stdout) == "dep"
    assert f"warning: not writing modified lock file of flake 'path:{d}':" in out.stderr


def test_getflake_reads_input_trees_in_write_mode(rs) -> None:
    d = _lock_root(rs, "reader", None, (
        f'{{ inputs.dep.url = "git+file://{rs.root}/dep";\n'
        '  outputs = { self, dep }: { data = import (dep + "/data.nix"); }; }\n'))
    out = ev(rs, f'(builtins.getFlake "path:{d}").data', "--read-write-mode", write=True)
    assert out.code == 0, out.stderr
    assert json.loads(out.stdout) == "data of dep"


def test_getflake_subdir_and_path_value(rs) -> None:
    d = rs.root / "mono"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "flake.nix").write_text("{ outputs = { self }: { here = true; }; }\n")
    f = ok(rs, f'let a = builtins.getFlake "path:{d}?dir=sub"; b = builtins.getFlake {d}/sub; in '
               "[ a.here b.here (a.outPath == a.sourceInfo.outPath + \"/sub\") ]")
    assert f == [True, True, True]


def test_getflake_unfetchable_input_is_lazy(rs) -> None:
    d = _lock_root(rs, "lazy", None, (
        '{ inputs.nixpkgs.url = "github:NixOS/nixpkgs";\n'
        "  outputs = { self, nixpkgs }: { x = 1; y = nixpkgs.lib; }; }\n"))
    assert ok(rs, f'(builtins.getFlake "path:{d}").x') == 1
    out = ev(rs, f'(builtins.getFlake "path:{d}").y')
    assert out.code == 1 and "'github:NixOS/nixpkgs'" in out.stderr, out.stderr
    out = ev(rs, f'(builtins.getFlake "path:{d}").inputs.nixpkgs.outPath', "--pure-eval")
    assert out.code == 1


def test_outputs_argument_without_input_is_a_registry_lookup(rs) -> None:
    d = _lock_root(rs, "registry", None, "{ outputs = { self, nixpkgs }: { y = nixpkgs.lib; }; }\n")
    out = ev(rs, f'(builtins.getFlake "path:{d}").y')
    assert out.code == 1
    assert "cannot find flake 'flake:nixpkgs' in the flake registries" in out.stderr
