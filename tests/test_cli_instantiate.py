"""`nixeval` without `--eval` instantiates like `nix-instantiate`: it prints the .drv
path of each derivation (`!output` when the selected output is not `out`), and with a
store directory of its own (`--store DIR`, NIX_STORE_DIR) writes what Nix writes.

Compared live with the oracle; skipped (visibly) when nix-instantiate is absent.
The oracle may write .drv files to /nix/store (nixeval writes only into a store
directory it is given).
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import harness
import pytest

HERE = Path(__file__).resolve().parent
PACKAGES = str(HERE / "instantiate" / "packages.nix")

CASES = [
    [PACKAGES],
    [PACKAGES, "-A", "app"],
    [PACKAGES, "-A", "lib.dev"],
    [PACKAGES, "-A", "tool", "-A", "fetched"],
    [PACKAGES, "-A", "nested"],
    [PACKAGES, "-A", "list"],
    [PACKAGES, "-A", "structured"],
    [PACKAGES, "-A", "app", "--argstr", "system", "aarch64-linux"],
    ["-E", 'derivation { name = "e"; system = "x"; builder = "x"; outputs = [ "dev" "out" ]; }'],
    ["-E", "[ (import %s {}).tool ]" % PACKAGES],
]


@pytest.mark.parametrize("argv", CASES, ids=lambda a: " ".join(a[1:]) or "all")
def test_instantiate_matches_oracle(argv, oracle, nixeval_run) -> None:
    want = oracle(argv, HERE)
    got = nixeval_run(argv, HERE)
    assert want.code == 0, want.stderr
    assert got.code == 0, got.stderr
    assert got.stdout == want.stdout
    assert got.stdout.strip()


@pytest.mark.parametrize("argv", [[PACKAGES, "-A", "notAPackage"], ["-E", "1"]],
                         ids=["attr-int", "int"])
def test_instantiate_non_derivation_fails_like_oracle(argv, oracle, nixeval_run) -> None:
    want = oracle(argv, HERE)
    got = nixeval_run(argv, HERE)
    assert want.code == got.code == 1
    err = [ln for ln in want.stderr.splitlines() if ln.startswith("error:")]
    assert err and err[0] in got.stderr


# --- write mode: a store directory of our own --------------------------------------------
#
# `nixeval --store S` (or NIX_STORE_DIR=S) writes into S what nix-instantiate writes
# into its store when its store directory is S: the oracle runs with NIX_STORE_DIR=S
# and a chroot store (`--store ROOT`, files under ROOT/nix/store), so /nix/store is
# not touched and the paths, hashes and bytes must agree exactly.

STORE_NIX = str(HERE / "instantiate" / "store.nix")


@pytest.fixture
def store_sources():
    # git keeps only the executable bit: make the modes those of the recording.
    os.chmod(HERE / "instantiate" / "src" / "tree" / "build.sh", 0o755)


def oracle_in_store(argv: list[str], store_dir: Path, root: Path) -> harness.Outcome:
    env = harness.case_env()
    env["NIX_STORE_DIR"] = str(store_dir)
    p = subprocess.run(["nix-instantiate", "--store", str(root), *argv], cwd=HERE, env=env,
                       capture_output=True, stdin=subprocess.DEVNULL, timeout=120)
    return harness.Outcome(p.returncode, p.stdout.decode(), p.stderr.decode())


def nixeval_with(argv: list[str], env_extra: dict[str, str] | None = None) -> harness.Outcome:
    from nixeval.cli import run

    env = harness.case_env()
    env.update(env_extra or {})
    out, err = io.StringIO(), io.StringIO()
    code = run(argv, out, err, stdin=io.StringIO(""), env=env, cwd=str(HERE))
    return harness.Outcome(code, out.getvalue(), err.getvalue())


def tree_listing(root: Path) -> dict[str, tuple]:
    """Every object under a store directory: kind, mode, mtime and contents/target
    (Nix's `.links` directory of hard-linked duplicates left out)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not (dirpath == str(root) and d == ".links"))
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            st = os.lstat(p)
            if os.path.islink(p):
                what: object = ("symlink", os.readlink(p))
            elif os.path.isdir(p):
                what = ("dir",)
            else:
                with open(p, "rb") as f:
                    what = ("file", f.read())
            out[os.path.relpath(p, root)] = (*what, oct(st.st_mode & 0o7777), st.st_mtime)
    return out


@pytest.mark.parametrize("how", ["--store", "NIX_STORE_DIR"])
def test_instantiation_writes_what_nix_writes(how, oracle, store_sources, tmp_path) -> None:
    store = tmp_path / "store"
    want = oracle_in_store([STORE_NIX], store, tmp_path / "root")
    if how == "--store":
        got = nixeval_with(["--store", str(store), STORE_NIX])
    else:
        got = nixeval_with([STORE_NIX], {"NIX_STORE_DIR": str(store)})
    assert want.code == 0, want.stderr
    assert got.code == 0, got.stderr
    assert got.stdout == want.stdout
    assert got.stdout.count(".drv") == 3
    written = tree_listing(store)
    assert written == tree_listing(tmp_path / "root" / "nix" / "store")
    assert sum(1 for k in written if k.endswith(".drv")) == 3
    # every written source hashes to its name; a second run writes nothing new
    from nixeval.store import make_fixed_output_path, nar_hash

    for rel in written:
        if "/" not in rel and rel.endswith("-tree"):
            p = str(store / rel)
            assert make_fixed_output_path(True, nar_hash(p), "tree", store_dir=str(store)) == p
    assert nixeval_with(["--store", str(store), STORE_NIX]).stdout == want.stdout
    assert tree_listing(store) == written


@pytest.mark.parametrize("flags", [["--eval", "--strict"], ["--readonly-mode"],
                                   ["--eval", "--strict", "--read-write-mode", "--readonly-mode"]],
                         ids=["eval", "readonly", "both"])
def test_read_only_writes_nothing(flags, oracle, store_sources, tmp_path) -> None:
    """--eval (unless --read-write-mode) and --readonly-mode compute the same paths
    and write nothing; the expression imports a copied source, which is then not
    valid, as for the oracle."""
    store = tmp_path / "store"
    want = oracle_in_store([*flags, STORE_NIX], store, tmp_path / "root")
    got = nixeval_with(["--store", str(store), *flags, STORE_NIX])
    assert (got.code, got.stdout, got.stderr) == (want.code, want.stdout, want.stderr)
    assert "is not valid" in got.stderr
    assert not store.exists()


def test_read_write_eval_computes_the_paths_instantiation_writes(oracle, store_sources,
                                                                 tmp_path) -> None:
    store = tmp_path / "store"
    argv = ["--eval", "--strict", "--read-write-mode", "-A", "app.drvPath", STORE_NIX]
    want = oracle_in_store(argv, store, tmp_path / "root")
    got = nixeval_with(["--store", str(store), *argv])
    assert (got.code, got.stdout) == (want.code, want.stdout), want.stderr + got.stderr
    drv = got.stdout.strip().strip('"')
    assert os.path.isfile(drv) and tree_listing(store) == tree_listing(tmp_path / "root" / "nix" / "store")


def test_default_store_is_never_written(store_sources, monkeypatch, tmp_path) -> None:
    """Without --store or NIX_STORE_DIR nothing is written, even when instantiating."""
    from nixeval.io import LocalIO

    def refuse(*args, **kwargs):
        raise AssertionError("nixeval tried to write to a store")

    monkeypatch.setattr(LocalIO, "store", refuse)
    got = nixeval_with(["-A", "app", STORE_NIX])
    assert got.code == 1 and "nixeval writes to a store only when one is named" in got.stderr
    got = nixeval_with([PACKAGES])
    assert got.code == 0 and got.stdout.count(".drv") >= 5


def test_store_urls_are_refused() -> None:
    got = nixeval_with(["--store", "local?root=/tmp/x", "-E", "1"])
    assert got.code == 1 and "takes a store directory, not a store URL" in got.stderr


# --- reading what nix-instantiate put in the real store ---------------------------------


@pytest.mark.parametrize("expr", [
    # readFile of a store path gives the path's references as context
    "builtins.getContext (builtins.readFile (import %s {}).app.drvPath)" % PACKAGES,
    # import of a .drv gives the derivation
    "let d = import (import %s {}).lib.drvPath; in [ (builtins.attrNames d) d.name d.outputName d.outPath "
    "d.dev.outPath (map (o: o.outputName) d.all) (builtins.getContext d.drvPath) ]" % PACKAGES,
    "(import (import %s {}).app.drvPath).drvPath" % PACKAGES,
], ids=["readFile-references", "import-drv", "import-drv-path"])
def test_reading_instantiated_derivations(expr, oracle) -> None:
    """After the oracle instantiated packages.nix (writing its .drv files to
    /nix/store), a read-only evaluation reads them as Nix does."""
    assert oracle([PACKAGES], HERE).code == 0
    want = oracle(["--eval", "--strict", "-E", expr], HERE)
    got = nixeval_with(["--eval", "--strict", "-E", expr])
    assert want.code == 0, want.stderr
    assert (got.code, got.stdout, got.stderr) == (want.code, want.stdout, want.stderr)
