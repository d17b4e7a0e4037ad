"""The I/O seam (nixeval/io.py): an evaluation reads, lists, stats and writes the store
only through its `EvalIO`, so a `MemoryIO` evaluates with nothing on disk and gives
what the same tree on disk gives: the same values, the same store paths (checked
against nix-instantiate when it is on PATH), the same error messages. That the
default `LocalIO` changes nothing is the rest of the suite."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import nixeval
from nixeval.errors import FetchError
from nixeval.evaluation import Evaluation
from nixeval.io import LOCAL, Executable, MemoryIO, Symlink

# A root no test machine has, so a read that escaped to the real disk would fail.
ROOT = "/nixeval-virtual-tree"

# One tree, given to MemoryIO and written to disk by `write_tree`.
TREE: dict[str, Any] = {
    "default.nix": "{ lib = import ./lib; text = builtins.readFile ./data/hello.txt; }",
    "lib": {
        "default.nix": "{ answer = import ../answer.nix; name = (import ./name.nix).name; }",
        "name.nix": '{ name = "virtual"; }',
    },
    "answer.nix": "40 + 2",
    "data": {
        "hello.txt": "hello\n",
        "run.sh": Executable("#!/bin/sh\necho hi\n"),
        "link": Symlink("hello.txt"),
        "broken": Symlink("nowhere"),
        "empty": {},
        "nested": {"deeper": {"leaf": b"\x00\x01binary"}},
    },
}


def write_tree(root: Path, tree: dict[str, Any]) -> None:
    """`tree` (MemoryIO's format) as real files under `root`."""
    todo = [(root, tree)]
    while todo:
        base, entries = todo.pop()
        base.mkdir(parents=True, exist_ok=True)
        for name, content in entries.items():
            p = base / name
            if isinstance(content, dict):
                todo.append((p, content))
            elif isinstance(content, Symlink):
                p.symlink_to(content.target)
            elif isinstance(content, Executable):
                p.write_bytes(content.data)
                p.chmod(0o755)
            else:
                p.write_bytes(content.encode() if isinstance(content, str) else content)


def virtual(**kw: Any) -> nixeval.Evaluator:
    return nixeval.Evaluator(io=MemoryIO({ROOT: TREE}), cwd=ROOT, env={}, **kw)


def on_disk(root: Path, **kw: Any) -> nixeval.Evaluator:
    write_tree(root, TREE)
    return nixeval.Evaluator(cwd=str(root), env={}, **kw)


def outcome(ev: nixeval.Evaluator, expr: str, root: str) -> Any:
    """The value, or the error message with `root` written as ROOT."""
    try:
        return ev.evaluate(expr)
    except nixeval.NixError as e:
        return "error: " + e.message.replace(root, ROOT)


def test_nothing_on_disk() -> None:
    assert not os.path.exists(ROOT)


# --- reading ---------------------------------------------------------------------------


def test_import_of_a_virtual_file_importing_others() -> None:
    got = virtual().evaluate_file(ROOT)
    assert got == {"lib": {"answer": 42, "name": "virtual"}, "text": "hello\n"}


def test_scoped_import_and_search_path() -> None:
    ev = nixeval.Evaluator(io=MemoryIO({ROOT: TREE}), cwd=ROOT, env={},
                           search_path=[f"v={ROOT}/lib"])
    assert ev.evaluate("(import <v>).answer") == 42
    assert ev.evaluate("builtins.scopedImport { x = 1; } ./answer.nix") == 42
    assert ev.evaluate("builtins.findFile builtins.nixPath \"v/name.nix\"") \
        == Path(f"{ROOT}/lib/name.nix")


def test_read_builtins() -> None:
    ev = virtual()
    assert ev.evaluate("builtins.readFile ./data/link") == "hello\n"
    assert ev.evaluate("builtins.readDir ./data") == {
        "hello.txt": "regular", "run.sh": "regular", "link": "symlink", "broken": "symlink",
        "empty": "directory", "nested": "directory"}
    assert ev.evaluate("builtins.readDir ./data/empty") == {}
    assert ev.evaluate("map builtins.readFileType [ ./data ./data/hello.txt ./data/link ./data/broken ]") \
        == ["directory", "regular", "symlink", "symlink"]
    assert ev.evaluate(
        f'map builtins.pathExists [ ./data/hello.txt ./data/broken ./nope "{ROOT}/data/hello.txt/" '
        f'"{ROOT}/data/empty/" "{ROOT}/lib/../answer.nix" ]') == [True, True, False, False, True, True]
    assert ev.evaluate('builtins.hashFile "sha256" ./data/hello.txt') \
        == "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"


# The same expressions on the virtual tree and on disk: same values, same messages.
SAME = [
    "builtins.readDir ./data",
    "builtins.readFile ./data/run.sh",
    "import ./data/nested",
    "import ./missing.nix",
    "import ./data",
    "builtins.readFile ./missing",
    "builtins.readFile ./data",
    "builtins.readFile ./data/nested/deeper/leaf",
    "builtins.readFile ./data/broken",
    "builtins.readFile ./answer.nix/x",
    "builtins.readDir ./answer.nix",
    "builtins.readDir ./missing",
    "builtins.readFileType ./missing",
    'builtins.hashFile "md5" ./data',
    '"${./missing}"',
    "builtins.path { path = ./missing; }",
    "builtins.path { path = ./data; recursive = false; }",
]


@pytest.mark.parametrize("expr", SAME)
def test_same_as_on_disk(expr: str, tmp_path: Path) -> None:
    disk = on_disk(tmp_path)
    assert outcome(virtual(), expr, ROOT) == outcome(disk, expr, str(tmp_path))


def test_missing_file_messages() -> None:
    ev = virtual()
    for expr, message in [
        ("import ./missing.nix", f"getting status of '{ROOT}/missing.nix': No such file or directory"),
        ("builtins.readFile ./missing", f"opening file '{ROOT}/missing': No such file or directory"),
        ("builtins.readDir ./answer.nix", f"opening directory '{ROOT}/answer.nix': Not a directory"),
        ("builtins.readFileType ./missing", f"path '{ROOT}/missing' does not exist"),
        ("builtins.readFile ./data", "reading from file: Is a directory"),
        ('"${./missing}"', f"getting status of '{ROOT}/missing': No such file or directory"),
    ]:
        with pytest.raises(nixeval.NixError) as info:
            ev.evaluate(expr)
        assert info.value.message == message, expr


def test_restricted_mode_resolves_symlinks_in_the_virtual_tree() -> None:
    io = MemoryIO({ROOT: {"allowed": {"ok": "1", "escape": Symlink("../secret")}, "secret": "2"}})
    ev = Evaluation(io=io, cwd=ROOT, env={}, restrict=True, search_path=[f"{ROOT}/allowed"])
    assert ev.eval_string("builtins.readFile ./allowed/ok", ROOT) == "1"
    with pytest.raises(nixeval.RestrictedPath) as info:
        ev.eval_string("builtins.readFile ./allowed/escape", ROOT)
    assert info.value.message == \
        f"access to canonical path '{ROOT}/secret' is forbidden in restricted mode"


# --- store paths of a virtual tree -----------------------------------------------------

STORE_EXPRS = [
    '"${./data}"',
    "builtins.path { path = ./data; name = \"src\"; }",
    "builtins.filterSource (p: t: t != \"symlink\" && baseNameOf p != \"nested\") ./data",
    "builtins.path { path = ./data/run.sh; recursive = false; }",
    "builtins.path { path = ./data/hello.txt; sha256 = "
    "\"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03\"; recursive = false; }",
    '"${./data/nested}"',
]


@pytest.mark.parametrize("expr", STORE_EXPRS)
def test_store_path_of_a_virtual_tree_is_the_one_on_disk(expr: str, tmp_path: Path) -> None:
    got = virtual().evaluate(expr)
    assert got.startswith("/nix/store/")
    assert got == on_disk(tmp_path).evaluate(expr)


@pytest.mark.parametrize("expr", STORE_EXPRS)
def test_store_path_of_a_virtual_tree_is_nixs(expr: str, tmp_path: Path, oracle: Any) -> None:
    write_tree(tmp_path, TREE)
    want = oracle(["--eval", "--readonly-mode", "-E", expr], tmp_path)
    assert want.code == 0, want.stderr
    assert want.stdout.strip() == f'"{virtual().evaluate(expr)}"'


# --- writing the store into the virtual tree ---------------------------------------------


def test_write_mode_writes_into_the_virtual_tree() -> None:
    io = MemoryIO({ROOT: TREE})
    ev = nixeval.Evaluator(io=io, cwd=ROOT, env={}, store_dir="/nix/store", write_store=True)
    data = ev.evaluate('"${./data}"')
    assert io.read_dir(data) == io.read_dir(f"{ROOT}/data")
    assert io.lstat(f"{data}/run.sh").st_mode & 0o777 == 0o555
    assert io.lstat(f"{data}/hello.txt").st_mode & 0o777 == 0o444
    assert io.readlink(f"{data}/link") == "hello.txt"
    assert io.read_bytes(f"{data}/nested/deeper/leaf") == b"\x00\x01binary"
    # What was written reads back through the evaluator: a text, an imported source.
    assert ev.evaluate('builtins.readFile (builtins.toFile "t" "text")') == "text"
    assert ev.evaluate('import "${./answer.nix}"') == 42
    drv = ev.evaluate('(derivation { name = "d"; system = "x"; builder = ./data/run.sh; }).drvPath')
    assert io.read_bytes(drv).startswith(b"Derive([")
    assert ev.evaluate(f'(import {drv}).name') == "d"


def test_write_mode_replays_the_filter_in_the_virtual_tree() -> None:
    io = MemoryIO({ROOT: TREE})
    ev = nixeval.Evaluator(io=io, cwd=ROOT, env={}, store_dir="/nix/store", write_store=True)
    out = ev.evaluate('builtins.filterSource (p: t: t != "symlink") ./data')
    assert io.read_dir(out) == {"hello.txt": "regular", "run.sh": "regular", "empty": "directory",
                                "nested": "directory"}


def test_a_failed_store_write_leaves_nothing() -> None:
    from nixeval.store import StoreWriteError, dump_string

    io = MemoryIO()
    store = io.store("/nix/store")
    path = "/nix/store/00000000000000000000000000000000-x"
    with pytest.raises(StoreWriteError):
        store.add_nar(path, lambda sink: dump_string(b"data", sink), lambda h: False)
    assert not io.lexists(path)
    assert store.add_nar(path, lambda sink: dump_string(b"data", sink), lambda h: True)
    assert io.read_bytes(path) == b"data" and not store.add_text(path, b"other")


def test_a_host_can_watch_every_access() -> None:
    class Recording(MemoryIO):
        def __init__(self, tree: dict[str, Any]):
            super().__init__(tree)
            self.reads: list[str] = []

        def read_bytes(self, path: str) -> bytes:
            self.reads.append(path)
            return super().read_bytes(path)

    io = Recording({ROOT: TREE})
    ev = nixeval.Evaluator(io=io, cwd=ROOT, env={})
    assert ev.evaluate("[ (import ./answer.nix) (import ./answer.nix) (import ./lib).answer ]") == [42] * 3
    # Each file is read once (the import cache), and nothing else is.
    assert sorted(io.reads) == [f"{ROOT}/answer.nix", f"{ROOT}/lib/default.nix"]


def test_read_only_virtual_tree_writes_nothing() -> None:
    io = MemoryIO({ROOT: TREE})
    ev = nixeval.Evaluator(io=io, cwd=ROOT, env={})
    path = ev.evaluate('builtins.toFile "t" "text"')
    assert not io.lexists(path) and not io.lexists("/nix")


# --- fetchers: user paths through the seam, downloads on the real disk ----------------------

FLAKES = {"extra-experimental-features": "flakes"}

# A flake (with its lock file) beside TREE's files.
FLAKE_TREE: dict[str, Any] = {
    **TREE,
    "flake.nix": '{ description = "virtual"; outputs = { self }: { answer = import ./answer.nix; '
                 'text = builtins.readFile ./data/hello.txt; src = "${self}"; }; }',
    "flake.lock": '{ "nodes": { "root": { } }, "root": "root", "version": 7 }',
}

FETCH_EXPRS = [
    'let t = builtins.fetchTree { type = "path"; path = ./data; }; in [ t.outPath t.narHash ]',
    'let t = builtins.fetchTree { type = "path"; path = ./data/hello.txt; }; in [ t.outPath t.narHash ]',
    "let f = builtins.getFlake (toString ./.); in [ f.answer f.text f.src f.outPath f.narHash ]",
]


@pytest.mark.parametrize("expr", FETCH_EXPRS)
def test_fetch_tree_and_get_flake_of_a_virtual_tree_are_the_ones_on_disk(expr: str,
                                                                         tmp_path: Path) -> None:
    write_tree(tmp_path, FLAKE_TREE)
    disk = nixeval.Evaluator(cwd=str(tmp_path), env={}, options=FLAKES)
    want = disk.evaluate(expr, strict=True)
    ev = nixeval.Evaluator(io=MemoryIO({ROOT: FLAKE_TREE}), cwd=ROOT, env={}, options=FLAKES)
    assert ev.evaluate(expr, strict=True) == want
    assert any(str(x).startswith("/nix/store/") for x in want)


def test_fetch_tree_of_a_virtual_tree_is_dated_and_written_there() -> None:
    io = MemoryIO({ROOT: FLAKE_TREE})
    ev = nixeval.Evaluator(io=io, cwd=ROOT, env={}, options=FLAKES, store_dir="/nix/store",
                           write_store=True)
    t = ev.evaluate('builtins.fetchTree { type = "path"; path = ./data; }', strict=True)
    assert t["lastModified"] == 0  # every MemoryIO object is dated 0
    assert io.read_dir(t["outPath"]) == io.read_dir(f"{ROOT}/data")
    # The flake is then read from its store path, in the virtual tree too.
    assert ev.evaluate("(builtins.getFlake (toString ./.)).answer") == 42


def test_a_download_is_read_on_the_real_disk(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("downloaded\n")
    url = f"file://{tmp_path}/file.txt"
    want = nixeval.Evaluator(env={}).evaluate(f'builtins.fetchurl "{url}"')
    io = MemoryIO({ROOT: TREE})
    ev = nixeval.Evaluator(io=io, cwd=ROOT, env={}, store_dir="/nix/store", write_store=True)
    assert ev.evaluate(f'builtins.fetchurl "{url}"') == want
    assert io.read_bytes(want) == b"downloaded\n"


def test_fetch_git_of_a_virtual_tree_says_git_cannot_see_it() -> None:
    with pytest.raises(FetchError) as info:
        virtual().evaluate("builtins.fetchGit ./.")
    assert info.value.message == (f"cannot fetch Git repository 'file://{ROOT}': the evaluation "
                                  "reads a virtual file system, which the 'git' program cannot see")


# --- MemoryIO itself ---------------------------------------------------------------------


def test_memory_io_resolves_paths_as_the_kernel_does() -> None:
    io = MemoryIO({"/a": {"f": "x", "d": {"g": "y"}, "up": Symlink("../a/d"), "abs": Symlink("/a/d/g"),
                          "loop": Symlink("loop")}})
    assert io.read_bytes("/a/up/g") == b"y"
    assert io.read_bytes("/a/up/../f") == b"x"  # `..` from where the link led: /a/f
    assert io.read_bytes("/a/abs") == b"y"
    assert io.file_type("/a/abs") == "symlink" and io.isfile("/a/abs")
    assert io.realpath("/a/up/g") == "/a/d/g"
    assert io.realpath("/a/up/missing/../x") == "/a/d/x"
    assert io.listdir(b"/a/d") == [b"g"] and io.readlink(b"/a/abs") == b"/a/d/g"
    for path, error in [("/a/missing", FileNotFoundError), ("/a/f/", NotADirectoryError),
                        ("/a/f/x", NotADirectoryError), ("/a/d", IsADirectoryError)]:
        with pytest.raises(error):
            io.read_bytes(path)
    with pytest.raises(OSError) as info:
        io.stat("/a/loop")
    assert info.value.strerror == "Too many levels of symbolic links"
    assert not io.exists("/a/loop") and io.lexists("/a/loop")


def test_memory_io_takes_deep_trees() -> None:
    deep: dict[str, Any] = {"leaf": "end"}
    for _ in range(5000):
        deep = {"d": deep}
    io = MemoryIO({"/deep": deep})
    path = "/deep" + "/d" * 5000 + "/leaf"
    assert io.read_bytes(path) == b"end"


def test_the_default_is_the_real_file_system() -> None:
    assert Evaluation(env={}).io is LOCAL
