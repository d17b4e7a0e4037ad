"""Control builtins: throw, abort, seq, deepSeq, tryEval, trace, addErrorContext."""

from __future__ import annotations

import sys
from typing import Any

from nixeval.builtins.registry import builtin
from nixeval.errors import Abort, CatchableError, NixError, Thrown
from nixeval.machine.eval import coerce_to_string, force, force_deep
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


@builtin("trace", 2, lazy=(1,))
async def trace(msg: Any, b: Any) -> Any:
    from nixeval.printer import filter_log_line, show_value

    if type(msg) is str or type(msg) is NixString:
        text = str(msg)  # a string is printed raw, context or not
    else:
        text = await show_value(msg, strict=False)
    err = sys.stderr
    err.write(filter_log_line(f"trace: {text}", keep_colours=err.isatty()) + "\n")
    sys.stderr.flush()
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
