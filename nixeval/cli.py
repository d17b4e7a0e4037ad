"""The `nixeval` command: a drop-in for `nix-instantiate --eval` (and `--parse`).

Invariants:
- Same flags, output and exit codes as nix-instantiate 2.8: results on stdout, one
  per line; errors as `error: ...` with position on stderr and exit status 1.
- A Python exception that is not a `NixError` is a bug in nixeval: it is reported as
  an internal error (exit 1), with the traceback only under NIXEVAL_DEBUG.
"""

from __future__ import annotations

import gc
import os
import sys
import traceback
from typing import Any, TextIO

from nixeval import settings
from nixeval.errors import EvalError, NixError, render
from nixeval.printer import filter_log_line

USAGE = """usage: nixeval [--eval] [--strict] [--json] [--xml] [--parse] [-E EXPR | FILE...]
               [-A ATTRPATH] [--arg NAME EXPR] [--argstr NAME VALUE] [-I PATH]
               [--show-trace] [--readonly-mode] [--read-write-mode] [--pure-eval]
               [--store DIR]
"""


class Options:
    def __init__(self) -> None:
        self.eval = False
        self.strict = False
        self.json = False
        self.xml = False
        self.parse_only = False
        self.expr_mode = False
        self.files: list[str] = []
        self.attrs: list[str] = []
        self.args: list[tuple[str, str, bool]] = []  # (name, text, is_expr)
        self.include: list[str] = []
        self.show_trace = False
        self.read_only = False  # --readonly-mode
        self.read_write = False  # --read-write-mode
        self.pure = False
        self.restrict = False
        self.store: str | None = None
        self.stats = False
        self.profile: str | None = None
        self.warnings: list[str] = []  # about settings, printed before evaluating


class UsageError(Exception):
    pass


def _set_option(o: Options, name: str, value: str) -> None:
    """A Nix setting given on the command line (see nixeval/settings.py)."""
    if not settings.known(name):
        o.warnings.append(f"unknown setting '{name}'")
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


def parse_args(argv: list[str]) -> Options:
    o = Options()
    i = 0

    def need(n: int) -> list[str]:
        nonlocal i
        if i + n >= len(argv):
            raise UsageError(f"flag '{argv[i]}' requires {n} argument{'s' if n > 1 else ''}")
        vals = argv[i + 1 : i + 1 + n]
        i += n
        return vals

    while i < len(argv):
        a = argv[i]
        if a == "--eval" or a == "--eval-only":
            o.eval = True
        elif a == "--strict":
            o.strict = True
        elif a == "--json":
            o.json = True
        elif a == "--xml":
            o.xml = True
        elif a == "--parse":
            o.parse_only = True
        elif a in ("-E", "--expr"):
            o.expr_mode = True
        elif a in ("-A", "--attr"):
            o.attrs.append(need(1)[0])
        elif a == "--arg":
            name, text = need(2)
            o.args.append((name, text, True))
        elif a == "--argstr":
            name, text = need(2)
            o.args.append((name, text, False))
        elif a == "-I" or a == "--include":
            o.include.append(need(1)[0])
        elif a.startswith("-I") and len(a) > 2:
            o.include.append(a[2:])
        elif a == "--show-trace":
            o.show_trace = True
        elif a == "--readonly-mode":
            o.read_only = True
        elif a in ("--read-write-mode", "-r"):
            o.read_write = True
        elif a == "--pure-eval":
            o.pure = True
        elif a == "--restrict-eval":
            o.restrict = True
        elif a == "--store":
            o.store = need(1)[0]
            if "://" in o.store or "?" in o.store or o.store in ("auto", "daemon"):
                raise UsageError(f"'--store {o.store}': nixeval takes a store directory, not a store URL")
        elif a == "--stats":
            o.stats = True
        elif a == "--profile":
            o.profile = need(1)[0]
        elif a == "--option":
            name, value = need(2)
            _set_option(o, name, value)
        elif a in ("--add-root", "--out-link", "-o"):
            need(1)
        elif a in ("--indirect", "--no-gc-warning", "--quiet", "-Q", "--verbose", "-v",
                   "--no-build-output", "--debug", "-L", "--print-build-logs", "-k", "-K",
                   "--relaxed-sandbox"):
            pass
        elif a in ("-j", "--log-format"):
            need(1)
        elif a.startswith("--") and a[2:] in settings.BOOL_SETTINGS:
            _set_option(o, a[2:], "true")
        elif a.startswith("--no-") and a[5:] in settings.BOOL_SETTINGS:
            _set_option(o, a[5:], "false")
        elif a.startswith("--") and a[2:] in settings.VALUE_SETTINGS:
            _set_option(o, a[2:], need(1)[0])
        elif a.startswith("--extra-") and a[8:] in settings.VALUE_SETTINGS:
            _set_option(o, a[2:], need(1)[0])
        elif a == "--":
            o.files.extend(argv[i + 1 :])
            break
        elif a.startswith("-") and a != "-":
            raise UsageError(f"unrecognised flag '{a}'")
        else:
            o.files.append(a)
        i += 1
    return o


def run(argv: list[str], stdout: TextIO | None = None, stderr: TextIO | None = None,
        stdin: TextIO | None = None, env: dict[str, str] | None = None,
        cwd: str | None = None) -> int:
    """Run the command with `argv` (without the program name); returns the exit code."""
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    stdin = stdin if stdin is not None else sys.stdin
    try:
        opts = parse_args(argv)
    except UsageError as e:
        stderr.write(f"error: {e}\nTry 'nixeval --help' for more information.\n")
        return 1
    show_trace = opts.show_trace
    for warning in opts.warnings:
        stderr.write(f"warning: {warning}\n")
    old_stderr = sys.stderr
    sys.stderr = stderr  # `builtins.trace` writes here
    try:
        return _run(opts, stdout, stderr, stdin, env, cwd)
    except NixError as e:
        # Nix filters log output: escape sequences dropped off a terminal, tabs expanded.
        stderr.write(filter_log_line(render(e, show_trace), keep_colours=_isatty(stderr)) + "\n")
        return 1
    except RecursionError:
        stderr.write("error: nixeval internal error: Python recursion limit reached (a bug in nixeval)\n")
        if (env or os.environ).get("NIXEVAL_DEBUG"):
            traceback.print_exc(file=stderr)
        return 1
    except KeyboardInterrupt:
        stderr.write("error: interrupted by the user\n")
        return 1
    except Exception as e:  # noqa: BLE001 - a bug in nixeval, reported as one
        stderr.write(f"error: nixeval internal error (a bug in nixeval, please report it): "
                     f"{type(e).__name__}: {e}\n")
        if (env or os.environ).get("NIXEVAL_DEBUG"):
            traceback.print_exc(file=stderr)
        return 1
    finally:
        sys.stderr = old_stderr


def _run(opts: Options, stdout: TextIO, stderr: TextIO, stdin: TextIO,
         env: dict[str, str] | None, cwd: str | None) -> int:
    from nixeval.errors import Source
    from nixeval.machine.evaluation import Evaluation

    cwd = cwd or os.getcwd()
    environ = dict(os.environ) if env is None else dict(env)
    # Writing needs a store directory the user named and read-write mode, which is
    # the default of instantiation and is asked for with --eval (as in Nix).
    named = opts.store is not None or bool(environ.get("NIX_STORE_DIR"))
    write = named and not opts.read_only and (not opts.eval or opts.read_write)
    ev = Evaluation(search_path=opts.include, store_dir=opts.store, pure=opts.pure,
                    restrict=opts.restrict, write_store=write,
                    cwd=cwd, env=environ, show_trace=opts.show_trace)

    # Each input: (node)
    nodes = []
    if opts.expr_mode:
        for text in opts.files:
            nodes.append(ev.parse_source(Source(text), cwd))
    elif not opts.files:
        path = os.path.join(cwd, "default.nix")
        nodes.append(ev.parse_file(path))
    else:
        for f in opts.files:
            if f == "-":
                nodes.append(ev.parse_source(Source(stdin.read()), cwd))
            else:
                path = f if os.path.isabs(f) else os.path.join(cwd, f)
                path = ev.resolve_import_path(path)
                if opts.pure or opts.restrict:
                    _check_allowed(ev, path)
                nodes.append(ev.parse_file(path))

    if opts.parse_only:
        from nixeval.syntax.show import show_expr

        for node in nodes:
            stdout.write(show_expr(node) + "\n")
        return 0

    if not opts.eval:
        # Instantiate: print each derivation's .drv path. The .drv files are written
        # in write mode; otherwise they count as written for the derivations' own checks.
        from nixeval.builtins.derivations import instantiate
        from nixeval.builtins.storestate import store_state

        store_state(ev).instantiating = not opts.read_only
        auto_args = _auto_args(ev, opts)
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

    gc_was = gc.isenabled()
    gc_thresholds = gc.get_threshold()
    gc.freeze()
    from nixeval.machine import eval as E
    from nixeval.machine.evaluation import GC_THRESHOLDS

    gc.set_threshold(*GC_THRESHOLDS)

    stats = opts.stats or environ.get("NIX_SHOW_STATS", "") not in ("", "0")
    profile_path = opts.profile or environ.get("NIXEVAL_PROFILE") or None
    profiler = None
    if stats:
        from nixeval.machine.stats import Stats

        E.STATS = Stats()
    if profile_path:
        from nixeval.machine.profile import Profiler

        profiler = Profiler(ev.machine)
        profiler.start()
    try:
        auto_args = _auto_args(ev, opts)
        for node in nodes:
            attrpaths = opts.attrs or [""]
            for ap in attrpaths:
                coro = _evaluate_one(ev, node, ap, auto_args, opts)
                text = ev.run(coro)
                # nix-instantiate ends JSON output without a newline
                stdout.write(text if opts.json else text + "\n")
                stdout.flush()
    finally:
        if profiler is not None:
            profiler.stop()
            profiler.write(profile_path)  # type: ignore[arg-type]
        if E.STATS is not None:
            import json

            stderr.write(json.dumps(E.STATS.as_json(ev.machine), indent=2) + "\n")
            E.STATS = None
        gc.set_threshold(*gc_thresholds)
        gc.unfreeze()
        if not gc_was:
            gc.disable()
    return 0


def _check_allowed(ev: Any, path: str) -> None:
    """In pure and restricted mode the main file, too, must be an allowed path."""
    from nixeval.builtins.paths import check_allowed
    from nixeval.machine import eval as E

    old = E.set_current(ev)
    try:
        check_allowed(path)
    finally:
        E.set_current(old)


def _auto_args(ev: Any, opts: Options) -> dict[str, Any]:
    from nixeval.values import Thunk

    out: dict[str, Any] = {}
    for name, text, is_expr in opts.args:
        if is_expr:
            node = ev.parse_string(text, ev.cwd)
            out[name] = Thunk(node, ev.global_env)
        else:
            out[name] = text
    return out


async def _auto_call(v: Any, auto_args: dict[str, Any]) -> Any:
    """Nix's autoCallFunction: call a function with formals using the --arg values."""
    from nixeval.machine.eval import call
    from nixeval.values import Lambda

    if type(v) is Lambda and v.node.formals is not None:
        if v.node.ellipsis:
            arg = dict(auto_args)
        else:
            arg = {}
        for name, default in v.node.formals:
            if name in auto_args:
                arg[name] = auto_args[name]
            elif default is None:
                raise EvalError(
                    f"cannot evaluate a function that has an argument without a value ('{name}')\n\n"
                    "       Nix attempted to evaluate a function as a top level expression; in\n"
                    "       this case it must have its arguments supplied either by default\n"
                    "       values, or passed explicitly with '--arg' or '--argstr'. See\n"
                    "       https://nixos.org/manual/nix/stable/#ss-functions.", v.node.span)
        return await call(v, arg)
    if isinstance(v, dict) and "__functor" in v:
        from nixeval.machine.eval import force

        f = await force(v["__functor"])
        if type(f) is Lambda:
            inner = await call(f, v)
            return await _auto_call(inner, auto_args)
    return v


def _split_attr_path(path: str) -> list[str]:
    out = []
    cur = []
    i = 0
    quoted = False
    while i < len(path):
        c = path[i]
        if c == '"':
            quoted = not quoted
        elif c == "." and not quoted:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    if quoted:
        raise EvalError(f"missing closing quote in selection path '{path}'")
    out.append("".join(cur))
    return out


async def select_attr_path(ev: Any, node: Any, attrpath: str, auto_args: dict[str, Any]) -> Any:
    """Evaluate `node` and follow `-A attrpath`, auto-calling functions along the
    path as nix-instantiate does (findAlongAttrPath)."""
    from nixeval.machine.eval import eval_node, force
    from nixeval.values import show_type

    v = await eval_node(node, ev.global_env, 0)
    if attrpath:
        for comp in _split_attr_path(attrpath):
            v = await _auto_call(v, auto_args)
            if comp.isdigit() and type(v) is list:
                idx = int(comp)
                if idx >= len(v):
                    raise EvalError(f"list index {idx} in selection path '{attrpath}' is out of range")
                v = await force(v[idx])
                continue
            if not isinstance(v, dict):
                raise EvalError(
                    f"the expression selected by the selection path '{attrpath}' should be a set but is {show_type(v)}")
            if comp == "":
                raise EvalError(f"empty attribute name in selection path '{attrpath}'")
            if comp not in v:
                raise EvalError(f"attribute '{comp}' in selection path '{attrpath}' not found")
            v = await force(v[comp])
    return v


async def _evaluate_one(ev: Any, node: Any, attrpath: str, auto_args: dict[str, Any],
                        opts: Options) -> str:
    from nixeval.machine.eval import force_deep
    from nixeval.printer import print_value

    v = await select_attr_path(ev, node, attrpath, auto_args)
    if auto_args:
        v = await _auto_call(v, auto_args)
    if opts.json:
        from nixeval.builtins.json import to_json_string  # type: ignore[attr-defined]

        return str(await to_json_string(v))
    if opts.xml:
        from nixeval.builtins.xml import to_xml_string  # type: ignore[attr-defined]

        return str(await to_xml_string(v, location=True, strict=opts.strict)).rstrip("\n")
    if opts.strict:
        await force_deep(v)
    return print_value(v)


def main() -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    argv = sys.argv[1:]
    if argv and argv[0] in ("-h", "--help"):
        sys.stdout.write(USAGE)
        sys.exit(0)
    if argv and argv[0] == "bench":
        from benchmarks.__main__ import main as bench_main  # type: ignore[import-not-found]

        sys.exit(bench_main(argv[1:]))
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
