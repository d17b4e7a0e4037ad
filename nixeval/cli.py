"""The `nixeval` command: a drop-in for `nix-instantiate --eval` (and `--parse`).

Invariants:
- Same flags, output and exit codes as nix-instantiate 2.8: results on stdout, one
  per line; errors as `error: ...` with position on stderr and exit status 1.
- A Python exception that is not a `NixError` is a bug in nixeval: it is reported as
  an internal error (exit 1), with the traceback only under NIXEVAL_DEBUG.
- Bytes in, bytes out: Nix strings are bytes, held as `str` decoded from UTF-8 with
  surrogateescape; the standard streams are read and written as UTF-8 with
  surrogateescape whatever the locale, so a byte that is not UTF-8 comes out as the
  same byte and no encoding error can occur.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from nixeval import machine as E
from nixeval import memory, settings
from nixeval.attrpath import auto_call, select_attr_path
from nixeval.builtins.paths import check_allowed
from nixeval.errors import ImportError_, NixError, render
from nixeval.evaluation import Evaluation
from nixeval.machine import coerce_to_string, force, force_deep
from nixeval.machine.stats import Stats
from nixeval.printer import filter_log_line, print_value
from nixeval.source import Source
from nixeval.syntax.show import show_expr
from nixeval.values import Thunk

PROGRAM = "nixeval"
NIX_LANGUAGE_VERSION = settings.NIX_VERSION  # the Nix whose language nixeval implements

HELP = """\
Usage: nixeval [OPTION...] [FILE... | -E EXPR...]
       nixeval --find-file NAME...

Evaluate Nix expressions as nix-instantiate (Nix 2.8) does and print what it prints.
Without --eval, print the .drv paths of the derivations the result holds. Each FILE is
a Nix file (a directory means its default.nix); without FILE or -E, ./default.nix.
Options may come in any order; after '--', an argument starting with '-' is refused
unless it is one of the options marked (*) below.

What to do (*):
  --eval, --eval-only       evaluate and print the result (no instantiation)
  --parse                   parse only; print the expression as Nix shows it
  --find-file NAME...       look the NAMEs up in the search path and print their paths
  -E, --expr                the arguments are expressions, not files
  -                         read an expression from standard input (evaluated first)
  -A, --attr ATTRPATH       select an attribute path (a.b.0.c); may be repeated
  --strict                  evaluate deeply before printing
  --json                    print the result as JSON (always deeply evaluated)
  --xml                     print the result as XML
  --no-location             with --xml: leave out the line, column and path attributes
  --raw                     print a string result verbatim: no quotes, escapes or newline
  --read-write-mode         let --eval write to the store (see --store)
  --add-root PATH, --indirect, --dry-run, --repair
                            accepted and ignored (nixeval registers no GC roots)
  --help                    show this help and exit
  --version                 show nixeval's version and the Nix language level, and exit

Evaluation:
  --arg NAME EXPR           pass NAME = EXPR when the result is a function
  --argstr NAME STRING      pass NAME = STRING when the result is a function
  --arg-from-file NAME PATH, --arg-from-stdin NAME
                            pass NAME = the file's (or standard input's) contents
  -I PATH, -I NAME=PATH, --include PATH
                            add to the search path for <NAME> (before NIX_PATH)
  --show-trace, --no-show-trace
                            print (or not) the "while evaluating" context of errors
  --pure-eval, --restrict-eval, --impure
                            Nix's pure and restricted evaluation modes (--impure: not pure)
  --readonly-mode           instantiate without writing to the store
  --store DIR               the store directory (default /nix/store, or NIX_STORE_DIR);
                            naming one lets read-write mode write into it
  --eval-store STORE        accepted and ignored

Nix settings (nixeval acts on pure-eval, restrict-eval, show-trace, store,
experimental-features, abort-on-warn, trace-verbose, max-call-depth, allowed-uris
and lint-url-literals, lint-short-path-literals, lint-absolute-path-literals; the
others are accepted and have no effect on an evaluation):
  --option NAME VALUE       set a setting; an unknown NAME is a warning
  --NAME, --no-NAME         set a Boolean setting to true / false (--keep-going, ...)
  --NAME VALUE              set another setting (--timeout 1, --max-jobs 2, ...)
  --extra-NAME VALUE        append to a list setting (--extra-experimental-features ...)
  -j N (--max-jobs), -k (--keep-going), -K (--keep-failed)

Logging (accepted, no effect):
  -v, --verbose, --quiet, --debug, -Q, --no-build-output, --no-gc-warning,
  --relaxed-sandbox, --log-format FORMAT (raw, raw-with-logs, internal-json, bar,
  bar-with-logs)

nixeval's own:
  --stats                   print evaluation counters as JSON on stderr (or NIX_SHOW_STATS=1)
  --profile FILE            write a sampled profile by Nix function (or NIXEVAL_PROFILE=FILE)
  --max-memory MIB          stop with "out of memory" when the evaluation grows past MIB

Environment: NIX_PATH, NIX_STORE_DIR, NIX_SHOW_STATS; NIXEVAL_CACHE_DIR,
NIXEVAL_CACHE=0, NIXEVAL_PROFILE, NIXEVAL_DEBUG=1 (see README.md).
Errors are printed as Nix prints them, with exit status 1.
"""

USAGE_HINT = f"Try '{PROGRAM} --help' for more information."

LOG_FORMATS = ("raw", "raw-with-logs", "internal-json", "bar", "bar-with-logs")


def version_text() -> str:
    """`nixeval --version`: nixeval's own version and the Nix language it implements."""
    return f"{PROGRAM} {_package_version()} (Nix language {NIX_LANGUAGE_VERSION})\n"


def _package_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("nixeval-lang")
    except metadata.PackageNotFoundError:  # run from a checkout without installing
        import tomllib

        pyproject = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                 "pyproject.toml")
        try:
            with open(pyproject, "rb") as f:
                return str(tomllib.load(f)["project"]["version"])
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "unknown"


class Options:
    def __init__(self) -> None:
        self.action: str | None = None  # "help" or "version": print it and stop
        self.eval = False
        self.strict = False
        self.json = False
        self.xml = False
        self.raw = False  # --raw: a string result printed verbatim (Nix 2.26)
        self.xml_location = True  # --no-location: no line/column/path in --xml output
        self.parse_only = False
        self.find_file = False
        self.expr_mode = False
        self.read_stdin = False  # `-`: an expression on stdin, evaluated before the rest
        self.files: list[str] = []
        self.attrs: list[str] = []
        # (name, text, kind): kind "expr" (--arg), "str" (--argstr), "file"
        # (--arg-from-file: text is the path), "stdin" (--arg-from-stdin)
        self.args: list[tuple[str, str, str]] = []
        self.include: list[str] = []
        self.show_trace = False
        self.read_only = False  # --readonly-mode
        self.read_write = False  # --read-write-mode
        self.pure = False
        self.restrict = False
        self.store: str | None = None
        self.stats = False
        self.profile: str | None = None
        self.max_memory: int | None = None  # --max-memory MiB
        self.warnings: list[str] = []  # about settings, printed before evaluating
        self.settings = settings.Settings()  # the settings the evaluator reads


class UsageError(Exception):
    """A malformed command line: `error: MESSAGE`, the usage hint (unless `hint` is
    False, as Nix omits it for some), exit status 1."""

    def __init__(self, message: str, hint: bool = True) -> None:
        super().__init__(message)
        self.hint = hint


def _set_option(o: Options, name: str, value: str) -> None:
    """A Nix setting given on the command line (see nixeval/settings.py)."""
    if not settings.known(name):
        o.warnings.append(f"unknown setting '{name}'")
        return
    warning = o.settings.set(name, value)
    if warning:
        o.warnings.append(warning)
        return
    if name in settings.BOOL_SETTINGS:
        flag = settings.parse_bool(name, value)
        if flag is None:
            o.warnings.append(f"error: Boolean setting '{name}' has invalid value '{value}'")
            return
        if name == "pure-eval":
            o.pure = flag
        elif name == "restrict-eval":
            o.restrict = flag
        elif name == "show-trace":
            o.show_trace = flag
    elif name == "store":
        o.store = value


def _isatty(f: TextIO) -> bool:
    try:
        return f.isatty()
    except (AttributeError, ValueError):
        return False


# Logging and build flags nix-instantiate takes that have no effect on an evaluation.
_IGNORED_FLAGS = frozenset(("-v", "--verbose", "--quiet", "--debug", "-Q", "--no-build-output",
                            "--no-gc-warning", "--relaxed-sandbox"))


def _split_compound(a: str) -> list[str]:
    """Nix's expansion of a compound short option: `-vvv` is `-v -v -v`, and at the
    first character that is not a letter the rest is one argument (`-j3` is `-j 3`,
    `-I/x` is `-I /x`, but `-Ifoo=/x` is `-I -f -o -o =/x`, as in Nix 2.8)."""
    out = []
    for j in range(1, len(a)):
        c = a[j]
        if not (c.isascii() and c.isalpha()):
            out.append(a[j:])
            break
        out.append("-" + c)
    return out


def parse_args(argv: list[str]) -> Options:
    """nix-instantiate's command line, read as Nix 2.8 reads it (see HELP).

    Flags are read left to right; `--help` and `--version` act where they are met.
    The program's own flags (those nix-instantiate itself defines, marked (*) in
    HELP) are also recognised after `--`; any other argument starting with `-` there
    is an "unexpected argument"."""
    o = Options()
    args = list(argv)
    i = 0
    dash_dash = False

    def need(n: int) -> list[str]:
        if i + n >= len(args):
            raise UsageError(f"flag '{args[i]}' requires {n} argument(s)")
        return args[i + 1 : i + 1 + n]

    while i < len(args):
        a = args[i]
        if not dash_dash and len(a) > 2 and a[0] == "-" and a[1] != "-" and a[1].isascii() \
                and a[1].isalpha():
            args[i : i + 1] = _split_compound(a)
            a = args[i]
        if not dash_dash and a == "--":
            dash_dash = True
            i += 1
            continue
        if dash_dash or not a.startswith("-"):
            n = _own_flag(o, args, i, positional=True)
            if n is None:
                if a.startswith("-"):
                    raise UsageError(f"unexpected argument '{a}'")
                o.files.append(a)
                n = 1
        else:
            n = _own_flag(o, args, i, positional=False)
            if n is None:
                n = _common_flag(o, a, need)
            if n is None:
                raise UsageError(f"unrecognised flag '{a}'")
        if o.action is not None:
            return o
        i += n
    return o


def _own_flag(o: Options, args: list[str], i: int, positional: bool) -> int | None:
    """nix-instantiate's own flags: how many arguments they take up, or None."""
    a = args[i]

    def value() -> str:
        # After `--` arguments come one at a time, so a flag never gets its value.
        if positional or i + 1 >= len(args):
            raise UsageError(f"'{a}' requires an argument")
        return args[i + 1]

    if a == "--help":
        o.action = "help"
    elif a == "--version":
        o.action = "version"
    elif a in ("--eval", "--eval-only"):
        o.eval = True
    elif a == "--parse":
        o.parse_only = True
    elif a == "--find-file":
        o.find_file = True
    elif a == "--strict":
        o.strict = True
    elif a == "--json":  # the last of --json, --xml and --raw counts
        o.json, o.xml, o.raw = True, False, False
    elif a == "--xml":
        o.json, o.xml, o.raw = False, True, False
    elif a == "--raw":
        o.json, o.xml, o.raw = False, False, True
    elif a == "--no-location":
        o.xml_location = False
    elif a in ("-E", "--expr"):
        o.expr_mode = True
    elif a == "-":
        o.read_stdin = True
    elif a == "--read-write-mode":
        o.read_write = True
    elif a in ("-A", "--attr"):
        o.attrs.append(value())
        return 2
    elif a == "--add-root":
        value()
        return 2
    elif a in ("--indirect", "--dry-run", "--repair"):
        pass
    else:
        return None
    return 1


def _common_flag(o: Options, a: str, need: Callable[[int], list[str]]) -> int | None:
    """The flags every legacy Nix command takes (and nixeval's own `--stats` and
    `--profile`): how many arguments they take up, or None."""
    if a == "--arg":
        name, text = need(2)
        o.args.append((name, text, "expr"))
        return 3
    if a == "--argstr":
        name, text = need(2)
        o.args.append((name, text, "str"))
        return 3
    if a == "--arg-from-file":  # Nix 2.21: a file's contents as a string argument
        name, path = need(2)
        o.args.append((name, path, "file"))
        return 3
    if a == "--arg-from-stdin":  # Nix 2.21: standard input as a string argument
        o.args.append((need(1)[0], "", "stdin"))
        return 2
    if a in ("-I", "--include"):
        o.include.append(need(1)[0])
        return 2
    # `--show-trace`, `--pure-eval`, `--restrict-eval` are Boolean settings (below).
    if a == "--readonly-mode":
        o.read_only = True
    elif a == "--impure":
        o.pure = False
    elif a == "--store":
        o.store = need(1)[0]
        if "://" in o.store or "?" in o.store or o.store in ("auto", "daemon"):
            raise UsageError(f"'--store {o.store}': nixeval takes a store directory, not a store URL")
        return 2
    elif a == "--stats":
        o.stats = True
    elif a == "--profile":
        o.profile = need(1)[0]
        return 2
    elif a == "--max-memory":
        text = need(1)[0]
        if not text.isdigit() or int(text) == 0:
            raise UsageError(f"'--max-memory' takes a number of MiB, not '{text}'")
        o.max_memory = int(text)
        return 2
    elif a == "--option":
        name, value = need(2)
        _set_option(o, name, value)
        return 3
    elif a == "--log-format":
        fmt = need(1)[0]
        if fmt not in LOG_FORMATS:
            raise UsageError(f"option 'log-format' has an invalid value '{fmt}'", hint=False)
        return 2
    elif a in ("-j", "--eval-store"):
        need(1)
        return 2
    elif a in _IGNORED_FLAGS or a in ("-k", "-K"):
        pass
    elif a.startswith("--") and a[2:] in settings.BOOL_SETTINGS:
        _set_option(o, a[2:], "true")
    elif a.startswith("--no-") and a[5:] in settings.BOOL_SETTINGS:
        _set_option(o, a[5:], "false")
    elif a.startswith("--") and a[2:] in settings.VALUE_SETTINGS:
        _set_option(o, a[2:], need(1)[0])
        return 2
    elif a.startswith("--extra-") and a[8:] in settings.VALUE_SETTINGS:
        _set_option(o, a[2:], need(1)[0])
        return 2
    else:
        return None
    return 1


def _limit_address_space(mib: int | None) -> Any:
    """With --max-memory, a backstop for allocations made between the evaluator's
    checks of its resident memory (a huge list built in one builtin call): the
    process's address space is limited to what it maps now plus twice the budget,
    so such an allocation fails with MemoryError. Returns the old limit to restore."""
    if mib is None:
        return None
    try:
        import resource

        with open("/proc/self/statm", "rb") as f:
            mapped = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        old = resource.getrlimit(resource.RLIMIT_AS)
        want = mapped + 2 * (mib << 20)
        if old[0] != resource.RLIM_INFINITY and old[0] < want:
            return None
        resource.setrlimit(resource.RLIMIT_AS, (want, old[1]))
        return old
    except (OSError, ValueError, ImportError):
        return None


def byte_stream(stream: Any) -> Any:
    """A standard stream made to carry Nix's bytes: a text stream over a byte buffer
    (`sys.stdout`, ...) is switched to UTF-8 with surrogateescape, so a string holding
    a byte that is not UTF-8 (a lone surrogate U+DC80..U+DCFF) is written as that byte
    whatever the locale or PYTHONIOENCODING. Other streams (StringIO) are left as
    they are."""
    if getattr(stream, "errors", None) == "surrogateescape" and \
            str(getattr(stream, "encoding", "")).lower().replace("-", "") == "utf8":
        return stream
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and hasattr(stream, "buffer"):
        try:
            reconfigure(encoding="utf-8", errors="surrogateescape")
        except (ValueError, OSError):  # already read from (stdin): keep it as it is
            pass
    return stream


def run(argv: list[str], stdout: TextIO | None = None, stderr: TextIO | None = None,
        stdin: TextIO | None = None, env: dict[str, str] | None = None,
        cwd: str | None = None) -> int:
    """Run the command with `argv` (without the program name); returns the exit code.
    The default streams (`sys.stdout`, ...) are switched to UTF-8 with
    surrogateescape (see `byte_stream`)."""
    stdout = stdout if stdout is not None else byte_stream(sys.stdout)
    stderr = stderr if stderr is not None else byte_stream(sys.stderr)
    stdin = stdin if stdin is not None else byte_stream(sys.stdin)
    try:
        opts = parse_args(argv)
    except UsageError as e:
        stderr.write(f"error: {e}\n" + (USAGE_HINT + "\n" if e.hint else ""))
        return 1
    if opts.action == "help":
        stdout.write(HELP)
        return 0
    if opts.action == "version":
        stdout.write(version_text())
        return 0
    show_trace = opts.show_trace
    for warning in opts.warnings:
        stderr.write(f"warning: {warning}\n")
    old_stderr = sys.stderr
    sys.stderr = stderr  # `builtins.trace` writes here
    limit = _limit_address_space(opts.max_memory)
    try:
        return _run(opts, stdout, stderr, stdin, env, cwd)
    except MemoryError:
        # The address-space backstop of --max-memory, or the machine's own limit.
        budget = f" (--max-memory {opts.max_memory} MiB)" if opts.max_memory else ""
        stderr.write(f"error: out of memory{budget}\n")
        return 1
    except NixError as e:
        # Nix filters log output: escape sequences dropped off a terminal, tabs expanded.
        stderr.write(filter_log_line(render(e, show_trace), keep_colours=_isatty(stderr)) + "\n")
        return 1
    except RecursionError:
        stderr.write("error: nixeval internal error: Python recursion limit reached (a bug in nixeval)\n")
        if (env or os.environ).get("NIXEVAL_DEBUG"):
            _print_traceback(stderr)
        return 1
    except KeyboardInterrupt:
        stderr.write("error: interrupted by the user\n")
        return 1
    except Exception as e:  # noqa: BLE001 - a bug in nixeval, reported as one
        stderr.write(f"error: nixeval internal error (a bug in nixeval, please report it): "
                     f"{type(e).__name__}: {e}\n")
        if (env or os.environ).get("NIXEVAL_DEBUG"):
            _print_traceback(stderr)
        return 1
    finally:
        sys.stderr = old_stderr
        if limit is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, limit)


def _run(opts: Options, stdout: TextIO, stderr: TextIO, stdin: TextIO,
         env: dict[str, str] | None, cwd: str | None) -> int:
    cwd = cwd or os.getcwd()
    environ = dict(os.environ) if env is None else dict(env)
    # Writing needs a store directory the user named and read-write mode, which is
    # the default of instantiation and is asked for with --eval (as in Nix).
    named = opts.store is not None or bool(environ.get("NIX_STORE_DIR"))
    write = named and not opts.read_only and (not opts.eval or opts.read_write)
    ev = Evaluation(search_path=opts.include, store_dir=opts.store, pure=opts.pure,
                    restrict=opts.restrict, write_store=write,
                    cwd=cwd, env=environ, show_trace=opts.show_trace, settings=opts.settings,
                    max_memory=opts.max_memory << 20 if opts.max_memory else None)

    # As nix-instantiate: the --arg expressions are parsed first, then --find-file
    # looks names up, or the inputs are parsed: standard input (`-`) first.
    auto_args = _auto_args(ev, opts, stdin)
    if opts.find_file:
        for name in opts.files:
            stdout.write(ev.find_file(ev.search_path, name, None) + "\n")
            stdout.flush()
        return 0

    def inputs() -> Iterator[Any]:
        """The parsed inputs, one at a time: each is parsed and processed before the
        next is read (an error in the second comes after the first's output)."""
        if opts.read_stdin:
            yield ev.parse_source(Source(stdin.read(), name="«stdin»"), cwd)
        if opts.expr_mode:
            for text in opts.files:
                yield ev.parse_source(Source(text), cwd)
            return
        files = opts.files or ([] if opts.read_stdin else ["default.nix"])
        for f in files:
            given = f if os.path.isabs(f) else os.path.join(cwd, f)
            path = ev.resolve_import_path(given)
            if opts.pure or opts.restrict:
                _check_allowed(ev, path)
            if path != given and not os.path.lexists(path):  # a directory without default.nix
                raise ImportError_(f"opening file '{path}': No such file or directory")
            yield ev.parse_file(path)

    nodes = inputs()

    if opts.parse_only:
        for node in nodes:
            stdout.write(show_expr(node) + "\n")
        return 0

    if not opts.eval:
        # Instantiate: print each derivation's .drv path. The .drv files are written
        # in write mode; otherwise they count as written for the derivations' own checks.
        from nixeval.builtins.derivations import instantiate
        from nixeval.builtins.storestate import store_state

        store_state(ev).instantiating = not opts.read_only
        warned = False
        for node in nodes:
            for ap in opts.attrs or [""]:
                for line in ev.run(instantiate(ev, node, ap, auto_args)):
                    if not warned:
                        stderr.write("warning: you did not specify '--add-root'; "
                                     "the result might be removed by the garbage collector\n")
                        warned = True
                    stdout.write(line + "\n")
                    stdout.flush()
        return 0


    stats = opts.stats or environ.get("NIX_SHOW_STATS", "") not in ("", "0")
    profile_path = opts.profile or environ.get("NIXEVAL_PROFILE") or None
    profiler = None
    with memory.whole_run():
        if stats:
            ev.stats = Stats()
        if profile_path:
            from nixeval.machine.profile import Profiler

            profiler = Profiler(ev.machine)
            profiler.start()
        try:
            for node in nodes:
                attrpaths = opts.attrs or [""]
                for ap in attrpaths:
                    coro = _evaluate_one(ev, node, ap, auto_args, opts)
                    text = ev.run(coro)
                    # nix-instantiate ends JSON and raw output without a newline
                    stdout.write(text if opts.json or opts.raw else text + "\n")
                    stdout.flush()
        finally:
            if profiler is not None:
                profiler.stop()
                profiler.write(profile_path)  # type: ignore[arg-type]
            if ev.stats is not None:
                import json

                stderr.write(json.dumps(ev.stats.as_json(ev.machine), indent=2) + "\n")
                ev.stats = None
    return 0


def _check_allowed(ev: Any, path: str) -> None:
    """In pure and restricted mode the main file, too, must be an allowed path."""
    old = E.activate(ev)
    try:
        check_allowed(path)
    finally:
        E.activate(old)


def _auto_args(ev: Any, opts: Options, stdin: TextIO) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, text, kind in opts.args:
        if kind == "expr":
            node = ev.parse_string(text, ev.cwd)
            out[name] = Thunk(node, ev.global_env)
        elif kind == "file":
            out[name] = ev.read_text(os.path.join(ev.cwd, text))
        elif kind == "stdin":
            out[name] = stdin.read()
        else:
            out[name] = text
    return out


async def _evaluate_one(ev: Any, node: Any, attrpath: str, auto_args: dict[str, Any],
                        opts: Options) -> str:
    v = await select_attr_path(ev, node, attrpath, auto_args)
    if auto_args:
        v = await auto_call(v, auto_args)
    if opts.xml:
        from nixeval.builtins.xml import to_xml_string  # type: ignore[attr-defined]

        return str(await to_xml_string(v, location=opts.xml_location,
                                       strict=opts.strict)).rstrip("\n")
    if opts.json:
        # Deeply evaluated even without --strict, where Nix 2.8 fails with "cannot
        # convert a thunk to JSON" (see DIFFERENCES.md).
        from nixeval.builtins.json import to_json_string  # type: ignore[attr-defined]

        return str(await to_json_string(v))
    if opts.strict:
        await force_deep(v)
    if opts.raw:
        # Nix 2.26: "the evaluation result must be a string, which is printed
        # verbatim, without quoting, escaping or trailing newline" (it is coerced
        # as `"${v}"` is: a derivation prints its output path).
        return str(await coerce_to_string(await force(v)))
    return print_value(v)


def run_benchmarks(args: list[str], stderr: TextIO | None = None) -> int:
    """`nixeval bench ARGS`: `python -m benchmarks ARGS` of the source checkout this
    nixeval runs from. The benchmarks are not part of the installed package, so they
    run in a child process with the checkout on the module path, never imported here."""
    import subprocess

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not os.path.isfile(os.path.join(repo, "benchmarks", "__main__.py")):
        (stderr or sys.stderr).write(
            "error: 'nixeval bench' runs the benchmarks of a nixeval source checkout "
            f"(a 'benchmarks' folder next to the 'nixeval' package), and '{repo}' has none; "
            "run 'python -m benchmarks' from a checkout instead\n")
        return 1
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (repo, env.get("PYTHONPATH")) if p)
    return subprocess.call([sys.executable, "-m", "benchmarks", *args], env=env)


def main() -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    argv = sys.argv[1:]
    if argv and argv[0] == "bench":
        sys.exit(run_benchmarks(argv[1:]))
    rc = run(argv)
    # Leave without tearing down the evaluation's heap: Python's finalisation frees
    # every object one by one and collects garbage on the way, which took 0.4 s
    # after a 4 s evaluation. Nothing is left to clean up (files are written and
    # closed as they are made); only the standard streams need flushing.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        sys.exit(rc)  # a closed pipe: let Python report it as it would
    os._exit(rc)


def _print_traceback(stderr: TextIO) -> None:
    """The Python traceback of a bug in nixeval (NIXEVAL_DEBUG=1). `traceback` is
    imported only then: it pulls in `tokenize` and `linecache`, a noticeable share
    of the start-up of every run."""
    import traceback

    traceback.print_exc(file=stderr)
