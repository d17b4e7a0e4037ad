"""Inputs shared by record.py (which asks the reference Nix for the expected
values) and the tests (which compute the same things with nixeval.store).
Nothing in here is an expected value."""

from __future__ import annotations

import os

FIX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")

# --- hashes --------------------------------------------------------------

HASH_INPUTS = ["", "abc", "hello world\n", "x" * 1000, "\u00e9t\u00e9"]

_SHA256_ABC_B16 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
_SHA256_ABC_B32 = "1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s"
_SHA256_ABC_B64 = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
_SHA1_ABC_B16 = "a9993e364706816aba3e25717850c26c9cd0d89d"

# (text, algo given by context or None). Inputs only; outcomes are recorded.
HASH_PARSE_CASES: list[tuple[str, str | None]] = [
    (_SHA256_ABC_B16, "sha256"),
    (_SHA256_ABC_B16.upper(), "sha256"),
    (_SHA256_ABC_B32, "sha256"),
    (_SHA256_ABC_B64, "sha256"),
    ("sha256:" + _SHA256_ABC_B16, None),
    ("sha256:" + _SHA256_ABC_B32, None),
    ("sha256:" + _SHA256_ABC_B64, None),
    ("sha256:" + _SHA256_ABC_B64.rstrip("="), None),
    ("sha256-" + _SHA256_ABC_B64, None),
    ("sha256-" + _SHA256_ABC_B64, "sha256"),
    ("sha256-" + _SHA256_ABC_B64.rstrip("="), None),
    ("sha256-" + _SHA256_ABC_B64 + "=", None),
    ("sha256-" + _SHA256_ABC_B64[:10] + "\n" + _SHA256_ABC_B64[10:], None),
    ("sha256-" + _SHA256_ABC_B64[:10] + "=" + _SHA256_ABC_B64[10:], None),
    ("sha256-" + _SHA256_ABC_B64[:10] + "!" + _SHA256_ABC_B64[10:], None),
    ("sha256:" + _SHA256_ABC_B64[:10] + "=" + _SHA256_ABC_B64[11:], None),
    ("sha256:" + _SHA256_ABC_B64[:10] + "!" + _SHA256_ABC_B64[11:], None),
    ("sha256-" + _SHA256_ABC_B32, None),
    ("sha256-", None),
    ("sha1:" + _SHA1_ABC_B16, None),
    ("sha1:" + _SHA1_ABC_B16, "sha256"),
    ("sha1-qZk+NkcGgWq6PiVxeFDCbJzQ2J0=", None),
    ("sha512:" + "0" * 128, None),
    ("md5:" + "0" * 32, None),
    ("md5:" + "0" * 26, None),
    ("abc", None),
    ("abc", "sha256"),
    ("sha256:abc", None),
    ("md5:abc", "sha256"),
    ("sha257:abc", None),
    ("sha257-abc", None),
    ("SHA256:" + _SHA256_ABC_B16, None),
    ("e" + _SHA256_ABC_B32[1:], "sha256"),
    ("z" + _SHA256_ABC_B32[1:], "sha256"),
    ("1" + _SHA256_ABC_B32[1:], "sha256"),
    (_SHA256_ABC_B32.upper(), "sha256"),
    ("g" + _SHA256_ABC_B16[1:], "sha256"),
    ("0" * 32, "sha1"),
    ("0" * 27, "sha1"),
    ("0" * 28, "sha1"),
    ("0" * 103, "sha512"),
    ("z" * 103, "sha512"),
    ("0" * 26, "md5"),
    ("z" * 26, "md5"),
    ("8" * 26, "md5"),
]

# Attributes of `derivation { name = "fo"; ... }` (a fixed-output derivation).
OUTPUT_HASH_CASES: list[dict[str, str]] = [
    {"outputHash": "sha256-" + _SHA256_ABC_B64},
    {"outputHash": "sha256-" + _SHA256_ABC_B64, "outputHashMode": "recursive"},
    {"outputHash": "sha256-" + _SHA256_ABC_B64, "outputHashMode": "flat"},
    {"outputHash": _SHA256_ABC_B16, "outputHashAlgo": "sha256"},
    {"outputHash": _SHA256_ABC_B32, "outputHashAlgo": "sha256", "outputHashMode": "recursive"},
    {"outputHash": _SHA1_ABC_B16, "outputHashAlgo": "sha1"},
    {"outputHash": _SHA1_ABC_B16, "outputHashAlgo": "sha1", "outputHashMode": "recursive"},
    {"outputHash": "sha512:" + "1" * 128, "outputHashMode": "recursive"},
    {"outputHash": "sha512:" + "1" * 128},
    {"outputHash": "md5:" + "2" * 32},
    {"outputHash": "", "outputHashAlgo": "sha256"},
    {"outputHash": "", "outputHashAlgo": "sha1", "outputHashMode": "recursive"},
    {"outputHash": ""},
    {"outputHash": "abc"},
    {"outputHash": "abc", "outputHashAlgo": "sha256"},
    {"outputHash": _SHA256_ABC_B16, "outputHashAlgo": "sha257"},
    {"outputHash": _SHA256_ABC_B16, "outputHashAlgo": ""},
    {"outputHash": "sha1:" + _SHA1_ABC_B16, "outputHashAlgo": "sha256"},
    {"outputHash": "sha256-abc"},
    {"outputHash": "sha256-" + _SHA256_ABC_B64, "outputHashMode": "foo"},
    {"outputHash": "sha256-" + _SHA256_ABC_B64, "outputHashMode": "text"},
]

# --- NAR -----------------------------------------------------------------

NAR_PATHS = [
    "tree",
    "tree/hello.txt",
    "tree/run.sh",
    "tree/link",
    "tree/dangling",
    "tree/sub",
    "tree/sub/empty",
    "tree/sub/eight",
    "file.txt",
]


def _deep(n: int) -> list:
    return [("file", "/".join(["d"] * n) + "/leaf", b"bottom\n", False)]


GEN_TREES: dict[str, list] = {
    "emptydir": [],
    "names": [
        ("file", "\u00e9", b"e-acute\n", False),
        ("file", "Z", b"", False),
        ("file", "a\nb", b"newline in name\n", False),
        ("file", "_", b"u\n", False),
        ("file", "~", b"t\n", False),
        ("dir", "emptysub"),
        ("symlink", "abs", "/etc/passwd"),
        ("symlink", "long", "x" * 300),
    ],
    "exec": [("file", "big.bin", None, True)],
    "deep": _deep(600),
}


def _big_contents() -> bytes:
    return bytes((i * 7 + i // 251) % 256 for i in range(200_003))


def build_tree(root: str, spec: list) -> None:
    """Create a directory `root` laid out as `spec` says."""
    os.makedirs(root)
    for entry in spec:
        kind, rel = entry[0], entry[1]
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if kind == "dir":
            os.makedirs(path, exist_ok=True)
        elif kind == "file":
            data = entry[2] if entry[2] is not None else _big_contents()
            with open(path, "wb") as f:
                f.write(data)
            os.chmod(path, 0o755 if entry[3] else 0o644)
        elif kind == "symlink":
            os.symlink(entry[2], path)


# --- store paths ---------------------------------------------------------

# Filters for builtins.path / filterSource: id -> (Nix lambda, Python predicate).
FILTERS = {
    "no_symlinks": ('p: t: t != "symlink"', lambda p, t: t != "symlink"),
    "nothing": ("p: t: false", lambda p, t: False),
    "no_sub": ('p: t: baseNameOf p != "sub"', lambda p, t: os.path.basename(p) != "sub"),
    "dirs_and_txt": (
        'p: t: t == "directory" || builtins.match ".*\\\\.txt" p != null',
        lambda p, t: t == "directory" or p.endswith(".txt"),
    ),
}

PATH_CASES: list[dict] = [
    {"kind": "text", "name": "foo", "parts": ["bar"]},
    {"kind": "text", "name": "empty", "parts": [""]},
    {"kind": "text", "name": "unicode", "parts": ["\u00e9t\u00e9 \u2603\n"]},
    {"kind": "text", "name": "ref", "parts": ["see ", {"ref": ["foo", "bar"]}, "\n"]},
    {
        "kind": "text",
        "name": "refs",
        "parts": [{"ref": ["b", "2"]}, " ", {"ref": ["a", "1"]}, {"ref": ["b", "2"]}],
    },
    {"kind": "text", "name": "foo", "parts": ["bar"], "store_dir": "/foo/store"},
    {"kind": "text", "name": ".foo", "parts": ["x"]},
    {"kind": "text", "name": ".", "parts": ["x"]},
    {"kind": "text", "name": "..", "parts": ["x"]},
    {"kind": "text", "name": "a+b-c.d_e?f=g", "parts": ["x"]},
    {"kind": "text", "name": "a" * 211, "parts": ["x"]},
    {"kind": "text", "name": "a" * 212, "parts": ["x"]},
    {"kind": "text", "name": "", "parts": ["x"]},
    {"kind": "text", "name": "a b", "parts": ["x"]},
    {"kind": "text", "name": "a/b", "parts": ["x"]},
    {"kind": "text", "name": "\u00e9", "parts": ["x"]},
    {"kind": "text", "name": "a:b", "parts": ["x"]},
    {"kind": "interp", "path": "file.txt"},
    {"kind": "interp", "path": "tree"},
    {"kind": "interp", "path": "tree/sub"},
    {"kind": "interp", "path": "tree/run.sh"},
    {"kind": "interp", "path": "tree/link"},
    {"kind": "interp", "path": "tree", "store_dir": "/foo/store"},
    {"kind": "path", "path": "tree", "name": "x"},
    {"kind": "path", "path": "tree"},
    {"kind": "path", "path": "file.txt", "recursive": False},
    {"kind": "path", "path": "file.txt", "recursive": False, "name": "flat"},
    {"kind": "path", "path": "tree/run.sh", "recursive": False},
    {"kind": "path", "path": "file.txt", "recursive": False, "store_dir": "/foo/store"},
    {"kind": "path", "path": "tree", "name": "a b"},
    {"kind": "path", "path": "tree", "filter": "no_symlinks"},
    {"kind": "path", "path": "tree", "filter": "nothing", "name": "none"},
    {"kind": "path", "path": "tree", "filter": "no_sub"},
    {"kind": "path", "path": "tree", "filter": "dirs_and_txt"},
    {"kind": "path", "path": "file.txt", "filter": "nothing"},
    {"kind": "filterSource", "path": "tree", "filter": "no_symlinks"},
    {"kind": "filterSource", "path": "tree", "filter": "dirs_and_txt"},
    {"kind": "filterSource", "path": "tree", "filter": "no_sub", "store_dir": "/foo/store"},
]


def nix_str(s: str) -> str:
    out = s.replace("\\", "\\\\").replace('"', '\\"').replace("${", "\\${")
    return '"' + out.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


def nix_expr_for_path_case(case: dict) -> str:
    kind = case["kind"]
    if kind == "text":
        pieces = []
        for part in case["parts"]:
            if isinstance(part, str):
                pieces.append(nix_str(part))
            else:
                rn, rc = part["ref"]
                pieces.append(f"(builtins.toFile {nix_str(rn)} {nix_str(rc)})")
        body = " + ".join(['""'] + pieces)
        return f"builtins.toFile {nix_str(case['name'])} ({body})"
    lit = "./" + case["path"]
    if kind == "interp":
        return f'"${{{lit}}}"'
    if kind == "filterSource":
        return f"builtins.filterSource ({FILTERS[case['filter']][0]}) {lit}"
    attrs = f"path = {lit};"
    if "name" in case:
        attrs += f" name = {nix_str(case['name'])};"
    if "recursive" in case:
        attrs += f" recursive = {'true' if case['recursive'] else 'false'};"
    if "filter" in case:
        attrs += f" filter = {FILTERS[case['filter']][0]};"
    return f"builtins.path {{ {attrs} }}"


# --- derivations ---------------------------------------------------------

_D = 'system = "x86_64-linux"; builder = "/bin/sh";'

DRV_CASES: list[dict] = [
    {"id": "simple", "expr": f'derivation {{ name = "a"; {_D} }}'},
    {
        "id": "escapes",
        "expr": f'derivation {{ name = "esc"; {_D} args = [ "-c" "echo \\"hi\\"\\n\\t\\r\\\\ $out" "\u00e9\u2603" ]; '
        'weird = "q\\"b\\\\s\\nn\\tt\\rr ${"$"}{x} ( ) , [ ]"; }',
    },
    {
        "id": "attr_types",
        "expr": f'derivation {{ name = "types"; {_D} i = 42; t = true; f = false; n = null; '
        f'l = [ "a" 1 true null [ "nested" ] ]; fl = 1.5; p = {FIX}/file.txt; }}',
    },
    {"id": "multi_out", "expr": f'derivation {{ name = "m"; {_D} outputs = [ "out" "dev" "lib" ]; }}'},
    {"id": "first_not_out", "expr": f'derivation {{ name = "m2"; {_D} outputs = [ "bin" "out" ]; }}'},
    {"id": "tokenised_outputs", "expr": f'derivation {{ name = "tk"; {_D} outputs = [ "out" "a b" "" ]; }}'},
    {"id": "src_input", "expr": f'derivation {{ name = "s"; {_D} src = {FIX}/tree; f = {FIX}/file.txt; }}'},
    {
        "id": "tofile_input",
        "expr": f'derivation {{ name = "tf"; {_D} script = builtins.toFile "script" "echo hi"; }}',
    },
    {
        "id": "deps",
        "expr": f"""
let
  a = derivation {{ name = "a"; {_D} outputs = [ "out" "dev" "doc" ]; }};
  fo = derivation {{ name = "fo"; {_D} outputHashMode = "recursive";
    outputHash = "sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE="; }};
in derivation {{ name = "b"; {_D} src = {FIX}/file.txt; x = "${{a.dev}} ${{a}} ${{fo}}"; }}
""",
    },
    {
        "id": "fod_collision",
        "expr": f"""
let
  f1 = derivation {{ name = "same"; system = "x86_64-linux"; builder = "/bin/one";
    outputHash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; outputHashAlgo = "sha256"; }};
  f2 = derivation {{ name = "same"; system = "x86_64-linux"; builder = "/bin/two";
    outputHash = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; }};
in derivation {{ name = "uses-both"; {_D} a = f1; b = f2; }}
""",
    },
    {
        "id": "chain",
        "expr": f"""
let step = prev: i: derivation {{ name = "c${{toString i}}"; {_D} prev = prev; }};
in builtins.foldl' step "" (builtins.genList (i: i) 40)
""",
    },
    {
        "id": "drv_output_ref",
        "expr": f"""
let a = derivation {{ name = "a"; {_D} outputs = [ "out" "bin" ]; }};
in derivation {{ name = "r"; {_D} args = [ "${{a.bin}}/x" ]; builder2 = a.drvPath; }}
""",
    },
    {"id": "fod_flat_sha1", "expr": f'derivation {{ name = "f1"; {_D} outputHashAlgo = "sha1"; outputHash = "a9993e364706816aba3e25717850c26c9cd0d89d"; }}'},
    {"id": "fod_rec_sha512", "expr": f'derivation {{ name = "f5"; {_D} outputHashMode = "recursive"; outputHash = "sha512:{"1" * 128}"; }}'},
    {"id": "fod_empty_hash", "expr": f'derivation {{ name = "fe"; {_D} outputHashAlgo = "sha256"; outputHash = ""; }}'},
    {"id": "long_name", "expr": f'derivation {{ name = "{"n" * 207}"; {_D} }}'},
    {
        "id": "store_dir",
        "store_dir": "/foo/store",
        "expr": f"""
let a = derivation {{ name = "a"; {_D} outputs = [ "out" "dev" ]; }};
in derivation {{ name = "b"; {_D} src = {FIX}/file.txt; x = "${{a.dev}}"; t = builtins.toFile "t" "${{builtins.toFile "u" "x"}}"; }}
""",
    },
]

# Derivation-level errors. `py` holds the same inputs for nixeval.store.
DRV_ERROR_CASES: list[dict] = [
    {"expr": f'(derivation {{ name = "a.drv"; {_D} }}).drvPath', "py": {"name": "a.drv"}},
    {"expr": f'(derivation {{ name = "a b"; {_D} }}).drvPath', "py": {"name": "a b"}},
    {"expr": f'(derivation {{ name = "{"n" * 208}"; {_D} }}).drvPath', "py": {"name": "n" * 208}},
    {"expr": f'(derivation {{ name = ""; {_D} }}).drvPath', "py": {"name": ""}},
    {
        "expr": f'(derivation {{ name = "a"; {_D} outputs = ["out" "out"]; }}).drvPath',
        "py": {"name": "a", "outputs": ["out", "out"]},
    },
    {
        "expr": f'(derivation {{ name = "a"; {_D} outputs = ["out" "drv"]; }}).drvPath',
        "py": {"name": "a", "outputs": ["out", "drv"]},
    },
    {
        "expr": f'(derivation {{ name = "a"; {_D} outputs = ["out" "a/b"]; }}).drvPath',
        "py": {"name": "a", "outputs": ["out", "a/b"]},
    },
    {
        "expr": f'(derivation {{ name = "a"; {_D} outputs = ["out" "dev"]; outputHash = "{_SHA256_ABC_B16}"; outputHashAlgo = "sha256"; }}).drvPath',
        "py": {"name": "a", "outputs": ["out", "dev"], "outputHash": _SHA256_ABC_B16, "outputHashAlgo": "sha256"},
    },
    {
        "expr": f'(derivation {{ name = "a"; {_D} outputs = ["dev"]; outputHash = "{_SHA256_ABC_B16}"; outputHashAlgo = "sha256"; }}).drvPath',
        "py": {"name": "a", "outputs": ["dev"], "outputHash": _SHA256_ABC_B16, "outputHashAlgo": "sha256"},
    },
]

# --- realising contexts, and write mode ----------------------------------------
#
# Expressions evaluated with cwd = fixtures/ by `nix-instantiate --eval --strict`
# and by nixeval, comparing exit code, stdout and the whole stderr. The fixtures
# under realise/ have contents found in no store, so in read-only mode ("ro",
# the real /nix/store, never written) every store path they become is not valid.
# "rw" cases run in read-write mode with a fresh store of their own: a chroot store
# for the oracle (`--store <tmp root>`), `--store <tmp dir>` for nixeval. Their
# outputs print no store path (the two store directories differ).

_RD = 'derivation { name = "nixeval-realise"; system = "x86_64-linux"; builder = "/bin/sh"; }'
_RD2 = ('derivation { name = "nixeval-realise-2"; system = "x86_64-linux"; builder = "/bin/sh"; '
        'outputs = [ "out" "dev" ]; }')

_REALISE_BASE: list[dict] = [
    {"id": "import", "expr": 'import "${./realise/a.nix}"'},
    {"id": "import_call", "expr": 'let f = x: import x; in f "${./realise/a.nix}"'},
    {"id": "scoped_import", "expr": 'builtins.scopedImport { } "${./realise/a.nix}"'},
    {"id": "read_file", "expr": 'builtins.readFile "${./realise/t.txt}"'},
    {"id": "read_file_sub", "expr": 'builtins.readFile "${./realise/d}/f"'},
    {"id": "read_file_to_file", "expr": 'builtins.readFile (builtins.toFile "nixeval-realise" "abc")'},
    {"id": "read_dir", "expr": 'builtins.readDir "${./realise/d}"'},
    {"id": "path_exists", "expr": 'builtins.pathExists "${./realise/t.txt}"'},
    {"id": "hash_file", "expr": 'builtins.hashFile "sha256" "${./realise/t.txt}"'},
    {"id": "filter_source",
     "expr": 'builtins.readDir (builtins.filterSource (p: t: t != "symlink") "${./realise/d}")'},
    {"id": "path", "expr": 'builtins.readFile "${builtins.path { path = "${./realise/d}"; name = "d2"; }}/f"'},
    {"id": "find_file_other_prefix",
     "expr": 'builtins.readFile (builtins.findFile [ { prefix = "y"; path = "${./realise/d}"; } '
             '{ prefix = "x"; path = ./realise; } ] "x/t.txt")'},
]

# Read-only only: errors naming store paths that differ between two store
# directories, what the oracle would build, and what a chroot store hides from the
# oracle (that a file is in the store: `import` of a `.drv`, findFile's check
# that the entry exists).
_REALISE_RO: list[dict] = [
    {"id": "find_file",
     "expr": 'builtins.readFile (builtins.findFile [ { prefix = "x"; path = "${./realise/d}"; } ] "x/f")'},
    {"id": "import_drv_file",
     "expr": f'let d = import ({_RD2}).drvPath; in [ (builtins.attrNames d) d.name d.outputName '
             '(builtins.length d.all) (builtins.attrNames (builtins.getContext d.dev.outPath)) ]'},
    {"id": "import_drv_output", "expr": f"import ({_RD})"},
    {"id": "read_file_drv_output", "expr": f'builtins.readFile "${{{_RD}}}/x"'},
    {"id": "path_exists_drv_output", "expr": f"builtins.pathExists ({_RD})"},
    {"id": "read_file_drv_path", "expr": f"builtins.readFile ({_RD}).drvPath"},
    {"id": "read_file_relative", "expr": 'builtins.readFile "realise/t.txt"'},
    {"id": "import_not_a_path", "expr": "import 1"},
    {"id": "copy_drv_name", "expr": '"${./realise/none.drv}"'},
    {"id": "discarded_context",
     "expr": 'builtins.pathExists (builtins.unsafeDiscardStringContext "${./realise/t.txt}")'},
    {"id": "no_context", "expr": "builtins.readFile ./realise/t.txt"},
    {"id": "read_file_throw", "expr": 'builtins.readFile (throw "forced inside")'},
    {"id": "scoped_import_order", "expr": 'builtins.scopedImport (throw "scope") (throw "path")'},
    {"id": "hash_file_order", "expr": 'builtins.hashFile (throw "algo") (throw "path")'},
    {"id": "to_file_refs",
     "expr": 'builtins.getContext (builtins.readFile (builtins.toFile "r" "${./realise/t.txt}"))'},
]

REALISE_CASES: list[dict] = [
    *[{**c, "mode": "ro", "flags": f, "id": f"ro-{c['id']}{'-trace' if f else ''}"}
      for c in _REALISE_BASE + _REALISE_RO for f in ([], ["--show-trace"])],
    *[{**c, "mode": "rw", "flags": [], "id": f"rw-{c['id']}"} for c in _REALISE_BASE],
    # Instantiation (no --eval) in read-only mode: nothing may be written.
    {"id": "ro-instantiate", "mode": "ro", "flags": ["--readonly-mode"], "eval": False,
     "expr": 'derivation { name = "nixeval-realise-i"; system = "x"; builder = "/bin/sh"; '
             'x = builtins.readFile "${./realise/t.txt}"; }'},
]


def realise_argv(case: dict, store: str | None = None) -> list[str]:
    """The command-line arguments of a realise case (`store`: the --store argument
    of a rw case)."""
    argv = ["--eval", "--strict"] if case.get("eval", True) else []
    argv += case["flags"]
    if case["mode"] == "rw":
        argv += ["--read-write-mode", "--store", store]
    return [*argv, "-E", case["expr"]]
