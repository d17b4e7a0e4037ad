"""Control builtins: throw, abort, seq, deepSeq, tryEval, trace, addErrorContext, and
the newer traceVerbose (Nix 2.10), break (2.9) and warn (2.23).

Log output (`trace: ...`, `evaluation warning: ...`) goes to `sys.stderr` as Nix's
logger writes it (the CLI swaps sys.stderr). nixeval has no debugger: `break`,
`debugger-on-trace` and `debugger-on-warn` have no effect.
"""

from __future__ import annotations

import sys
from typing import Any

from nixeval.builtins.registry import builtin, expect_string
from nixeval.errors import Abort, CatchableError, FatalWarning, NixError, Thrown
from nixeval.machine.requests import coerce_to_string, current, force, force_deep
from nixeval.printer import filter_log_line, print_value
from nixeval.values import NixString


@builtin("throw", 1, global_=True)
async def throw(msg: Any) -> Any:
    raise Thrown(str(await coerce_to_string(msg)))


@builtin("abort", 1, global_=True)
async def abort(msg: Any) -> Any:
    s = await coerce_to_string(msg)
    raise Abort(f"evaluation aborted with the following error message: '{s}'")


@builtin("seq", 2, lazy=(1,))
async def seq(a: Any, b: Any) -> Any:
    return await force(b)


@builtin("deepSeq", 2, lazy=(1,))
async def deep_seq(a: Any, b: Any) -> Any:
    await force_deep(a)
    return await force(b)


@builtin("tryEval", 1, lazy=(0,))
async def try_eval(e: Any) -> Any:
    try:
        v = await force(e)
    except CatchableError:
        return {"success": False, "value": False}
    return {"success": True, "value": v}


def _log(text: str) -> None:
    """Write one message of Nix's logger to stderr."""
    err = sys.stderr
    err.write(filter_log_line(text, keep_colours=err.isatty()) + "\n")
    err.flush()


async def _trace(msg: Any) -> None:
    if type(msg) is str or type(msg) is NixString:
        text = str(msg)  # a string is printed raw, context or not
    else:
        text = print_value(await force(msg))  # lazily: thunks inside show as <CODE>
    _log(f"trace: {text}")


@builtin("trace", 2, lazy=(1,))
async def trace(msg: Any, b: Any) -> Any:
    await _trace(msg)
    return await force(b)


@builtin("traceVerbose", 2, lazy=(0, 1))
async def trace_verbose(msg: Any, b: Any) -> Any:
    """`trace` when the setting `trace-verbose` is true; otherwise the second argument,
    the first left unevaluated."""
    if current().settings.trace_verbose:
        await _trace(await force(msg))
    return await force(b)


@builtin("break", 1, global_=True)
def break_(v: Any) -> Any:
    """Without a debugger (nixeval has none), the argument itself."""
    return v


_WARN_PREFIX = "evaluation warning: "


def warning_text(msg: str) -> str:
    """A warning as Nix's logger prints it: `evaluation warning: ` before the first
    line, the other lines indented to align with it (no indentation when the message
    starts with a newline), trailing whitespace of each line and of the whole dropped."""
    if msg.startswith("\n"):
        return _WARN_PREFIX.rstrip(" ") + msg.rstrip(" \n\r\t")
    body = msg.rstrip(" \n\r\t")
    lines = body.split("\n") if body else []
    pad = " " * len(_WARN_PREFIX)
    out = [(_WARN_PREFIX if i == 0 else pad) + line for i, line in enumerate(lines)]
    # (an empty message prints as an empty line: Nix indents no line at all)
    return "\n".join(line.rstrip(" \n\r\t") for line in out)


@builtin("warn", 2, lazy=(1,))
async def warn(msg: Any, b: Any) -> Any:
    """Nix 2.23's warn: the message must be a string (its context is ignored); with the
    setting `abort-on-warn` the evaluation stops after the warning is printed, with an
    error `tryEval` does not catch."""
    text = str(expect_string(msg))
    _log(warning_text(text))
    if current().settings.abort_on_warn:
        raise FatalWarning("aborting to reveal stack trace of warning, as abort-on-warn is set")
    return await force(b)


@builtin("addErrorContext", 2, lazy=(0, 1))
async def add_error_context(ctx: Any, e: Any) -> Any:
    """The context message is forced (and coerced) only when `e` fails."""
    try:
        return await force(e)
    except NixError as err:
        msg = await coerce_to_string(await force(ctx), copy_to_store=False)
        err.add_trace(str(msg), None)
        raise
