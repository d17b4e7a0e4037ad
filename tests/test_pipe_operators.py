"""The pipe operators `|>` and `<|` (experimental feature `pipe-operators`, Nix 2.24).

The golden cases are tests/newer/operators/*pipe*; these check the mechanism: the
repair that writes the operators over with `->` (nixeval/syntax/repair.py) touches
only places where Nix 2.8 has no valid token, the order of errors without the
feature, and the AST cache's key.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from nixeval.cli import run
from nixeval.errors import ParseError
from nixeval.source import Source
from nixeval.syntax import cache
from nixeval.syntax.lower import _parser, parse
from nixeval.syntax.repair import Edits, find_pipe_operators

ON = ["--extra-experimental-features", "pipe-operators"]
DISABLED = ("error: experimental Nix feature 'pipe-operators' is disabled; "
            "add '--extra-experimental-features pipe-operators' to enable it")


def nix(expr: str, *flags: str, cwd: str = "/") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--eval", "--strict", *flags, "-E", expr], out, err, cwd=cwd)
    return code, out.getvalue(), err.getvalue()


def pipes_in(text: str) -> list[int]:
    data = text.encode()
    _, subs = find_pipe_operators(_parser.parse(data).root_node, data)
    return [p for p, _ in subs]


@pytest.mark.parametrize("text, where", [
    ("a |> f", [2]),
    ("f <| a", [2]),
    ("a|>f<|b", [1, 4]),
    ('"a |> b" |> f', [9]),          # text in a string
    ("''a <| b'' <| f", [11]),       # in an indented string
    ('"${a |> f}"', [5]),            # an interpolation is code
    ("''${a |> f} |>''", [6]),
    ("# a |> b\n1", []),             # comments
    ("/* a <| b */ 1", []),
    ('"\\|>"', []),                  # an escape
    ("a ||> b", []),                 # `||` then `>`, as Nix's lexer reads it
    ("a <|> b", [2]),                # `<|` then `>`
])
def test_where_pipes_are_found(text: str, where: list[int]) -> None:
    assert pipes_in(text) == where


def test_edits_replace_in_place() -> None:
    e = Edits([(2, b" ")], [(2, b"->")])
    assert e.apply(b"a |> f") == b"a  -> f"
    # the inserted space and the operator map back onto the operator
    assert [e.to_original(i) for i in range(8)] == [0, 1, 2, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("expr, value", [
    ('"a |> b <| c"', '"a |> b <| c"'),
    ("''x |> y''", '"x |> y"'),
    ("true || false", "true"),
    ("1 < 2", "true"),
    ("let a = 1; in a -> true", "error"),  # unrelated to pipes: still 2.8's answer
])
def test_programs_without_pipes_unchanged(expr: str, value: str) -> None:
    for flags in ([], ON):
        code, out, err = nix(expr, *flags)
        if value == "error":
            assert code == 1 and "pipe-operators" not in err
        else:
            assert (code, out.strip()) == (0, value)


def test_disabled_error_comes_from_the_first_operator() -> None:
    code, _, err = nix("1 |> (x: x) |> (x: x)")
    assert code == 1 and err.startswith(DISABLED)
    assert "«string»:1:3:" in err


@pytest.mark.parametrize("expr, first", [
    # an undefined variable is found after parsing: the operator first
    ("nope |> f", DISABLED),
    # a syntax error after the operator: the lexer fails on the operator first
    ("1 |> (x: x) ]", DISABLED),
    # a syntax error before it: Nix's parser fails there first
    ("[ 1 ; ] |> f", "error: syntax error, unexpected ';'"),
    # an error Nix's parser raises while it reads what comes before the operator
    ("{ a = 1; a = 2; } |> f", "error: attribute 'a' already defined"),
])
def test_disabled_error_order(expr: str, first: str) -> None:
    code, _, err = nix(expr)
    assert code == 1
    assert err.startswith(first), err


def test_enabled_by_experimental_features_too() -> None:
    code, out, _ = nix("1 |> builtins.add 2", "--option", "experimental-features", "pipe-operators")
    assert (code, out) == (0, "3\n")
    code, _, err = nix("1 |> builtins.add 2", "--option", "experimental-features", "flakes")
    assert code == 1 and err.startswith(DISABLED)


def test_parse_takes_the_features() -> None:
    src = Source("1 |> (x: x)")
    with pytest.raises(ParseError, match="is disabled"):
        parse(src, "/", {})
    assert parse(src, "/", {}, features={"pipe-operators"}) is not None


def test_scoped_import(tmp_path: Path) -> None:
    (tmp_path / "a.nix").write_text("x |> builtins.add 1\n")
    expr = f"scopedImport {{ x = 2; }} {tmp_path}/a.nix"
    assert nix(expr, *ON)[:2] == (0, "3\n")
    code, _, err = nix(expr)
    assert code == 1 and err.startswith(DISABLED)


def test_cache_keys_on_the_features(tmp_path: Path) -> None:
    env = {"NIXEVAL_CACHE_DIR": str(tmp_path)}
    text = "1\n" + "#" * cache.MIN_SIZE
    calls = []

    def parse_() -> str:
        calls.append(1)
        return "ast"

    for features in ((), ("pipe-operators",), ()):
        assert cache.cached_parse(env, "/x.nix", "/", text, {}, parse_, features=features) == "ast"
    assert len(calls) == 2  # the third is the first's entry


def test_file_with_pipes_cached_apart(tmp_path: Path) -> None:
    f = tmp_path / "big.nix"
    f.write_text("let inc = x: x + 1; in\n#" + "x" * cache.MIN_SIZE + "\n1 |> inc\n")
    env = {"NIXEVAL_CACHE_DIR": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    for flags, want in ((ON, "2\n"), ([], None), (ON, "2\n")):
        out, err = io.StringIO(), io.StringIO()
        code = run([*flags, "--eval", str(f)], out, err, env=env, cwd=str(tmp_path))
        if want is None:
            assert code == 1 and err.getvalue().startswith(DISABLED)
        else:
            assert (code, out.getvalue()) == (0, want)
    assert len(list((tmp_path / "cache").iterdir())) == 1
