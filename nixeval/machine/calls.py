"""Forcing thunks and calling functions: the machine's core loop (`eval_tail`).

`eval_tail(node, env, d)` evaluates a node, looping through tail positions (if
branches, let/with/assert bodies, the body of the function an application calls, a
thunk met in tail position) in one coroutine frame rather than nesting one per step.
It is the `ev` of the tail nodes (If, Apply, Let, With, Assert, variables) and what
forcing a thunk runs.

Invariants:
- `d` is the number of coroutine frames delegating to this one in the current
  scheduler segment; a child is entered by direct `await` while `d < BUDGET`, else
  handed to the scheduler with `spawn` (a fresh segment at depth 0). So Python's
  stack never grows past ~BUDGET frames, whatever the Nix recursion depth.
- A thunk is forced by whoever meets it: first `force_fast` (fast.py), else
  `force_thunk`, which blackholes it (`Thunk.blackhole`) while its node runs, then
  resolves it, or suspends it again on an error.
- A forced thunk's value is written back over the thunk in the slot it was read
  from (env, list or dict): the same Nix value, one indirection less.
- Function calls: one closure entry (`enter_closure`: statistics, `max-call-depth`,
  the scheduler's tick), and one application of a builtin (`primop_call` on its
  arguments, the strict ones forced, then `run_async_primop` for an async builtin
  whose fast path did not answer); `call_value` and `eval_tail` use both. (The
  tail loop forces a builtin's strict arguments itself, `force_args` written out:
  one coroutine less per call, 1% of `modules`.) The synchronous attempts of the
  fast paths are in fast.py (`apply_fast`, `primop_now`).
- This module owns the call depth (`_call_depth`) and the scheduler tick count
  (`_ticks`): every function that changes them is here.
"""

from __future__ import annotations

import types
from collections.abc import Awaitable, Callable, Coroutine, Generator, Sequence
from typing import Any

from nixeval.errors import (
    AssertionFailed,
    InfiniteRecursion,
    NixError,
    NotAFunction,
    OutOfMemory,
    StackOverflow,
    TypeError_,
)
from nixeval.machine.context import on_activate, resident_bytes
from nixeval.machine.env import MISSING, bind_formals, let_env, make_item
from nixeval.machine.fast import (
    MISS_LIMIT,
    NOTFAST,
    add_select_trace,
    apply_fast,
    force_fast,
    missed,
)
from nixeval.machine.scheduler import spawn
from nixeval.settings import DEFAULT_MAX_CALL_DEPTH
from nixeval.syntax import ast as A
from nixeval.syntax.show import show_expr
from nixeval.values import (
    BLACKHOLE,
    INT_MAX,
    INT_MIN,
    SLOW,
    Lambda,
    PrimOp,
    PrimOpApp,
    Thunk,
    attr_position,
    show_type,
)

BUDGET = 60

# Function calls since the last scheduler hop. Every TICK_EVERY calls the machine is
# entered once (`await spawn(_tick())`), so that a flat loop of calls, which never
# needs a new segment, still gives the scheduler (and an async host) a turn. Calls
# a builtin makes synchronously (`call_now`) count too: every TICK_EVERY-th is made
# by `call_value` instead. (Calls inside one synchronous `fast` attempt do not: such
# an attempt nests at most FAST_BUDGET deep, but may be wide.)
TICK_EVERY = 1024
_ticks = 0

# Nested function calls in progress, tail calls counted (Nix has no tail calls: each
# call in tail position nests in C++), and the `max-call-depth` limit. Counted where
# a call can nest without bound: `call_value` and the tail-call loop of `eval_tail`
# (a frame's tail calls stay counted until the frame returns). Calls made inside one
# synchronous `fast` attempt (at most FAST_BUDGET deep) are not counted.
_call_depth = 0

# The running evaluation's parameters (see context.py): its statistics observer,
# its `max-call-depth`, its memory budget in bytes (None: no budget).
STATS: Any = None
_max_call_depth = DEFAULT_MAX_CALL_DEPTH
_max_memory: int | None = None


def _configure(evaluation: Any) -> None:
    global STATS, _max_call_depth, _max_memory
    if evaluation is None:
        STATS, _max_call_depth, _max_memory = None, DEFAULT_MAX_CALL_DEPTH, None
    else:
        STATS = evaluation.stats
        _max_call_depth = evaluation.settings.max_call_depth
        _max_memory = evaluation.max_memory


on_activate(_configure)


async def _tick() -> None:
    """A scheduler turn (the host may run), and the memory budget's check."""
    if _max_memory and resident_bytes() > _max_memory:
        raise OutOfMemory(f"out of memory: the evaluation grew past its budget of "
                          f"{_max_memory >> 20} MiB (--max-memory)")


def _stack_overflow(span: Any) -> StackOverflow:
    return StackOverflow("stack overflow; max-call-depth exceeded", span)


# Late-bound evaluators of two nodes `eval_tail` handles in its own frame, declared
# by the modules that own those nodes (nodes.py, operators.py) with `tail_hooks`:
# the selection of an attribute whose item is then forced in this frame, and `+` of
# operands that are not two integers adding up to one.
_select_item: Callable[..., Awaitable[Any]]
_add_values: Callable[..., Awaitable[Any]]


def tail_hooks(*, select_item: Callable[..., Awaitable[Any]] | None = None,
               add_values: Callable[..., Awaitable[Any]] | None = None) -> None:
    """Declare the evaluators `eval_tail` calls for Select and Add nodes."""
    global _select_item, _add_values
    if select_item is not None:
        _select_item = select_item
    if add_values is not None:
        _add_values = add_values


# --- forcing ---------------------------------------------------------------------------

def force_thunk(t: Thunk, d: int) -> Coroutine[Any, Any, Any]:
    """A coroutine forcing thunk `t` (memoised, blackholed meanwhile): `eval_tail`
    entered with the thunk itself, so forcing costs one coroutine."""
    return eval_tail(t, None, d)


async def force(item: Any) -> Any:
    """Request: the value of an item, to weak head normal form. (A request made by a
    builtin, which runs as the root of its own segment: depth 1.)"""
    if type(item) is not Thunk:
        return item
    if item.node is None:
        return item.value
    v = force_fast(item)
    if v is not NOTFAST:
        return v
    return await force_thunk(item, 1)


async def force_item(item: Any, d: int) -> Any:
    """The value of an item, from a frame at depth `d`."""
    if type(item) is not Thunk:
        return item
    if item.node is None:
        return item.value
    v = force_fast(item)
    if v is not NOTFAST:
        return v
    if d < BUDGET:
        return await force_thunk(item, d + 1)
    return await spawn(force_thunk(item, 0))


async def eval_node(node: A.Node, env: list[Any], d: int) -> Any:
    """The value of `node` in `env`: its `fast`, else its `ev`."""
    v = node.fast(env)
    if v is NOTFAST:
        if d < BUDGET:
            return await node.ev(env, d + 1)
        return await spawn(node.ev(env, 0))
    return v


def run_node(node: A.Node, env: list[Any]) -> Coroutine[Any, Any, Any]:
    """A coroutine evaluating `node` in `env` (the entry point for a program)."""
    return eval_node(node, env, 0)


# --- closures --------------------------------------------------------------------------

async def bind_args(f: Lambda, arg: Any, d: int, span: Any) -> list[Any]:
    """The environment of a call of closure `f` with argument item `arg`."""
    if f.node.formals is None:
        return [f.env, arg]
    return bind_formals(f, await force_item(arg, d), span)


def enter_closure(fnode: A.Lambda, env: list[Any], span: Any) -> bool:
    """Account for entering a call of `fnode` with environment `env`: statistics and
    `max-call-depth` (the caller decrements `_call_depth` when the call returns).
    True when the scheduler is due a turn (`await spawn(_tick())`)."""
    global _ticks, _call_depth
    if STATS is not None:
        STATS.nrFunctionCalls += 1
        STATS.envs += 1
        STATS.envElements += len(env) - 1
    if _call_depth >= _max_call_depth:
        raise _stack_overflow(span)
    _call_depth += 1
    _ticks += 1
    if _ticks >= TICK_EVERY:
        _ticks = 0
        return True
    return False


def add_call_trace(e: NixError, fnode: A.Lambda, span: Any) -> None:
    """The frames Nix's --show-trace shows for an error inside a function call."""
    if fnode.name is not None:
        e.add_trace(f"while evaluating '{fnode.name}'", fnode.span, call=True)
    else:
        e.add_trace("while evaluating anonymous lambda", fnode.span, call=True)
    e.add_trace("from call site", span, call=True)


async def call_value(f: Any, args: Sequence[Any], d: int, span: Any) -> Any:
    """Apply function value `f` to argument items `args`; the forced result."""
    global _call_depth
    for arg in args:
        tf = type(f)
        if tf is Lambda:
            fnode = f.node
            if fnode.formals is None:
                env = [f.env, arg]
            else:
                env = await bind_args(f, arg, d, span)
            if enter_closure(fnode, env, span):
                try:
                    await spawn(_tick())
                except BaseException:
                    _call_depth -= 1
                    raise
            body = fnode.body
            try:
                r = body.fast(env)
                if r is NOTFAST:
                    r = await eval_tail(body, env, d + 1) if d < BUDGET else await spawn(eval_tail(body, env, 0))
            except NixError as e:
                add_call_trace(e, fnode, span)
                raise
            finally:
                _call_depth -= 1
            f = r
        elif tf is PrimOp or tf is PrimOpApp:
            if tf is PrimOp:
                op = f
                pargs: Any = (arg,)
            else:
                op = f.op
                pargs = f.args + (arg,)
            if len(pargs) < op.arity:
                f = PrimOpApp(op, pargs)
                continue
            forced = await force_args(op, pargs, d)
            r = primop_call(op, forced, span)
            if r is NOTFAST:
                r = await run_async_primop(op, forced, span)
            if type(r) is Thunk:
                t = r
                r = force_fast(t)
                if r is NOTFAST:
                    r = await (force_thunk(t, d + 1) if d < BUDGET else spawn(force_thunk(t, 0)))
            f = r
        elif issubclass(tf, dict) and "__functor" in f:
            functor = await force_item(f["__functor"], d)
            f = await call_value(functor, [f, arg], d + 1, span) if d < BUDGET else await spawn(call_value(functor, [f, arg], 0, span))
        else:
            raise NotAFunction(f"attempt to call something which is not a function but {show_type(f)}", span)
    return f


# --- primops ---------------------------------------------------------------------------

def primop_call(op: PrimOp, forced: Any, span: Any) -> Any:
    """Call builtin `op` on all its arguments, the strict ones forced: the machine's
    one application of a builtin. Returns the value; or an item the builtin returned
    (a Thunk: the caller forces it, `head`, `getAttr`...); or NOTFAST for an async
    builtin whose fast path did not give the value (the caller runs it with
    `run_async_primop`). A Nix error the builtin raises gets the call's position."""
    fn = op.fast if op.is_async else op.fn
    if fn is None:
        return NOTFAST
    try:
        r = fn(*forced)
    except NixError as e:
        raise e.at(span)
    if r is SLOW:
        return NOTFAST
    if STATS is not None:
        STATS.nrPrimOpCalls += 1
    if type(r) is Thunk and r.node is None:
        return r.value
    return r


async def force_args(op: PrimOp, args: Any, d: int) -> Any:
    """`args` with the strict arguments of builtin `op` forced, in order."""
    strict = op.strict
    forced = list(args)
    i = 0
    for a in args:
        if type(a) is Thunk and strict[i]:
            forced[i] = await force_item(a, d)
        i += 1
    return forced


async def run_async_primop(op: PrimOp, forced: Any, span: Any) -> Any:
    """Run async builtin `op` (after `primop_call` gave NOTFAST) on its arguments,
    the strict ones forced, as the root of a new segment."""
    if STATS is not None:
        STATS.nrPrimOpCalls += 1
    try:
        return await spawn(op.fn(*forced))
    except NixError as e:
        raise e.at(span)


# --- the tail loop ---------------------------------------------------------------------

async def eval_tail(node: Any, env: list[Any] | None, d: int) -> Any:
    """Evaluate `node`, looping through tail positions in this same frame. With `env`
    None, `node` is a Thunk to force (see `force_thunk`).

    A thunk met in tail position (a variable, a selected attribute, an item returned
    by a builtin) is forced in this frame too: it is blackholed and its expression
    becomes the node of the loop; when the loop ends, every thunk so entered (`pend`)
    gets the value, and on an error they are suspended again as they were."""
    global _call_depth
    # The last function called in tail position in this frame, for --show-trace
    # (earlier tail calls of the same frame are not kept: a loop of a million tail
    # calls must not keep a million frames).
    tfn: Any = None
    tspan: Any = None
    pend: Any = None
    sel: Any = None  # the Select whose attribute is the thunk about to be entered
    ncalls = 0  # tail calls made in this frame, counted in `_call_depth` until it returns
    item: Any
    # A node's `ev` is only called once its `fast` has failed: not tried again for
    # the node this frame was entered with, nor for the node of a thunk it forces
    # when that thunk's `force_fast` just failed (every node has an `ev`, so
    # skipping `fast` is always safe).
    entry = node
    if env is None:
        item = node
        tn = item.node
        if tn is None:
            return item.value
        if tn is BLACKHOLE:
            raise InfiniteRecursion("infinite recursion encountered", item.value)
        pend = [(item, tn, None)]
        env = item.env
        item.node = BLACKHOLE  # item.blackhole(tn.span), written out
        item.value = tn.span
        node = entry = tn  # its `fast` was tried by whoever forces it
    try:
        while True:
            t = type(node)
            if t is A.If:
                c = node.cond
                v = c.fast(env)
                if v is NOTFAST:
                    v = await (c.ev(env, d + 1) if d < BUDGET else spawn(c.ev(env, 0)))
                if v is True:
                    node = node.then
                elif v is False:
                    node = node.else_
                else:
                    raise TypeError_(f"value is {show_type(v)} while a Boolean was expected", node.span)
                continue
            if t is A.Apply:
                fn = node.fn
                f = fn.fast(env)
                if f is NOTFAST:
                    f = await (fn.ev(env, d + 1) if d < BUDGET else spawn(fn.ev(env, 0)))
                nargs = node.args
                span = node.span
                if type(f) is PrimOp and f.arity == len(nargs):
                    # A builtin given all its arguments (`b.isAttrs v`, `b.mapAttrs g s`).
                    n = len(nargs)
                    if n == 1:
                        items: Any = (nargs[0].item(env),)
                    elif n == 2:
                        items = (nargs[0].item(env), nargs[1].item(env))
                    else:
                        items = [a.item(env) for a in nargs]
                    op = f
                else:
                    n = len(nargs)
                    if n == 1:
                        arg = nargs[0].item(env)
                    elif n == 2:
                        # `f a b`: `a`'s item and `b`'s made before the first call, as Nix does
                        it = nargs[0].item(env)
                        arg = nargs[1].item(env)
                        r = apply_fast(f, (it,), span)
                        f = await call_value(f, (it,), d, span) if r is NOTFAST else r
                    else:
                        # Every argument's item is made before the first call, as Nix does.
                        items = [a.item(env) for a in nargs]
                        arg = items.pop()
                        k = 0
                        for it in items:
                            # Curried steps that cost no coroutine: a primop gathering
                            # arguments, a function whose body is at hand (`x: y: ...`).
                            r = apply_fast(f, (it,), span)
                            if r is NOTFAST:
                                break
                            f = r
                            k += 1
                        if k < len(items):
                            f = await call_value(f, items[k:], d, span)
                    tf = type(f)
                    if tf is Lambda:
                        fnode = f.node
                        if fnode.formals is None:
                            env = [f.env, arg]
                        else:
                            env = await bind_args(f, arg, d, span)
                        due = enter_closure(fnode, env, span)
                        ncalls += 1
                        if due:
                            await spawn(_tick())
                        tfn = fnode
                        tspan = span
                        node = fnode.body
                        continue
                    if tf is PrimOp:
                        op = f
                        items = (arg,)
                    elif tf is PrimOpApp:
                        op = f.op
                        items = f.args + (arg,)
                    else:
                        v = await call_value(f, (arg,), d, span)
                        break
                    if len(items) < op.arity:
                        v = PrimOpApp(op, items)
                        break
                # The builtin's strict arguments forced in order, each synchronously
                # when it can be (`force_args`, written out: one coroutine less per call).
                strict = op.strict
                forced: Any = items
                i = 0
                for a in items:
                    if type(a) is Thunk and strict[i]:
                        if forced is items:
                            forced = list(items)
                        if a.node is None:
                            forced[i] = a.value
                        else:
                            r = force_fast(a)
                            if r is NOTFAST:
                                r = await (force_thunk(a, d + 1) if d < BUDGET else spawn(force_thunk(a, 0)))
                            forced[i] = r
                    i += 1
                v = primop_call(op, forced, span)
                if v is NOTFAST:
                    v = await run_async_primop(op, forced, span)
                    if type(v) is not Thunk:
                        break
                    if v.node is None:
                        v = v.value
                        break
                elif type(v) is not Thunk:
                    break
                item = v  # an item the builtin returned (`head`, `getAttr`...)
            elif t is A.Let:
                env = let_env(node, env)
                node = node.body
                continue
            elif t is A.With:
                # The set is looked up lazily, at the first lookup through it (Nix's
                # `Env::HasWithExpr`), even when it is itself a `with` variable.
                wnode = node.attrs
                env = [env, make_item(wnode, env) if type(wnode) is A.WithVar else wnode.item(env)]
                node = node.body
                continue
            elif t is A.Assert:
                c = node.cond
                v = c.fast(env)
                if v is NOTFAST:
                    v = await (c.ev(env, d + 1) if d < BUDGET else spawn(c.ev(env, 0)))
                if type(v) is not bool:
                    raise TypeError_(f"value is {show_type(v)} while a Boolean was expected", node.span)
                if not v:
                    raise AssertionFailed(f"assertion '{show_expr(c)}' failed", node.span)
                node = node.body
                continue
            else:
                if node is not entry:
                    v = node.fast(env)
                    if v is not NOTFAST:
                        break
                if t is A.Add:
                    # A `+` in tail position (`f (n - 1) + f (n - 2)`) is evaluated in
                    # this frame: one coroutine less per call.
                    l = node.left
                    a = l.fast(env)
                    if a is NOTFAST:
                        a = await (l.ev(env, d + 1) if d < BUDGET else spawn(l.ev(env, 0)))
                    r = node.right
                    b = r.fast(env)
                    if b is NOTFAST:
                        b = await (r.ev(env, d + 1) if d < BUDGET else spawn(r.ev(env, 0)))
                    if type(a) is int and type(b) is int:
                        v = a + b
                        if INT_MIN <= v <= INT_MAX:
                            break
                    v = await _add_values(node, a, b, d)
                    break
                elif t is A.Var or t is A.Var0 or t is A.Var1:
                    # a thunk `fast` could not compute: forced below
                    depth = node.depth
                    e = env
                    while depth:
                        e = e[0]
                        depth -= 1
                    item = e[node.index]
                    if type(item) is not Thunk:
                        v = item
                        break
                    if item.node is None:
                        v = item.value
                        break
                    if item.node is BLACKHOLE:
                        # Nix reports the variable that demanded the value being computed.
                        raise InfiniteRecursion("infinite recursion encountered", node.span)
                elif t is A.SelectVar or t is A.Select:
                    found = await _select_item(node, env, d, True)
                    if found is MISSING:
                        node = node.default
                        continue
                    if type(found) is not tuple:
                        v = found
                        break
                    item = found[0][found[1]]
                    sel = (node, found)
                else:
                    v = await node.ev(env, d)
                    break
            # `item` is an unforced thunk: force it in this frame.
            tn = item.node
            if tn is BLACKHOLE:
                raise InfiniteRecursion("infinite recursion encountered", item.value)
            if pend is None:
                pend = []
            pend.append((item, tn, sel))
            sel = None
            env = item.env
            item.node = BLACKHOLE  # item.blackhole(tn.span), written out
            item.value = tn.span
            node = tn
            if t is A.Var0 or t is A.Var1 or t is A.Var:
                entry = tn  # the variable's `fast` tried to force it
    except BaseException as e:
        _call_depth -= ncalls
        if pend is not None:
            for th, tn, tsel in reversed(pend):
                th.suspend(tn)
                if tsel is not None and isinstance(e, NixError):
                    add_select_trace(e, tsel[0], attr_position(*tsel[1]))
        if tfn is not None and isinstance(e, NixError):
            add_call_trace(e, tfn, tspan)
        raise
    _call_depth -= ncalls
    if pend is not None:
        for th, _tn, _tsel in pend:
            th.node = None  # th.resolve(v), written out
            th.env = None
            th.value = v
        if STATS is not None:
            STATS.nrThunksForced += len(pend)
    return v


# --- requests for builtins (see requests.py) --------------------------------------------

@types.coroutine
def _done(v: Any) -> Generator[Any, Any, Any]:
    """An awaitable of a value at hand."""
    return v
    yield  # noqa: B901 - a generator, so that `await` accepts it


def call(f: Any, *args: Any) -> Any:
    """Request: apply a function value to argument items (`await call(f, x)`).
    A plain function returning an awaitable: the result at once when `call_now`
    computes it, else the call's coroutine. Builtins that call a Nix function per
    element (sort, foldl', filter...) try `call_now` themselves, then `call_async`."""
    r = call_now(f, *args)
    if r is NOTFAST:
        return call_value(f, args, 1, None)
    return _done(r)


def call_async(f: Any, *args: Any) -> Coroutine[Any, Any, Any]:
    """Request: the call of a function value as a coroutine (after `call_now`
    gave SLOW: no synchronous attempt)."""
    return call_value(f, args, 1, None)


def call_now(f: Any, *args: Any) -> Any:
    """Request, sync: `f` applied to argument items when that can be computed
    synchronously (see fast.py), else SLOW (then `await call_async(f, ...)`)."""
    global _ticks
    _ticks += 1
    if _ticks >= TICK_EVERY:
        # Time the scheduler had a turn (see TICK_EVERY): `call_value` gives it.
        return NOTFAST
    if type(f) is Lambda:
        fnode = f.node
        m = fnode.miss
        if m > 3:
            # paused (see MISS_LIMIT)
            if m < MISS_LIMIT:
                fnode.miss = m + 1
                return NOTFAST
            m = fnode.miss = 3
        r = apply_fast(f, args, None)
        if r is NOTFAST:
            fnode.miss = missed(m)
        elif m:
            fnode.miss = 0
        return r
    return apply_fast(f, args, None)
