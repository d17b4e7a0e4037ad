"""Write mode: `NarRestorer` (NAR stream -> tree), `LocalStore` (store objects in a
directory) and evaluations that write what they add to the store.

Expected NARs and NAR hashes are those recorded from `nix-store --dump` and
`nix-hash` (data/nar.json); a written tree is checked by hashing it again and
computing its store path from that hash. The written `.drv` files are compared
with those of `nix-instantiate` itself in tests/test_cli_instantiate.py.
"""

from __future__ import annotations

import base64
import os
import stat
import sys

import pytest
from cases import FILTERS, GEN_TREES, build_tree
from conftest import FIX, load

import nixeval
from nixeval import NixError
from nixeval.store import (
    Hash,
    LocalStore,
    NarError,
    NarRestorer,
    StoreWriteError,
    make_fixed_output_path,
    make_text_path,
    nar_bytes,
    nar_hash,
    remove_tree,
)

NAR = load("nar.json")
RECORDED_NARS = {
    **{rel: r for rel, r in NAR["fixtures"].items() if "nar_base64" in r},
    **{"gen:" + name: r for name, r in NAR["generated"].items() if "nar_base64" in r},
}


def restore(nar: bytes, dest: str, step: int) -> None:
    r = NarRestorer(dest)
    for i in range(0, len(nar), step):
        r.feed(nar[i:i + step])
    r.finish()


def canonical(root: str) -> list[str]:
    """Problems with the metadata of a store object (empty when canonical)."""
    bad = []
    for dirpath, dirnames, filenames in os.walk(root):
        for p in [dirpath] + [os.path.join(dirpath, n) for n in dirnames + filenames]:
            st = os.lstat(p)
            if st.st_mtime != 1:
                bad.append(f"{p}: mtime {st.st_mtime}")
            mode = stat.S_IMODE(st.st_mode)
            if stat.S_ISDIR(st.st_mode) and mode != 0o555:
                bad.append(f"{p}: directory mode {mode:o}")
            if stat.S_ISREG(st.st_mode) and mode not in (0o444, 0o555):
                bad.append(f"{p}: file mode {mode:o}")
    return bad


# --- NarRestorer ------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(RECORDED_NARS))
@pytest.mark.parametrize("step", [1, 7, 1 << 20])
def test_restore_recorded_nar(key, step, tmp_path):
    """A NAR written by `nix-store --dump`, restored and dumped again, is unchanged."""
    nar = base64.b64decode(RECORDED_NARS[key]["nar_base64"])
    dest = str(tmp_path / "out")
    restore(nar, dest, step)
    assert nar_bytes(dest) == nar
    assert canonical(dest) == []


@pytest.mark.parametrize("name", sorted(GEN_TREES))
def test_restore_generated_tree(name, tmp_path):
    """Big files, deep trees (no recursion per level), odd names, executables."""
    src = str(tmp_path / name)
    build_tree(src, GEN_TREES[name])
    dest = str(tmp_path / "restored")
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(150)
    try:
        r = NarRestorer(dest)
        from nixeval.store import dump_path

        dump_path(src, r.feed)
        r.finish()
    finally:
        sys.setrecursionlimit(old)
    assert nar_hash(dest).hex == NAR["generated"][name]["nix_hash_sha256"]


def test_restore_symlink_root_and_executable(tmp_path):
    nar = base64.b64decode(NAR["fixtures"]["tree/link"]["nar_base64"])
    restore(nar, str(tmp_path / "l"), 5)
    assert os.readlink(tmp_path / "l") == "hello.txt"
    nar = base64.b64decode(NAR["fixtures"]["tree/run.sh"]["nar_base64"])
    restore(nar, str(tmp_path / "x"), 3)
    assert stat.S_IMODE(os.lstat(tmp_path / "x").st_mode) == 0o555


def _nar_of(tmp_path, build) -> bytes:
    src = tmp_path / "src"
    build(src)
    return nar_bytes(str(src))


@pytest.mark.parametrize("mangle,message", [
    (lambda b: b[:-8], "unexpected end"),
    (lambda b: b + bytes(8), "trailing data"),
    (lambda b: b"x" * 8 + b[8:], "overlong string"),
    (lambda b: b.replace(b"regular", b"regulaX"), "unknown file type"),
    (lambda b: b.replace(b"b.txt\0\0\0", b"a.txt\0\0\0"), "not sorted"),
    (lambda b: b.replace(b"b.txt\0\0\0", b"a/txt\0\0\0"), "invalid file name"),
    (lambda b: b.replace(b"nix-archive-1", b"nix-archive-2"), "doesn't look like a Nix archive"),
])
def test_restore_rejects_bad_nar(tmp_path, mangle, message):
    def build(src):
        src.mkdir()
        (src / "a.txt").write_text("a")
        (src / "b.txt").write_text("b")

    nar = mangle(_nar_of(tmp_path, build))
    with pytest.raises(NarError, match=message):
        restore(nar, str(tmp_path / "out"), 64)


# --- LocalStore ---------------------------------------------------------------------------


def test_local_store_text(tmp_path):
    sd = str(tmp_path / "store")
    store = LocalStore(sd)
    path = make_text_path("hello", "hi\n", (), sd)
    assert store.add_text(path, b"hi\n") is True  # creates the store directory
    assert open(path, "rb").read() == b"hi\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o444 and os.stat(path).st_mtime == 1
    assert store.add_text(path, b"something else") is False  # never rewritten
    assert open(path, "rb").read() == b"hi\n"
    assert os.listdir(sd) == [os.path.basename(path)]  # no temporary left


def test_local_store_refuses_contents_that_do_not_match(tmp_path):
    sd = str(tmp_path / "store")
    src = os.path.join(FIX, "tree")
    store = LocalStore(sd)
    path = make_fixed_output_path(True, nar_hash(src), "tree", store_dir=sd)
    with pytest.raises(StoreWriteError, match="changed"):
        store.add_nar(path, lambda sink: sink(nar_bytes(src)), lambda h: False)
    with pytest.raises(StoreWriteError, match="changed"):
        store.add_file(path, os.path.join(FIX, "file.txt"), lambda h: False)
    assert os.listdir(sd) == []  # the temporaries were removed


def test_local_store_tree_and_flat(tmp_path):
    sd = str(tmp_path / "store")
    src = os.path.join(FIX, "tree")
    store = LocalStore(sd)
    h = nar_hash(src)
    path = make_fixed_output_path(True, h, "tree", store_dir=sd)
    assert store.add_nar(path, lambda sink: sink(nar_bytes(src)), lambda got: got == h)
    assert nar_hash(path).hex == NAR["fixtures"]["tree"]["nix_hash_sha256"]
    assert canonical(path) == []
    flat = os.path.join(FIX, "tree", "run.sh")  # executable: stored flat, not executable
    fpath = str(tmp_path / "store" / "flat")
    assert store.add_file(fpath, flat, lambda got: isinstance(got, Hash))
    assert stat.S_IMODE(os.stat(fpath).st_mode) == 0o444
    remove_tree(path)
    assert not os.path.lexists(path)


# --- evaluations in write mode ----------------------------------------------------------


def writer(tmp_path, **kw) -> tuple[nixeval.Evaluator, str]:
    sd = str(tmp_path / "store")
    return nixeval.Evaluator(store_dir=sd, write_store=True, cwd=FIX, **kw), sd


def test_interpolated_source_is_written_with_its_nar_hash(tmp_path):
    ev, sd = writer(tmp_path)
    for rel in ("tree", "file.txt", "tree/sub", "tree/link"):
        p = ev.evaluate(f'"${{./{rel}}}"', base_dir=FIX)
        h = nar_hash(p)
        assert h.hex == NAR["fixtures"][rel]["nix_hash_sha256"]
        assert p == make_fixed_output_path(True, h, os.path.basename(rel), store_dir=sd)
        assert canonical(p) == []


@pytest.mark.parametrize("filt", sorted(FILTERS))
def test_filtered_source_is_written_filtered(tmp_path, filt):
    ev, sd = writer(tmp_path)
    nix_filter, py_filter = FILTERS[filt]
    for expr in (f"builtins.path {{ path = ./tree; name = \"f\"; filter = {nix_filter}; }}",
                 f"builtins.filterSource ({nix_filter}) ./tree"):
        p = ev.evaluate(expr, base_dir=FIX)
        assert nar_bytes(p) == nar_bytes(os.path.join(FIX, "tree"), py_filter)
        assert p == make_fixed_output_path(True, nar_hash(p), os.path.basename(p)[33:], store_dir=sd)


def test_filter_is_called_once_per_entry(tmp_path):
    ev, _ = writer(tmp_path)
    seen: list[str] = []
    ev.add_builtin("seen", lambda p: seen.append(str(p)) or True)
    ev.evaluate("builtins.filterSource (p: t: builtins.seen p) ./tree", base_dir=FIX)
    assert len(seen) == len(set(seen)) == sum(
        len(d) + len(f) for _, d, f in os.walk(os.path.join(FIX, "tree")))


def test_flat_path_and_to_file(tmp_path):
    ev, sd = writer(tmp_path)
    p = ev.evaluate('builtins.path { path = ./tree/run.sh; recursive = false; name = "flat"; }',
                    base_dir=FIX)
    assert open(p, "rb").read() == open(os.path.join(FIX, "tree", "run.sh"), "rb").read()
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o444
    t = ev.evaluate('builtins.toFile "t" "hello ${./file.txt}"', base_dir=FIX)
    src = ev.evaluate('"${./file.txt}"', base_dir=FIX)
    assert open(t).read() == f"hello {src}"
    assert t == make_text_path("t", f"hello {src}", [src], sd)
    # readFile of a store file gives its references as context, as Nix does
    assert ev.evaluate(f'builtins.getContext (builtins.readFile "{t}")') == {src: {"path": True}}
    assert ev.evaluate(f'builtins.getContext (builtins.readFile "{src}")') == {}


def test_derivation_writes_drv_and_imports_it(tmp_path):
    ev, sd = writer(tmp_path)
    d = ev.evaluate('derivation { name = "w"; system = "x"; builder = "/bin/sh"; src = ./tree; '
                    'outputs = [ "out" "dev" ]; }', base_dir=FIX, strict=False)
    drv = d["drvPath"]
    text = open(drv).read()
    assert text.startswith('Derive([("dev","' + sd + "/")
    assert drv == make_text_path(os.path.basename(drv)[33:], text,
                                 [ev.evaluate('"${./tree}"', base_dir=FIX)], sd)
    imported = ev.evaluate(f"let d = import {drv}; in {{ inherit (d) name outputName outPath; "
                           "dev = d.dev.outPath; }")
    assert imported == {"name": "w", "outputName": "dev", "outPath": d["dev"]["outPath"],
                        "dev": d["dev"]["outPath"]}


def test_import_of_an_output_that_is_not_built(tmp_path):
    ev, sd = writer(tmp_path)
    expr = 'import (derivation { name = "ifd"; system = "x"; builder = "/bin/sh"; })'
    with pytest.raises(NixError) as e:
        ev.evaluate(expr)
    drv = ev.evaluate('(derivation { name = "ifd"; system = "x"; builder = "/bin/sh"; }).drvPath')
    out = ev.evaluate('(derivation { name = "ifd"; system = "x"; builder = "/bin/sh"; }).outPath')
    assert e.value.message == (f"cannot build '{drv}' during evaluation: nixeval does not build "
                               f"derivations, and its output 'out' ('{out}') is not in the store")
    assert e.value.span is None
    os.makedirs(out)  # "built" by someone else: reading it is allowed
    with open(os.path.join(out, "default.nix"), "w") as f:
        f.write("42")
    assert ev.evaluate(expr) == 42


def test_store_path_must_exist_in_write_mode(tmp_path):
    ev, sd = writer(tmp_path)
    missing = sd + "/00000000000000000000000000000000-x"
    with pytest.raises(NixError, match="does not exist and cannot be created"):
        ev.evaluate(f'builtins.storePath "{missing}"')
    assert nixeval.Evaluator(store_dir=sd).evaluate(f'builtins.storePath "{missing}"') == missing


def test_read_only_by_default(tmp_path):
    sd = str(tmp_path / "store")
    ev = nixeval.Evaluator(store_dir=sd, cwd=FIX)
    p = ev.evaluate('builtins.toFile "t" "x" + "${./tree}"', base_dir=FIX)
    assert p.startswith(sd + "/")
    with pytest.raises(NixError, match="is not valid"):
        ev.evaluate('builtins.readFile (builtins.toFile "t" "x")')
    assert not os.path.exists(sd)
    # the paths are those of write mode
    w, _ = writer(tmp_path / "w")
    assert nixeval.Evaluator(store_dir=str(tmp_path / "w" / "store")).evaluate(
        '[ (builtins.toFile "t" "x") "${./tree}" ]', base_dir=FIX) == \
        w.evaluate('[ (builtins.toFile "t" "x") "${./tree}" ]', base_dir=FIX)


def test_write_mode_needs_a_named_store(monkeypatch):
    monkeypatch.delenv("NIX_STORE_DIR", raising=False)
    with pytest.raises(ValueError, match="store directory"):
        nixeval.Evaluator(write_store=True)
    with pytest.raises(ValueError, match="store directory"):
        nixeval.Evaluator(write_store=True, env={})
    nixeval.Evaluator(write_store=True, env={"NIX_STORE_DIR": "/tmp/x"})  # named by the env


def test_fetched_files_are_written(tmp_path):
    import tarfile

    ev, sd = writer(tmp_path)
    f = ev.evaluate(f'builtins.fetchurl "file://{FIX}/file.txt"')
    assert open(f, "rb").read() == open(os.path.join(FIX, "file.txt"), "rb").read()
    assert stat.S_IMODE(os.stat(f).st_mode) == 0o444
    tarball = str(tmp_path / "tree.tar.gz")
    with tarfile.open(tarball, "w:gz") as tf:
        tf.add(os.path.join(FIX, "tree"), arcname="tree")
    p = ev.evaluate(f'builtins.fetchTarball "file://{tarball}"')
    assert nar_hash(p).hex == NAR["fixtures"]["tree"]["nix_hash_sha256"]
    assert p == make_fixed_output_path(True, nar_hash(p), "source", store_dir=sd)
    assert canonical(p) == []
