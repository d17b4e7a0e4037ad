"""The command's own surface: `--version`, `--help`, `--find-file`, flags in any order,
and malformed command lines answered as nix-instantiate 2.8 answers them.

The command lines are compared live with the oracle (skipped visibly without it):
exit code, stdout and stderr, except that Nix's usage hint names the program as it
was run (`Try '/usr/bin/nix-instantiate --help'`) where nixeval says
`Try 'nixeval --help'`. `--version` and `--help` content is checked without the oracle.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from nixeval import cli

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A directory to run in: a.nix, and search-path roots sp/ (foo/, x.nix) and sp2/."""
    d = tmp_path_factory.mktemp("cli")
    (d / "a.nix").write_text("{ a = 1; b = { c = 2; }; }\n")
    (d / "sp" / "foo").mkdir(parents=True)
    (d / "sp" / "foo" / "default.nix").write_text("1\n")
    (d / "sp" / "x.nix").write_text("2\n")
    (d / "sp2" / "bar").mkdir(parents=True)
    (d / "empty").mkdir()
    return d


def _argv(line: str, d: Path) -> list[str]:
    import shlex

    return [a.replace("@DIR@", str(d)) for a in shlex.split(line)]


def _hint(stderr: str) -> str:
    return re.sub(r"Try '\S*nix-instantiate --help'", "Try 'nixeval --help'", stderr)


ARGUMENT_ERRORS = [
    # missing arguments: nix-instantiate's own flags and the common ones word it apart
    "--eval -A",
    "--eval --attr",
    "--eval -E 1 --add-root",
    "--eval --arg x",
    "--eval --arg",
    "--eval --argstr x",
    "--eval -E 1 --arg",
    "--eval -I",
    "--eval --include",
    "--eval --store",
    "--eval --option x",
    "--eval --log-format",
    # unknown flags, and flags nix-instantiate 2.8 does not take
    "--eval --foo -E 1",
    "-x",
    "--eval --attr=a -E 1",
    "--eval -h",
    "--eval -r -E 1",
    "--eval -L -E 1",
    "--eval --out-link x -E 1",
    "--eval --print-build-logs -E 1",
    "--eval --log-format x -E 1",
    "--option foo 1 --bar",
    "--foo --version",
    "--foo --help",
    # expressions and files
    "--eval -E",
    "--eval missing.nix",
    "--eval empty",
    "--eval ''",
    "--eval a.nix missing.nix",
    "--eval --arg x ')' -E x",
    "--parse --arg x ')' -E 1",
    "--eval --arg x y -E '{x}: x'",
    "--eval -E -1",
    # `--`: only nix-instantiate's own flags are still recognised after it
    "--eval -- -E 1",
    "-- --eval -E 1",
    "--eval -- --foo",
    "--eval -- -- a.nix",
    "--eval -- -A a a.nix",
    "--eval -E 1 -- --show-trace",
    "--eval -E 1 -- -I",
    "--eval -E -- -x",
    "--eval -- -E1",
    # standard input: `-` is read first, wherever it stands
    "--eval -",
    "--eval - -",
    "--eval a.nix -",
    "--eval -E 2 -",
    "--eval -E-",
    # compound short flags
    "--eval -vE 1",
    "--eval -EA a '{a=2;}'",
    "--eval -j3 -E 1",
    "--eval -Aa a.nix",
    "--eval -Ab1 -E '{b1=1;}'",
    "--eval -I/tmp -E 1",
    "--eval -Ifoo -E 1",
    "--eval -Ix=@DIR@/sp -E '<x>'",
    "--eval -xE 1",
    "--eval -vvvv -Q -k -K -E 1",
    # attribute paths
    "--eval -A '' a.nix",
    "--eval -A 'b.' a.nix",
    "--eval -A 'b.\"\"' a.nix",
    "--eval -A 'b..c' a.nix",
    "--eval -A . a.nix",
    "--eval -A bb a.nix",
    "--eval -A b.c.d a.nix",
    # -I
    "--eval -I '' -E 1",
    "--eval -I = -E '<x>'",
    "--eval -I foo= -E '<foo>'",
    "--eval -I @DIR@/sp -E '<foo>'",
    # flags given twice, in any order
    "--eval --strict --strict -E 1",
    "--eval -E 1 -E 2",
    "--eval --json --json -E 1",
    "--eval --xml --json -E 1",
    "--eval --json -E 1 -- --xml",
    "--parse -E 1 --eval",
    "--eval --arg x 1 --arg x 2 -E '{x}: x'",
    "--eval -A b -A b.c a.nix",
    "--eval --pure-eval --impure -E 'builtins.currentTime > 0'",
    "--eval --impure --pure-eval -E 'builtins.currentTime > 0'",
    "--eval --add-root x --indirect --dry-run --repair -E 1",
    "--eval --log-format bar -E 1",
    # --find-file
    "--find-file foo",
    "-I @DIR@/sp --find-file foo x.nix foo/default.nix",
    "-I @DIR@/sp --find-file foo nope x.nix",
    "-I p=@DIR@/sp --find-file p p/foo p/x.nix p/nope",
    "-I p=sp --find-file p",
    "-I p=@DIR@/sp --find-file",
    "--find-file -I p=@DIR@/sp p -A x --json",
    "-I p=@DIR@/sp --find-file p -E 1",
    "-I p=@DIR@/sp --find-file '<p>' @DIR@",
    "-I p=@DIR@/sp --find-file p/../sp2 p/foo/",
    "-I p=@DIR@/sp -I p=@DIR@/sp2 --find-file p",
    "-I p=@DIR@/sp --find-file p --arg x ')'",
    "--find-file nix/fetchurl.nix",
    "-I @DIR@/sp --find-file -",
    "-A --version",
]


@pytest.mark.parametrize("line", ARGUMENT_ERRORS)
def test_command_line_matches_oracle(line, tree, oracle, nixeval_run) -> None:
    argv = _argv(line, tree)
    want = oracle(argv, tree)
    got = nixeval_run(argv, tree)
    assert (got.code, got.stdout, got.stderr) == (want.code, want.stdout, _hint(want.stderr))


def test_usage_error_names_nixeval(tree, nixeval_run) -> None:
    got = nixeval_run(["--eval", "--arg", "x"], tree)
    assert got.code == 1
    assert got.stderr == ("error: flag '--arg' requires 2 argument(s)\n"
                          "Try 'nixeval --help' for more information.\n")


# --- --version ---------------------------------------------------------------


def _pyproject_version() -> str:
    import tomllib

    with open(REPO / "pyproject.toml", "rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def test_version(tree, nixeval_run) -> None:
    got = nixeval_run(["--version"], tree)
    assert (got.code, got.stderr) == (0, "")
    assert got.stdout == f"nixeval {_pyproject_version()} (Nix language 2.35.0)\n"


def test_version_is_the_language_of_builtins_nixVersion(tree, nixeval_run) -> None:
    got = nixeval_run(["--eval", "-E", "builtins.nixVersion"], tree)
    assert got.stdout == f'"{cli.NIX_LANGUAGE_VERSION}"\n'


@pytest.mark.parametrize("argv", [
    ["--eval", "-E", "1", "--version"],
    ["--version", "--foo"],
    ["--option", "foo", "1", "--version"],  # no warning: nothing is evaluated
    ["--eval", "--arg", "x", ")", "--version"],
    ["--eval", "-E", "1", "--", "--version"],
])
def test_version_anywhere(argv, tree, nixeval_run) -> None:
    got = nixeval_run(argv, tree)
    assert (got.code, got.stdout, got.stderr) == (0, cli.version_text(), "")


def test_version_form_matches_oracle(tree, oracle) -> None:
    """nix-instantiate says `nix-instantiate (Nix) 2.8.0`: the oracle is 2.8, and
    nixeval implements the language of a newer Nix (see DIFFERENCES.md)."""
    want = oracle(["--version"], tree)
    assert want.stdout == "nix-instantiate (Nix) 2.8.0\n"
    assert tuple(int(x) for x in cli.NIX_LANGUAGE_VERSION.split(".")) > (2, 8, 0)


# --- --help ------------------------------------------------------------------


def _readme_flags() -> set[str]:
    """Every flag named in the README's table of the command."""
    section = (REPO / "README.md").read_text().split("## The command", 1)[1].split("\n## ", 1)[0]
    flags = set()
    for row in section.splitlines():
        if not row.startswith("| `"):
            continue
        first = row.split("|")[1]
        flags.update(re.findall(r"`(-[-A-Za-z]+)", first))
    return flags


def test_help_lists_every_flag() -> None:
    flags = _readme_flags()
    assert {"--eval", "--strict", "--json", "-A", "--arg", "-I", "--store", "--version",
            "--help", "--find-file"} <= flags
    flags |= {"--option", "--NAME", "--no-NAME", "--extra-NAME", "--eval-only", "--impure",
              "--include", "--readonly-mode", "--read-write-mode", "--add-root", "-j", "-k",
              "-K", "-v", "--verbose", "--quiet", "--log-format", "--eval-store", "-"}
    words = set(re.findall(r"(?<![\w-])(-[-A-Za-z]*)", cli.HELP))
    assert flags - words == set()


def test_help_names_every_flag_parse_args_takes() -> None:
    """Each flag nixeval accepts is in --help (settings as --NAME / --no-NAME)."""
    import inspect

    source = inspect.getsource(cli._own_flag) + inspect.getsource(cli._common_flag)
    taken = set(re.findall(r'"(--?[a-zA-Z][-a-zA-Z]*)"', source))
    taken |= set(cli._IGNORED_FLAGS)
    taken -= {"--no-", "--extra-"}  # the prefixes of settings flags
    words = set(re.findall(r"(?<![\w-])(-[-A-Za-z]*)", cli.HELP))
    assert taken - words == set()


@pytest.mark.parametrize("argv", [
    ["--help"],
    ["--eval", "-E", "1", "--help"],
    ["--eval", "--strict", "--json", "-A", "a", "a.nix", "--help", "--foo"],
    ["--help", "--version"],
    ["--eval", "-E", "1", "--", "--help"],
])
def test_help_anywhere(argv, tree, nixeval_run) -> None:
    got = nixeval_run(argv, tree)
    assert (got.code, got.stdout, got.stderr) == (0, cli.HELP, "")


def test_help_refused_as_an_argument(tree, nixeval_run) -> None:
    got = nixeval_run(["--foo", "--help"], tree)
    assert got.code == 1 and got.stdout == ""
    got = nixeval_run(["--eval", "-A", "--help", "a.nix"], tree)  # the attribute path
    assert got.stderr.startswith("error: attribute '--help' in selection path")


def test_help_and_version_from_the_command(tree) -> None:
    for flag, want in (("--help", cli.HELP), ("--version", cli.version_text())):
        proc = subprocess.run([sys.executable, "-c", "from nixeval.cli import main; main()",
                               "--eval", flag], capture_output=True, text=True, cwd=tree)
        assert (proc.returncode, proc.stdout, proc.stderr) == (0, want, "")


# --- --find-file and the rest, without the oracle -----------------------------


def test_find_file(tree, nixeval_run) -> None:
    got = nixeval_run(["-I", f"p={tree}/sp", "-I", str(tree),
                       "--find-file", "p", "p/x.nix", "sp2/bar", "a.nix"], tree)
    assert got.code == 0, got.stderr
    assert got.stdout.splitlines() == [f"{tree}/sp", f"{tree}/sp/x.nix", f"{tree}/sp2/bar",
                                       f"{tree}/a.nix"]


def test_find_file_missing(tree, nixeval_run) -> None:
    got = nixeval_run(["-I", f"p={tree}/sp", "--find-file", "p", "q"], tree)
    assert got.code == 1
    assert got.stdout == f"{tree}/sp\n"
    assert got.stderr == ("error: file 'q' was not found in the Nix search path "
                          "(add it using $NIX_PATH or -I)\n")


def test_json_without_strict_is_deep(tree, nixeval_run) -> None:
    """Deliberate (DIFFERENCES.md): Nix 2.8 fails with "cannot convert a thunk to JSON"."""
    got = nixeval_run(["--eval", "--json", "-E", "{ a = 1 + 1; b = [ (2 * 2) ]; }"], tree)
    assert (got.code, got.stdout, got.stderr) == (0, '{"a":2,"b":[4]}', "")


def test_json_without_strict_oracle_refuses(tree, oracle) -> None:
    """What the deliberate difference is about (Nix 2.8 prints a partial document)."""
    want = oracle(["--eval", "--json", "-E", "{ a = 1 + 1; }"], tree)
    assert want.code == 1
    assert want.stderr.startswith("error: cannot convert a thunk to JSON")
