"""Strings are bytes end to end (issue 14, item 3).

- The command, run as a process under an ASCII locale (`LANG=C`, `LC_ALL=C`,
  `PYTHONIOENCODING=ascii`), writes a byte that is not UTF-8 as that byte on stdout
  and stderr, in every output path (values, `--json`, `--xml`, `trace`, errors and
  their source excerpts, stdin and `--argstr` input). Where nix-instantiate is on PATH
  the bytes are compared with its own (run in the same environment); without it, the
  raw byte must be there and no `\\udc..` escape, traceback or internal error.
- The Python API gives such strings back as `str` decoded from UTF-8 with
  surrogateescape (`s.encode("utf-8", "surrogateescape")` is the Nix string's bytes),
  and takes them the same way.
- The golden cases `tests/lang/*/*-bytes-*` cover the values themselves.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import nixeval
from nixeval import cli

ASCII_ENV = {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii", "NIX_PATH": ""}


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NIX_", "LC_", "LANG"))}
    env.update(ASCII_ENV)
    env.update(extra or {})
    return env


def _run(argv: list[str], cwd: Path, stdin: bytes = b"", nixeval_cmd: bool = True,
         extra_env: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
    prog = [sys.executable, "-m", "nixeval"] if nixeval_cmd else [shutil.which("nix-instantiate") or "nix-instantiate"]
    p = subprocess.run([*prog, *[os.fsdecode(a) for a in argv]], cwd=cwd, env=_env(extra_env),
                       input=stdin, capture_output=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bytes")
    (d / "raw.txt").write_bytes(b"a\xb6b\xc3\xa9\xe2\x82\n")
    (d / "value.nix").write_bytes(
        b'{ s = "a\xb6b\xc3\xa9"; "k\xb6" = [ "\xe2\x82" "\xff" ]; '
        b'file = builtins.readFile ./raw.txt; n = builtins.stringLength "\xc3\xa9\xb6"; }\n')
    (d / "trace.nix").write_bytes(b'builtins.trace "t\xb6\tx\xc3\xa9" (builtins.trace [ "\xb6" ] 1)\n')
    (d / "throw.nix").write_bytes(b'let s = "\xb6"; in\nthrow "bad ${s} \xc3\xa9"\n')
    (d / "excerpt.nix").write_bytes(b'let x = "a\xb6b"; in\n  x + 1 # \xc3\xa9 \xe2\x82\n')
    (d / "hash.nix").write_bytes(b'builtins.hashString "sh\xb6256" "x"\n')
    return d


CASES = [
    ("eval", ["--eval", "--strict", "value.nix"]),
    ("lazy", ["--eval", "value.nix"]),
    ("json", ["--eval", "--strict", "--json", "value.nix"]),
    ("xml", ["--eval", "--strict", "--xml", "value.nix"]),
    ("trace", ["--eval", "trace.nix"]),
    ("throw", ["--eval", "throw.nix"]),
    ("excerpt", ["--eval", "excerpt.nix"]),
    ("expr", ["--eval", "-E", os.fsdecode(b'"x\xb6" + "\xc3\xa9"')]),
    ("argstr", ["--eval", "--argstr", "a", os.fsdecode(b"x\xb6"), "-E", "{ a }: [ a (builtins.stringLength a) ]"]),
    ("stdin", ["--eval", "--strict", "-"]),
]


@pytest.mark.parametrize("name,argv", CASES, ids=[c[0] for c in CASES])
def test_cli_writes_bytes_under_ascii_locale(tree, name, argv) -> None:
    stdin = b'{ "\xb6" = "\xc3\xa9\xff"; }' if name == "stdin" else b""
    code, out, err = _run(argv, tree, stdin)
    both = out + err
    assert b"\\udc" not in both and b"Traceback" not in both and b"internal error" not in both, both
    assert b"\xb6" in both or b"\xff" in both, both
    if shutil.which("nix-instantiate") is None:
        return
    want = _run(argv, tree, stdin, nixeval_cmd=False)
    assert (code, out, err) == want


def test_cli_error_bytes_under_ascii_locale(tree) -> None:
    """The message keeps the raw byte (Nix adds its usage hint, which nixeval does not)."""
    code, out, err = _run(["--eval", "hash.nix"], tree)
    assert code == 1
    assert err.startswith(b"error: unknown hash algorithm 'sh\xb6256'\n")


def test_trace_tab_width_counts_bytes_as_nix(tree) -> None:
    """A byte that is not UTF-8 counts one column, as a whole UTF-8 character does."""
    code, out, err = _run(["--eval", "trace.nix"], tree)
    assert code == 0 and out == b"1\n"
    assert err.splitlines()[0] == b"trace: t\xb6       x\xc3\xa9"


def test_profile_with_byte_names(tree) -> None:
    """The profile file is written with the bytes of function names, not an error."""
    (tree / "prof.nix").write_bytes(
        b'let s = { "f\xb6" = x: if x == 0 then 0 else 1 + s."f\xb6" (x - 1); }; in\n'
        b'builtins.foldl\' (a: b: a + s."f\xb6" 200) 0 (builtins.genList (x: x) 200)\n')
    prof = tree / "prof.out"
    code, out, err = _run(["--eval", "--profile", str(prof), "prof.nix"], tree)
    assert (code, out, err) == (0, b"40000\n", b"")


def test_byte_stream_switches_a_real_stream() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    assert cli.byte_stream(stream) is stream
    stream.write("a\udcb6\xe9\n")
    stream.flush()
    assert raw.getvalue() == b"a\xb6\xc3\xa9\n"
    sio = io.StringIO()
    assert cli.byte_stream(sio) is sio  # not a byte stream: left alone


def test_run_in_process_returns_surrogates() -> None:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(["--eval", "-E", 'builtins.trace "\udcb6" "x\udcb6"'], out, err,
                   stdin=io.StringIO(""))
    assert code == 0
    assert out.getvalue() == '"x\udcb6"\n'
    assert err.getvalue() == "trace: \udcb6\n"


# --- the Python API -------------------------------------------------------------------


def test_api_strings_come_back_with_surrogateescape(tree) -> None:
    v = nixeval.evaluate_file(str(tree / "value.nix"))
    assert v["s"] == "a\udcb6bé"
    assert v["s"].encode("utf-8", "surrogateescape") == b"a\xb6b\xc3\xa9"
    assert v["k\udcb6"] == ["\udce2\udc82", "\udcff"]
    assert v["file"].encode("utf-8", "surrogateescape") == (tree / "raw.txt").read_bytes()
    assert v["n"] == 3


def test_api_strings_go_in_with_surrogateescape() -> None:
    ev = nixeval.Evaluator()
    f = ev.evaluate("x: [ (builtins.stringLength x) (builtins.substring 1 1 x) (builtins.hashString \"md5\" x) ]")
    import hashlib

    data = b"\xc3\xa9\xb6"
    s = data.decode("utf-8", "surrogateescape")
    assert f(s) == [3, "\udca9", hashlib.md5(data).hexdigest()]
    # a half of a UTF-8 sequence comes back as the lone byte
    assert nixeval.evaluate('builtins.substring 0 1 "é"') == "\udcc3"


def test_api_errors_keep_the_bytes() -> None:
    with pytest.raises(nixeval.NixError) as info:
        nixeval.evaluate('throw "bad \udcb6"')
    assert info.value.message == "bad \udcb6"
    assert nixeval.render(info.value).encode("utf-8", "surrogateescape") == b"error: bad \xb6"


def test_api_order_is_byte_order() -> None:
    names = nixeval.evaluate('builtins.attrNames { "\udcb6" = 1; "é" = 2; a = 3; }')
    assert names == ["a", "\udcb6", "é"]
    assert nixeval.evaluate('"\udcb6" < "é"') is True
