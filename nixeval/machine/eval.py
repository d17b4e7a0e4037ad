"""The evaluator: an `ev` coroutine for every AST node, thunk forcing and calls.

Invariants:
- `node.ev(env, d)` evaluates `node` to weak head normal form. `d` is the number of
  coroutine frames delegating to this one in the current scheduler segment; a child
  is entered by direct `await` while `d < BUDGET`, else handed to the scheduler with
  `spawn` (a fresh segment at depth 0). So Python's stack never grows past ~BUDGET
  frames, whatever the Nix recursion depth.
- `node.fast(env)` is the synchronous fast path: the value when it can be computed
  without a coroutine, else `NOTFAST` (then `ev` starts over). It recurses into strict
  children (only on nodes of small height, `leafy`), forces thunks and calls functions
  and sync builtins, within a budget of nesting (`FAST_BUDGET`). It has no effects
  beyond memoising thunks it forced. Where `ev` would fail, `fast` gives NOTFAST and
  `ev`, evaluating again, raises the error with its context; the one error `fast`
  raises itself is the one making an item raises at that same point (an undefined
  variable of a `with` already looked through). `NOTFAST` is never a Nix value: it
  is the object builtins' fast paths know as SLOW (`force_now`, `call_now`).
- `fast` is never needed: every node has an `ev`, and skipping an attempt only costs
  time. The slow path skips the ones that just failed: the node of a thunk it
  forces (whoever forces a thunk tried `_force_fast` first) and the thunk that
  failed last (`_last_failed`, a hint).
- `fast` does not blackhole the thunks it forces: a thunk whose computation needs
  itself is an infinite recursion, so forcing it again inside can never succeed;
  the attempt ends with the nesting budget and the slow path, which blackholes,
  reports the error.
- A fast path that gets NOTFAST from a child gives up (returns NOTFAST/SLOW) rather
  than going on with something else: nothing is forced out of Nix's order.
- Tail positions (if branches, let/with/assert bodies, the body of the function in
  an application) loop inside `eval_tail` rather than nesting a frame.
- `node.item(env)` makes the *item* for a lazy position (function argument, list
  element, attribute value): a value when that costs nothing, else a `Thunk`.
- A forced thunk's value is written back over the thunk in the slot it was read
  from (env, list or dict): the same Nix value, one indirection less.
"""

from __future__ import annotations

import types
from collections.abc import Coroutine, Generator, Sequence
from typing import Any

from nixeval.errors import (
    AssertionFailed,
    EvalError,
    InfiniteRecursion,
    MissingAttribute,
    NixError,
    OutOfMemory,
    StackOverflow,
    TypeError_,
    did_you_mean,
)
from nixeval.machine.scheduler import spawn
from nixeval.printer import format_attr_name
from nixeval.settings import DEFAULT_MAX_CALL_DEPTH
from nixeval.syntax import ast as A
from nixeval.syntax.lower import canon_path
from nixeval.values import (
    BLACKHOLE,
    INT_MAX,
    INT_MIN,
    SLOW,
    AttrSet,
    Lambda,
    NixPath,
    NixString,
    PrimOp,
    PrimOpApp,
    Thunk,
    attr_position,
    canonical_str,
    make_string,
    pos_attrs,
    show_type,
)

BUDGET = 60

_new = object.__new__


class _NotFast:
    __slots__ = ()


# The result of a synchronous attempt that did not compute the value. The same
# object as SLOW, which builtins' fast paths return and `call_now`/`force_now` give
# them, so no translation is needed on the way.
NOTFAST: Any = SLOW
_MISSING: Any = object()

_current: Any = None
# A `stats.Stats` while statistics are collected (--stats, NIX_SHOW_STATS), else None.
STATS: Any = None

# Function calls since the last scheduler hop. Every TICK_EVERY calls the machine is
# entered once (`await spawn(_tick())`), so that a flat loop of calls, which never
# needs a new segment, still gives the scheduler (and an async host) a turn. Calls
# a builtin makes synchronously (`call_now`) count too: every TICK_EVERY-th is made
# by `call_value` instead. (Calls inside one synchronous `fast` attempt do not: such
# an attempt nests at most FAST_BUDGET deep, but may be wide.)
TICK_EVERY = 1024
_ticks = 0


async def _tick() -> None:
    """A scheduler turn (the host may run), and the memory budget's check."""
    if _max_memory and resident_bytes() > _max_memory:
        raise OutOfMemory(f"out of memory: the evaluation grew past its budget of "
                          f"{_max_memory >> 20} MiB (--max-memory)")


def current() -> Any:
    """The `Evaluation` in progress."""
    return _current


def set_current(ev: Any) -> Any:
    global _current, _max_call_depth, _max_memory
    old = _current
    _current = ev
    _max_call_depth = ev.settings.max_call_depth if ev is not None else DEFAULT_MAX_CALL_DEPTH
    _max_memory = ev.max_memory if ev is not None else None
    return old


# The memory budget in bytes (`--max-memory`), checked at every scheduler turn
# (TICK_EVERY calls); None: no budget.
_max_memory: int | None = None


def resident_bytes() -> int:
    """The process's resident memory now (Linux), else its peak so far."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE_SIZE
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


try:
    import os as _os

    _PAGE_SIZE = _os.sysconf("SC_PAGE_SIZE")
except (AttributeError, ValueError, OSError):
    _PAGE_SIZE = 4096


# Nested function calls in progress, tail calls counted (Nix has no tail calls: each
# call in tail position nests in C++), and the `max-call-depth` limit. Counted where
# a call can nest without bound: `call_value` and the tail-call loop of `eval_tail`
# (a frame's tail calls stay counted until the frame returns). Calls made inside one
# synchronous `fast` attempt (at most FAST_BUDGET deep) are not counted. The default
# limit: DEFAULT_MAX_CALL_DEPTH in nixeval/settings.py.
_max_call_depth = DEFAULT_MAX_CALL_DEPTH
_call_depth = 0


def _stack_overflow(span: Any) -> StackOverflow:
    return StackOverflow("stack overflow; max-call-depth exceeded", span)


# --- thunks -------------------------------------------------------------------------

def force_thunk(t: Thunk, d: int) -> Coroutine[Any, Any, Any]:
    """A coroutine forcing thunk `t` (memoised, blackholed meanwhile): `eval_tail`
    entered with the thunk itself, so forcing costs one coroutine."""
    return eval_tail(t, None, d)


# The public requests below are for builtins written in Python. An async builtin
# always runs as the root of its own scheduler segment (see `_call_primop`), so the
# requests it makes can delegate directly at depth 1.

async def force(item: Any) -> Any:
    """Public request: the value of an item, to weak head normal form."""
    if type(item) is not Thunk:
        return item
    if item.node is None:
        return item.value
    v = _force_fast(item)
    if v is not NOTFAST:
        return v
    return await force_thunk(item, 1)


async def _force_item(item: Any, d: int) -> Any:
    if type(item) is not Thunk:
        return item
    if item.node is None:
        return item.value
    v = _force_fast(item)
    if v is not NOTFAST:
        return v
    if d < BUDGET:
        return await force_thunk(item, d + 1)
    return await spawn(force_thunk(item, 0))


def _notfast(self: A.Node, env: list[Any]) -> Any:
    return NOTFAST


def _thunk_item(self: A.Node, env: list[Any]) -> Any:
    if STATS is not None:
        STATS.nrThunks += 1
    t = _new(Thunk)  # what Thunk(self, env) makes, without a call of __init__
    t.node = self
    t.env = env
    t.value = None
    return t


A.Node.fast = _notfast  # type: ignore[attr-defined]
A.Node.item = _thunk_item  # type: ignore[attr-defined]


UNSET: Any = _NotFast()  # a slot of an environment still being filled


def item_rec(node: A.Node, env: list[Any]) -> Any:
    """An item for a binding of a `let` or `rec` set, whose environment is still
    being filled (its empty slots hold UNSET): constants are made directly, and a
    variable shares the item it names once that slot is filled, as in Nix."""
    t = type(node)
    if t is A.Const:
        return node.value  # type: ignore[attr-defined]
    if t is A.WithVar:
        return _withvar_item(node, env)  # type: ignore[arg-type]
    if t is A.Var or t is A.Var0 or t is A.Var1:
        depth = node.depth  # type: ignore[attr-defined]
        e = env
        while depth:
            e = e[0]
            depth -= 1
        v = e[node.index]  # type: ignore[attr-defined]
        if v is not UNSET:
            return v
    if STATS is not None:
        STATS.nrThunks += 1
    th = _new(Thunk)
    th.node = node
    th.env = env
    th.value = None
    return th  # type: ignore[no-any-return]


async def eval_node(node: A.Node, env: list[Any], d: int) -> Any:
    v = node.fast(env)  # type: ignore[attr-defined]
    if v is NOTFAST:
        if d < BUDGET:
            return await node.ev(env, d + 1)
        return await spawn(node.ev(env, 0))
    return v


# --- constants and variables -----------------------------------------------------------

def _const_fast(self: A.Const, env: list[Any]) -> Any:
    return self.value


async def _const_ev(self: A.Const, env: list[Any], d: int) -> Any:
    return self.value


A.Const.fast = _const_fast  # type: ignore[attr-defined]
A.Const.item = _const_fast  # type: ignore[attr-defined]
A.Const.ev = _const_ev  # type: ignore[method-assign]


# Nesting of synchronous work inside `fast`: thunks forced and functions called.
_fast_depth = 0
FAST_BUDGET = 40
# After a synchronous attempt ran out of budget, the next attempts to force thunks
# are skipped for a while: the machine is then descending a long chain of thunks
# (`x1 = x0 + 1; x2 = x1 + 1; ...`) and retrying 40 levels at each step would make
# the descent quadratic.
_fast_cooldown = 0
# Set when an attempt ran out of budget, until the outermost `fast` gives up: every
# application that failed on the way then pauses for long (see `_missed`), since in
# a deep recursion each attempt redoes up to FAST_BUDGET calls for nothing.
_exhausted = False

# Applications (`Apply.miss`) and functions called by builtins (`Lambda.miss`) count
# their failed synchronous attempts: after four in a row, attempts pause for
# MISS_LIMIT - MISS_PAUSE tries (MISS_LIMIT - MISS_LONG_PAUSE after running out of
# budget), then one is made again.
MISS_LIMIT = 10_000
MISS_PAUSE = MISS_LIMIT - 36
MISS_LONG_PAUSE = MISS_LIMIT - 2000


# The thunk whose synchronous attempt failed last (the outermost of a failed
# attempt): the next attempt to force it synchronously is skipped, as it is the
# slow path, evaluating the same thing again, reaching it. Only a hint: an attempt
# skipped by a stale one is one more thunk forced by a coroutine.
_last_failed: Any = None


def _out_of_budget() -> bool:
    """Whether `fast` may not force one thunk more (and start the cooldown if so)."""
    global _fast_cooldown, _exhausted
    if _fast_cooldown:
        _fast_cooldown -= 1
        return True
    if _fast_depth > FAST_BUDGET:
        _fast_cooldown = FAST_BUDGET
        _exhausted = True
        return True
    return False


def _missed(m: int) -> int:
    """The `miss` count after a failed attempt made with count `m`."""
    global _exhausted
    if _exhausted:
        if not _fast_depth:
            _exhausted = False
        return MISS_LONG_PAUSE
    return m + 1 if m < 3 else MISS_PAUSE


def _force_fast(v: Thunk) -> Any:
    """Compute an unforced thunk synchronously when its node's `fast` can; else
    NOTFAST, the thunk as it was. The thunk is not blackholed meanwhile: forcing it
    again inside starts the same computation again, which can only need it again,
    so the attempt ends when the nesting budget runs out; the slow path, which does
    blackhole, then reports the infinite recursion."""
    global _fast_depth, _exhausted, _last_failed
    node = v.node
    if not node.leafy:
        return NOTFAST
    if v is _last_failed:
        # it failed just now: the caller is the slow path forcing it
        _last_failed = None
        return NOTFAST
    if (_fast_depth > FAST_BUDGET or _fast_cooldown) and _out_of_budget():
        return NOTFAST
    _fast_depth += 1
    try:
        r = node.fast(v.env)
    except BaseException:
        _fast_depth -= 1
        raise
    _fast_depth -= 1
    if r is NOTFAST:
        if not _fast_depth:
            _exhausted = False
        _last_failed = v
        return NOTFAST
    v.node = None
    v.env = None
    v.value = r
    if STATS is not None:
        STATS.nrThunksForced += 1
    return r


def _var_fast(self: A.Var, env: list[Any]) -> Any:
    # A plain Var is at least two environments up (see `make_var`).
    env = env[0][0]
    depth = self.depth
    if depth > 2:
        env = env[0]
        while depth > 3:
            env = env[0]
            depth -= 1
    v = env[self.index]
    if type(v) is Thunk:
        if v.node is None:
            env[self.index] = v = v.value
            return v
        r = _force_fast(v)
        if r is not NOTFAST:
            env[self.index] = r
        return r
    return v


def _var_item(self: A.Var, env: list[Any]) -> Any:
    env = env[0][0]
    depth = self.depth - 2
    while depth:
        env = env[0]
        depth -= 1
    return env[self.index]


def _var1_item(self: A.Var, env: list[Any]) -> Any:
    return env[0][self.index]


A.Var.fast = _var_fast  # type: ignore[attr-defined]
A.Var.item = _var_item  # type: ignore[attr-defined]
A.Var.leafy = True


def _var0_fast(self: A.Var, env: list[Any]) -> Any:
    v = env[self.index]
    if type(v) is Thunk:
        if v.node is None:
            env[self.index] = v = v.value
            return v
        r = _force_fast(v)
        if r is not NOTFAST:
            env[self.index] = r
        return r
    return v


def _var1_fast(self: A.Var, env: list[Any]) -> Any:
    env = env[0]
    v = env[self.index]
    if type(v) is Thunk:
        if v.node is None:
            env[self.index] = v = v.value
            return v
        r = _force_fast(v)
        if r is not NOTFAST:
            env[self.index] = r
        return r
    return v


def _var0_item(self: A.Var, env: list[Any]) -> Any:
    return env[self.index]


A.Var0.fast = _var0_fast  # type: ignore[attr-defined]
A.Var1.fast = _var1_fast  # type: ignore[attr-defined]
A.Var0.item = _var0_item  # type: ignore[attr-defined]
A.Var1.item = _var1_item  # type: ignore[attr-defined]


async def _with_lookup(self: A.WithVar, env: list[Any], d: int) -> Any:
    name = self.name
    for depth in self.with_depths:
        e = env
        while depth:
            e = e[0]
            depth -= 1
        attrs = e[1]
        if type(attrs) is Thunk:
            attrs = await _force_item(attrs, d)
            e[1] = attrs
        if not isinstance(attrs, dict):
            raise TypeError_(f"value is {show_type(attrs)} while a set was expected", self.span)
        if len(e) == 2:
            e.append(True)  # looked through: Nix's `Env::HasWithAttrs`
        item = attrs.get(name, _MISSING)
        if item is not _MISSING:
            return item
    raise EvalError(f"undefined variable '{name}'", self.span)


def _withvar_item(self: A.WithVar, env: list[Any]) -> Any:
    """The item for a `with` variable in a lazy position, as Nix 2.8's
    `ExprVar::maybeThunk` makes it: while every `with` on the way has already been
    looked through (its set forced by an earlier lookup), the lookup happens now,
    so a name none of them binds is an error here and not when the item is
    forced; at the first `with` not yet looked through, a thunk."""
    name = self.name
    for depth in self.with_depths:
        e = env
        while depth:
            e = e[0]
            depth -= 1
        if len(e) == 2:
            return _thunk_item(self, env)
        item = e[1].get(name, _MISSING)
        if item is not _MISSING:
            return item
    raise EvalError(f"undefined variable '{name}'", self.span)


async def _withvar_ev(self: A.WithVar, env: list[Any], d: int) -> Any:
    item = await _with_lookup(self, env, d)
    return await _force_item(item, d)


A.WithVar.ev = _withvar_ev  # type: ignore[method-assign]
A.WithVar.item = _withvar_item  # type: ignore[attr-defined]


# --- literals -----------------------------------------------------------------------

def _lambda_fast(self: A.Lambda, env: list[Any]) -> Any:
    f = _new(Lambda)  # Lambda(self, env) without a call of __init__
    f.node = self
    f.env = env
    return f


# Items for lambdas, lists and sets are thunks, as in Nix: lazy printing shows them
# as <CODE> until something forces them. Forcing one costs no coroutine: their `fast`
# never fails (a set with dynamic names aside) and never forces anything, so they
# count as leafy for `_force_fast`.
A.Lambda.fast = _lambda_fast  # type: ignore[attr-defined]
A.Lambda.leafy = True
A.List.leafy = True


def _list_fast(self: A.List, env: list[Any]) -> Any:
    if STATS is not None:
        STATS.listElements += len(self.items)
    return [n.item(env) for n in self.items]  # type: ignore[attr-defined]


A.List.fast = _list_fast  # type: ignore[attr-defined]


async def _fast_only_ev(self: A.Node, env: list[Any], d: int) -> Any:
    return self.fast(env)  # type: ignore[attr-defined]


# Their `fast` never fails: `ev` is only called when it was not tried.
A.Lambda.ev = _fast_only_ev  # type: ignore[method-assign]
A.List.ev = _fast_only_ev  # type: ignore[method-assign]


def _attrs_static(self: A.Attrs, env: list[Any]) -> tuple[dict[str, Any], list[Any]]:
    if STATS is not None:
        STATS.sets += 1
        STATS.setElements += len(self.static)
    out = AttrSet()
    out.pos = self.span
    out.attr_pos = self.attr_pos  # shared: positions are static per literal
    sources = self.inherit_from
    if self.rec:
        renv: list[Any] = [env]
        renv.extend([UNSET] * (len(self.static) + len(sources)))
        i = 1
        for name, vnode, outer in self.pairs:
            it = vnode.item(env) if outer else item_rec(vnode, renv)  # type: ignore[attr-defined]
            renv[i] = it
            out[name] = it
            i += 1
        for src in sources:  # `inherit (e) ...`: one item per source, after the names
            renv[i] = item_rec(src, renv)
            i += 1
        return out, renv
    if sources:
        env = [env]
        env.extend([src.item(env[0]) for src in sources])  # type: ignore[attr-defined]
    for name, vnode, _o in self.pairs:
        out[name] = vnode.item(env)  # type: ignore[attr-defined]
    return out, env


def _attrs_fast(self: A.Attrs, env: list[Any]) -> Any:
    if not self.dynamic:
        return _attrs_static(self, env)[0]
    if not self.leafy:
        return NOTFAST
    out, renv = _attrs_static(self, env)
    dyn_spans: dict[str, Any] = {}
    for name_node, vnode, span in self.dynamic:
        name = name_node.fast(renv)  # type: ignore[attr-defined]
        if name is None:
            continue
        if type(name) is not str or name in out:
            return NOTFAST  # `ev` raises the error
        dyn_spans[name] = span
        out[name] = vnode.item(renv)  # type: ignore[attr-defined]
    if dyn_spans:
        out.attr_pos = {**out.attr_pos, **dyn_spans}
    return out


async def _attrs_ev(self: A.Attrs, env: list[Any], d: int) -> Any:
    out, renv = _attrs_static(self, env)
    dyn_spans: dict[str, Any] = {}
    for name_node, vnode, span in self.dynamic:
        name = name_node.fast(renv)  # type: ignore[attr-defined]
        if name is NOTFAST:
            name = await (name_node.ev(renv, d + 1) if d < BUDGET else spawn(name_node.ev(renv, 0)))
        if name is None:
            continue
        if type(name) is not str:
            if type(name) is not NixString:
                raise TypeError_(f"value is {show_type(name)} while a string was expected", name_node.span)
            raise EvalError(f"the string '{name}' is not allowed to refer to a store path "
                            f"(such as '{sorted(name.context)[0].lstrip('=')}')", name_node.span)
        if name in out:
            first = self.static[name][1] if name in self.static else dyn_spans.get(name)
            raise EvalError(f"dynamic attribute '{format_attr_name(name)}' already defined at {first.short() if first else '?'}", span)
        dyn_spans[name] = span
        out[name] = vnode.item(renv)  # type: ignore[attr-defined]
    if dyn_spans:
        out.attr_pos = {**out.attr_pos, **dyn_spans}
    return out


A.Attrs.fast = _attrs_fast  # type: ignore[attr-defined]
A.Attrs.ev = _attrs_ev  # type: ignore[method-assign]


async def _str_ev(self: A.Str, env: list[Any], d: int) -> Any:
    out = []
    ctx: set[str] = set()
    for i, p in enumerate(self.parts):
        if type(p) is str:
            out.append(p)
            continue
        v = p.fast(env)  # type: ignore[attr-defined]
        if v is NOTFAST:
            v = await (p.ev(env, d + 1) if d < BUDGET else spawn(p.ev(env, 0)))
        if type(v) is str:
            out.append(v)
            continue
        s = await coerce_to_string_d(v, d, copy_to_store=True, span=self.spans[i] or p.span)
        if type(s) is NixString:
            ctx |= s.context
        out.append(s)
    r = "".join(out)
    return make_string(r if r.isascii() else canonical_str(r), ctx)


def _str_fast(self: A.Str, env: list[Any]) -> Any:
    """An interpolated string whose parts are strings, or sets with an `outPath` that
    is one (no `__toString` to call, no path to copy)."""
    if not self.leafy:
        return NOTFAST
    out = []
    ctx: Any = None
    for p in self.parts:
        if type(p) is not str:
            p = p.fast(env)  # type: ignore[attr-defined]
            if type(p) is not str:
                if isinstance(p, dict) and "__toString" not in p and "outPath" in p:
                    p = force_now(p["outPath"])
                if type(p) is not str:
                    if type(p) is not NixString:
                        return NOTFAST
                    ctx = p.context if ctx is None else ctx | p.context
        out.append(p)
    r = "".join(out)
    if not r.isascii():
        r = canonical_str(r)
    return r if ctx is None else make_string(r, ctx)


A.Str.ev = _str_ev  # type: ignore[method-assign]
A.Str.fast = _str_fast  # type: ignore[attr-defined]


async def _path_interp_ev(self: A.PathInterp, env: list[Any], d: int) -> Any:
    out = []
    for i, p in enumerate(self.parts):
        if type(p) is str:
            out.append(p)
            continue
        v = p.fast(env)  # type: ignore[attr-defined]
        if v is NOTFAST:
            v = await (p.ev(env, d + 1) if d < BUDGET else spawn(p.ev(env, 0)))
        s = await coerce_to_string_d(v, d, copy_to_store=False, span=self.spans[i] or p.span)
        if type(s) is NixString:
            raise EvalError("a string that refers to a store path cannot be appended to a path", p.span)
        out.append(s)
    return NixPath(canon_path("".join(out)))


A.PathInterp.ev = _path_interp_ev  # type: ignore[method-assign]


async def _curpos_ev(self: A.CurPos, env: list[Any], d: int) -> Any:
    return pos_attrs(self.span)  # as unsafeGetAttrPos shows positions


A.CurPos.ev = _curpos_ev  # type: ignore[method-assign]


# --- select / has-attr ------------------------------------------------------------------

async def _attr_name(an: A.AttrName, env: list[Any], d: int) -> str:
    if an.name is not None:
        return an.name
    assert an.expr is not None
    v = an.expr.fast(env)  # type: ignore[attr-defined]
    if v is NOTFAST:
        v = await (an.expr.ev(env, d + 1) if d < BUDGET else spawn(an.expr.ev(env, 0)))
    if type(v) is not str and type(v) is not NixString:
        raise TypeError_(f"value is {show_type(v)} while a string was expected", an.span)
    return str(v)


async def _select_ev(self: A.Select, env: list[Any], d: int, tail: bool = False) -> Any:
    """`e.a.b` or `e.a.b or default`. With `tail` (for `eval_tail`, which forces it in
    its own frame) the last attribute is returned as its item when that is a
    suspended thunk, and `_MISSING` stands for "the default applies"."""
    e = self.expr
    v = e.fast(env)  # type: ignore[attr-defined]
    if v is NOTFAST:
        v = await (e.ev(env, d + 1) if d < BUDGET else spawn(e.ev(env, 0)))
    default = self.default
    path = self.path
    last = path[-1]
    found: Any = None  # (set, name) of the last attribute found, for the error trace
    try:
        for an in path:
            name = an.name if an.name is not None else await _attr_name(an, env, d)
            if not isinstance(v, dict):
                if default is not None:
                    found = None
                    return _MISSING if tail else await eval_node(default, env, d)
                raise TypeError_(f"value is {show_type(v)} while a set was expected", self.span)
            item = v.get(name, _MISSING)
            if STATS is not None:
                STATS.nrLookups += 1
            if item is _MISSING:
                if default is not None:
                    found = None
                    return _MISSING if tail else await eval_node(default, env, d)
                raise MissingAttribute(f"attribute '{name}' missing", self.span).suggest(did_you_mean(name, v))
            found = (v, name)
            if type(item) is Thunk:
                tnode = item.node
                if tnode is None:
                    item = item.value
                elif tail and an is last and tnode is not BLACKHOLE:
                    global _tail_found
                    _tail_found = found
                    return item
                else:
                    r = _force_fast(item)
                    if r is NOTFAST:
                        r = await (force_thunk(item, d + 1) if d < BUDGET else spawn(force_thunk(item, 0)))
                    item = r
                v[name] = item
            v = item
    except NixError as err:
        if found is not None:
            add_select_trace(err, self, attr_position(found[0], found[1]))
        raise
    return v


# The (set, name) of the attribute `_select_ev` last returned unforced in tail mode:
# eval_tail reads it at once to place its trace frame.
_tail_found: Any = None


def add_select_trace(err: NixError, sel: Any, span: Any) -> None:
    """Nix's frame for an error met while a selected attribute was being evaluated
    (or after one was found): "while evaluating the attribute 'a.b'" at the
    attribute (its mere presence makes Nix print the --show-trace hint)."""
    names = ".".join(an.name if an.name is not None else '"${..}"' for an in sel.path)
    err.add_trace(f"while evaluating the attribute '{names}'", span or sel.span)


def _select_fast(self: A.Select, env: list[Any]) -> Any:
    """`e.a.b` (or `... or default`) when every step can be computed synchronously
    (static names; else NOTFAST and `_select_ev` does the work)."""
    if not self.leafy:
        return NOTFAST
    v = self.expr.fast(env)  # type: ignore[attr-defined]
    if v is NOTFAST:
        return NOTFAST
    for an in self.path:
        name = an.name
        if name is None:
            name = an.expr.fast(env)  # type: ignore[union-attr]
            if type(name) is not str:
                if type(name) is not NixString:
                    return NOTFAST
                name = str(name)
        if not isinstance(v, dict):
            if self.default is not None:
                return self.default.fast(env)  # type: ignore[attr-defined]
            return NOTFAST
        item = v.get(name, _MISSING)
        if item is _MISSING:
            if self.default is not None:
                return self.default.fast(env)  # type: ignore[attr-defined]
            return NOTFAST
        if type(item) is Thunk:
            if item.node is None:
                item = item.value
            else:
                try:
                    item = _force_fast(item)
                except NixError as err:
                    add_select_trace(err, self, attr_position(v, name))
                    raise
                if item is NOTFAST:
                    return NOTFAST
            v[name] = item
        v = item
    if STATS is not None:
        STATS.nrLookups += len(self.path)
    return v


def _selectvar_fast(self: A.SelectVar, env: list[Any]) -> Any:
    """`_select_fast` for `x.a` (`or default`): the variable read in place."""
    if not self.leafy:
        return NOTFAST
    e = env
    depth = self.depth
    if depth:
        # the walk up unrolled for the near environments, the common case
        e = e[0]
        if depth > 1:
            e = e[0]
            while depth > 2:
                e = e[0]
                depth -= 1
    i = self.index
    v = e[i]
    if type(v) is Thunk:
        if v.node is None:
            e[i] = v = v.value
        else:
            v = _force_fast(v)
            if v is NOTFAST:
                return NOTFAST
            e[i] = v
    if isinstance(v, dict):
        name = self.name
        item = v.get(name, _MISSING)
        if item is not _MISSING:
            if STATS is not None:
                STATS.nrLookups += 1
            if type(item) is Thunk:
                if item.node is None:
                    item = item.value
                else:
                    try:
                        item = _force_fast(item)
                    except NixError as err:
                        add_select_trace(err, self, attr_position(v, name))  # type: ignore[arg-type]
                        raise
                    if item is NOTFAST:
                        return NOTFAST
                v[name] = item
            return item
    if self.default is not None:
        return self.default.fast(env)  # type: ignore[attr-defined]
    return NOTFAST


A.Select.fast = _select_fast  # type: ignore[attr-defined]
A.Select.ev = _select_ev  # type: ignore[method-assign]
A.SelectVar.fast = _selectvar_fast  # type: ignore[attr-defined]


async def _hasattr_ev(self: A.HasAttr, env: list[Any], d: int) -> Any:
    v = self.expr.fast(env)  # type: ignore[attr-defined]
    if v is NOTFAST:
        v = await (self.expr.ev(env, d + 1) if d < BUDGET else spawn(self.expr.ev(env, 0)))
    path = self.path
    last = len(path) - 1
    for i, an in enumerate(path):
        if not isinstance(v, dict):
            return False
        name = await _attr_name(an, env, d)
        item = v.get(name, _MISSING)
        if item is _MISSING:
            return False
        if i < last:
            v = await _force_item(item, d)
    return True


def _hasattr_fast(self: A.HasAttr, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    v = self.expr.fast(env)  # type: ignore[attr-defined]
    if v is NOTFAST:
        return NOTFAST
    path = self.path
    last = path[-1]
    for an in path:
        if not isinstance(v, dict):
            return False
        name = an.name
        if name is None:
            name = an.expr.fast(env)  # type: ignore[union-attr]
            if type(name) is not str:
                if type(name) is not NixString:
                    return NOTFAST
                name = str(name)
        item = v.get(name, _MISSING)
        if item is _MISSING:
            return False
        if an is not last:
            if type(item) is Thunk:
                item = item.value if item.node is None else _force_fast(item)
                if item is NOTFAST:
                    return NOTFAST
            v = item
    return True


A.HasAttr.ev = _hasattr_ev  # type: ignore[method-assign]
A.HasAttr.fast = _hasattr_fast  # type: ignore[attr-defined]


# --- control flow and calls: the tail loop -----------------------------------------------

def _bool(v: Any, span: Any) -> bool:
    if type(v) is not bool:
        raise TypeError_(f"value is {show_type(v)} while a Boolean was expected", span)
    return v


def _lambda_desc(node: A.Lambda) -> str:
    pos = node.span.short() if node.span else "?"
    if node.name is not None:
        return f"'{node.name}' at {pos}"
    return f"anonymous function at {pos}"


async def bind_args(f: Lambda, arg: Any, d: int, span: Any) -> list[Any]:
    """The environment of a call of closure `f` with argument item `arg`."""
    if f.node.formals is None:
        return [f.env, arg]
    return bind_formals(f, await _force_item(arg, d), span)


def bind_formals(f: Lambda, a: Any, span: Any) -> list[Any]:
    """The environment of a call of closure `f`, which has formals, with the forced
    argument `a`."""
    node = f.node
    formals = node.formals
    if not isinstance(a, dict):
        raise TypeError_(f"value is {show_type(a)} while a set was expected", span)
    env: list[Any] = [f.env]
    for name, default in formals:
        it = a.get(name, _MISSING)
        if it is _MISSING:
            if default is None:
                raise TypeError_(f"{_lambda_desc(node)} called without required argument '{name}'", span)
            env.append(UNSET)  # filled below, once the environment exists
        else:
            env.append(it)
    if node.arg is not None:
        env.append(a)
    i = 1
    for name, default in formals:
        if env[i] is UNSET:
            env[i] = item_rec(default, env)  # type: ignore[arg-type]
        i += 1
    if not node.ellipsis:
        names = node.formal_names
        for k in a:
            if k not in names:
                raise TypeError_(f"{_lambda_desc(node)} called with unexpected argument "
                                 f"'{format_attr_name(k)}'", span).suggest(did_you_mean(k, names))
    return env


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
            # Entering a closure is written out here and in `eval_tail`: a shared
            # helper would be one more coroutine per call.
            fnode = f.node
            if fnode.formals is None:
                env = [f.env, arg]
            else:
                env = await bind_args(f, arg, d, span)
            if STATS is not None:
                STATS.nrFunctionCalls += 1
                STATS.envs += 1
                STATS.envElements += len(env) - 1
            global _ticks
            _ticks += 1
            if _ticks >= TICK_EVERY:
                _ticks = 0
                await spawn(_tick())
            body = fnode.body
            if _call_depth >= _max_call_depth:
                raise _stack_overflow(span)
            _call_depth += 1
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
            r = _primop_sync(f, arg, span)
            while r is NEED:
                t = _need
                if _force_fast(t) is NOTFAST:
                    await (force_thunk(t, d + 1) if d < BUDGET else spawn(force_thunk(t, 0)))
                r = _primop_sync(f, arg, span)
            if r is NOTFAST:
                r = await _call_primop(f, arg, d, span)
            elif type(r) is Thunk:
                t = r
                r = _force_fast(t)
                if r is NOTFAST:
                    r = await (force_thunk(t, d + 1) if d < BUDGET else spawn(force_thunk(t, 0)))
            f = r
        elif issubclass(tf, dict) and "__functor" in f:
            functor = await _force_item(f["__functor"], d)
            f = await call_value(functor, [f, arg], d + 1, span) if d < BUDGET else await spawn(call_value(functor, [f, arg], 0, span))
        else:
            raise TypeError_(f"attempt to call something which is not a function but {show_type(f)}", span)
    return f


NEED: Any = _NotFast()  # `_primop_sync` needs the thunk in `_need` forced first
_need: Any = None


def _primop_sync(f: Any, arg: Any, span: Any) -> Any:
    """Apply a primop (or a partial application of one) to `arg` without a coroutine
    when that is possible: a partial application, or a sync builtin whose strict
    arguments are already forced. Returns the value; a Thunk the caller must force
    (a sync builtin returned an item); NEED when the strict argument `_need` must be
    forced first (then call again); or NOTFAST for an async builtin (use
    `_call_primop`)."""
    if type(f) is PrimOp:
        op = f
        if op.arity > 1:
            return PrimOpApp(op, (arg,))
        args: tuple[Any, ...] = (arg,)
    else:
        op = f.op
        args = f.args + (arg,)
        if len(args) < op.arity:
            return PrimOpApp(op, args)
    fn = op.fn
    if op.is_async:
        fn = op.fast
        if fn is None:
            return NOTFAST
    strict = op.strict
    forced: Any = args
    i = 0
    for a in args:
        if type(a) is Thunk and strict[i]:
            if a.node is not None:
                global _need
                _need = a
                return NEED
            if forced is args:
                forced = list(args)
            forced[i] = a.value
        i += 1
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


def _primop_now(op: PrimOp, args: Any) -> Any:
    """`op` applied to all its argument items synchronously (its strict arguments
    forced by `_force_fast`, its sync function or fast path called), else NOTFAST.
    `_primop_now1` is this written out for one argument (1% fewer instructions on
    `modules`): a change here goes there too."""
    fn = op.fast if op.is_async else op.fn
    if fn is None:
        return NOTFAST
    strict = op.strict
    forced: Any = None
    i = 0
    for a in args:
        if type(a) is Thunk and strict[i]:
            if forced is None:
                forced = list(args)
            a = a.value if a.node is None else _force_fast(a)
            if a is NOTFAST:
                return NOTFAST
            forced[i] = a
        i += 1
    try:
        r = fn(*args) if forced is None else fn(*forced)
    except NixError:
        return NOTFAST
    if r is SLOW:
        return NOTFAST
    if STATS is not None:
        STATS.nrPrimOpCalls += 1
    if type(r) is Thunk:
        return r.value if r.node is None else _force_fast(r)
    return r


def _primop_now1(op: PrimOp, a: Any) -> Any:
    """`_primop_now` for a builtin of one argument (`b.isAttrs v`), written out."""
    fn = op.fast if op.is_async else op.fn
    if fn is None:
        return NOTFAST
    if type(a) is Thunk and op.strict[0]:
        a = a.value if a.node is None else _force_fast(a)
        if a is NOTFAST:
            return NOTFAST
    try:
        r = fn(a)
    except NixError:
        return NOTFAST
    if r is SLOW:
        return NOTFAST
    if STATS is not None:
        STATS.nrPrimOpCalls += 1
    if type(r) is Thunk:
        return r.value if r.node is None else _force_fast(r)
    return r


def apply_fast(f: Any, items: Any, span: Any) -> Any:
    """Apply function value `f` to argument items synchronously: closures whose body
    `fast` computes (one level of the nesting budget each) and sync builtins; else
    NOTFAST (a Nix error included: `ev` raises it again, in context)."""
    global _fast_depth, _exhausted
    for it in items:
        tf = type(f)
        if tf is Lambda:
            fnode = f.node
            if fnode.formals is None:
                env = [f.env, it]
                if fnode.curried:
                    # `x: y: ...`: the next function, nothing to evaluate
                    f = _lambda_fast(fnode.body, env)
                    if STATS is not None:
                        STATS.nrFunctionCalls += 1
                        STATS.envs += 1
                        STATS.envElements += 1
                    continue
            else:
                if type(it) is Thunk:
                    it = it.value if it.node is None else _force_fast(it)
                    if it is NOTFAST:
                        return NOTFAST
                try:
                    env = bind_formals(f, it, span)
                except NixError:
                    return NOTFAST
            if _fast_depth > FAST_BUDGET:
                _exhausted = True
                return NOTFAST
            _fast_depth += 1
            try:
                f = fnode.body.fast(env)
            finally:
                _fast_depth -= 1
            if f is NOTFAST:
                return NOTFAST
            if STATS is not None:
                STATS.nrFunctionCalls += 1
                STATS.envs += 1
                STATS.envElements += len(env) - 1
        elif tf is PrimOp:
            if f.arity > 1:
                f = PrimOpApp(f, (it,))
                continue
            f = _primop_now1(f, it)
            if f is NOTFAST:
                return NOTFAST
        elif tf is PrimOpApp:
            op = f.op
            args = f.args + (it,)
            if len(args) < op.arity:
                f = PrimOpApp(op, args)
                continue
            f = _primop_now(op, args)
            if f is NOTFAST:
                return NOTFAST
        else:
            return NOTFAST
    return f


def _apply_fast(self: A.Apply, env: list[Any]) -> Any:
    global _fast_depth, _exhausted
    if not self.leafy:
        return NOTFAST
    m = self.miss
    if m > 3:
        # paused (see MISS_LIMIT)
        if m < MISS_LIMIT:
            self.miss = m + 1
            return NOTFAST
        m = self.miss = 3
    f = self.fn.fast(env)  # type: ignore[attr-defined]
    if f is not NOTFAST:
        args = self.args
        tf = type(f)
        if tf is Lambda and len(args) == 1:
            # `g x`, the commonest call: `apply_fast` written out for one argument
            fnode = f.node
            if fnode.formals is None:
                fenv = [f.env, args[0].item(env)]  # type: ignore[attr-defined]
                if fnode.curried:
                    if STATS is not None:
                        STATS.nrFunctionCalls += 1
                        STATS.envs += 1
                        STATS.envElements += 1
                    if m:
                        self.miss = 0
                    return _lambda_fast(fnode.body, fenv)
                if _fast_depth > FAST_BUDGET:
                    _exhausted = True
                    self.miss = _missed(m)
                    return NOTFAST
                _fast_depth += 1
                try:
                    f = fnode.body.fast(fenv)
                finally:
                    _fast_depth -= 1
                if f is not NOTFAST:
                    if STATS is not None:
                        STATS.nrFunctionCalls += 1
                        STATS.envs += 1
                        STATS.envElements += 1
                    if m:
                        self.miss = 0
                    return f
                self.miss = _missed(m)
                return NOTFAST
        if tf is PrimOp and f.arity == len(args):
            # `b.isAttrs v`, `b.mapAttrs g s`: every argument at once
            n = len(args)
            if n == 1:
                f = _primop_now1(f, args[0].item(env))  # type: ignore[attr-defined]
            elif n == 2:
                f = _primop_now(f, (args[0].item(env), args[1].item(env)))  # type: ignore[attr-defined]
            else:
                f = _primop_now(f, [a.item(env) for a in args])  # type: ignore[attr-defined]
        else:
            n = len(args)
            if n == 1:
                f = apply_fast(f, (args[0].item(env),), self.span)  # type: ignore[attr-defined]
            elif n == 2:
                f = apply_fast(f, (args[0].item(env), args[1].item(env)), self.span)  # type: ignore[attr-defined]
            else:
                f = apply_fast(f, [a.item(env) for a in args], self.span)  # type: ignore[attr-defined]
        if f is not NOTFAST:
            if m:
                self.miss = 0
            return f
    self.miss = _missed(m)
    return NOTFAST


def let_env(node: A.Let, env: list[Any]) -> list[Any]:
    """The environment of the body of `let`, its bindings made items."""
    new: list[Any] = [env]
    new.extend([UNSET] * (len(node.names) + len(node.inherit_from)))
    i = 1
    for vnode, outer in node.values:
        new[i] = vnode.item(env) if outer else item_rec(vnode, new)  # type: ignore[attr-defined]
        i += 1
    for src in node.inherit_from:  # `inherit (e) ...`: one item per source
        new[i] = item_rec(src, new)
        i += 1
    if STATS is not None:
        STATS.envs += 1
        STATS.envElements += len(new) - 1
    return new


def _let_fast(self: A.Let, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    return self.body.fast(let_env(self, env))  # type: ignore[attr-defined]


def _if_fast(self: A.If, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    c = self.cond.fast(env)  # type: ignore[attr-defined]
    if c is True:
        return self.then.fast(env)  # type: ignore[attr-defined]
    if c is False:
        return self.else_.fast(env)  # type: ignore[attr-defined]
    return NOTFAST


def _assert_fast(self: A.Assert, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    if self.cond.fast(env) is True:  # type: ignore[attr-defined]
        return self.body.fast(env)  # type: ignore[attr-defined]
    return NOTFAST


A.Apply.fast = _apply_fast  # type: ignore[attr-defined]
A.If.fast = _if_fast  # type: ignore[attr-defined]
A.Let.fast = _let_fast  # type: ignore[attr-defined]
A.Assert.fast = _assert_fast  # type: ignore[attr-defined]


async def _call_primop(f: Any, arg: Any, d: int, span: Any) -> Any:
    if type(f) is PrimOp:
        op = f
        args: tuple[Any, ...] = (arg,)
    else:
        op = f.op
        args = f.args + (arg,)
    if len(args) < op.arity:
        return PrimOpApp(op, args)
    if STATS is not None:
        STATS.nrPrimOpCalls += 1
    strict = op.strict
    forced = list(args)
    i = 0
    for a in args:
        if strict[i] and type(a) is Thunk:
            if a.node is None:
                forced[i] = a.value
            else:
                r = _force_fast(a)
                if r is NOTFAST:
                    r = await (force_thunk(a, d + 1) if d < BUDGET else spawn(force_thunk(a, 0)))
                forced[i] = r
        i += 1
    try:
        if op.is_async:
            return await spawn(op.fn(*forced))
        r = op.fn(*forced)
        # A sync builtin may return an item (a selected attribute, a list element):
        # the machine forces it.
        if type(r) is Thunk:
            if r.node is None:
                return r.value
            v = _force_fast(r)
            if v is NOTFAST:
                v = await (force_thunk(r, d + 1) if d < BUDGET else spawn(force_thunk(r, 0)))
            return v
        return r
    except NixError as e:
        raise e.at(span)


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
    # when that thunk's `_force_fast` just failed (every node has an `ev`, so
    # skipping `fast` is always safe).
    entry = node
    if env is None:
        item = node
        tn = item.node
        if tn is None:
            return item.value
        if tn is BLACKHOLE:
            raise InfiniteRecursion("infinite recursion encountered", item.env)
        pend = [(item, tn, item.env, None)]
        env = item.env
        item.node = BLACKHOLE
        item.env = tn.span  # where the blackhole was forced from, for the error
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
                    # A builtin given all its arguments (`b.isAttrs v`, `b.mapAttrs g
                    # s`): called at once, its strict arguments forced in order, each
                    # synchronously when it can be, as `_call_primop` does.
                    n = len(nargs)
                    if n == 1:
                        items = [nargs[0].item(env)]
                    elif n == 2:
                        items = [nargs[0].item(env), nargs[1].item(env)]
                    else:
                        items = [a.item(env) for a in nargs]
                    strict = f.strict
                    i = 0
                    for a in items:
                        if type(a) is Thunk and strict[i]:
                            if a.node is None:
                                items[i] = a.value
                            else:
                                r = _force_fast(a)
                                if r is NOTFAST:
                                    r = await (force_thunk(a, d + 1) if d < BUDGET else spawn(force_thunk(a, 0)))
                                items[i] = r
                        i += 1
                    if STATS is not None:
                        STATS.nrPrimOpCalls += 1
                    try:
                        if f.is_async:
                            v = SLOW if f.fast is None else f.fast(*items)
                            if v is SLOW:
                                v = await spawn(f.fn(*items))
                        else:
                            v = f.fn(*items)
                    except NixError as err:
                        raise err.at(span)
                    if type(v) is not Thunk:
                        break
                    if v.node is None:
                        v = v.value
                        break
                    item = v  # an item the builtin returned (`head`, `getAttr`...)
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
                        if STATS is not None:
                            STATS.nrFunctionCalls += 1
                            STATS.envs += 1
                            STATS.envElements += len(env) - 1
                        global _ticks
                        _ticks += 1
                        if _ticks >= TICK_EVERY:
                            _ticks = 0
                            await spawn(_tick())
                        tfn = fnode
                        tspan = span
                        node = fnode.body
                        if _call_depth >= _max_call_depth:
                            raise _stack_overflow(span)
                        _call_depth += 1
                        ncalls += 1
                        continue
                    if tf is not PrimOp and tf is not PrimOpApp:
                        v = await call_value(f, (arg,), d, span)
                        break
                    v = _primop_sync(f, arg, span)
                    while v is NEED:
                        nt = _need
                        if _force_fast(nt) is NOTFAST:
                            await (force_thunk(nt, d + 1) if d < BUDGET else spawn(force_thunk(nt, 0)))
                        v = _primop_sync(f, arg, span)
                    if v is NOTFAST:
                        v = await _call_primop(f, arg, d, span)
                        break
                    if type(v) is not Thunk:
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
                env = [env, _thunk_item(wnode, env) if type(wnode) is A.WithVar else wnode.item(env)]
                node = node.body
                continue
            elif t is A.Assert:
                c = node.cond
                v = c.fast(env)
                if v is NOTFAST:
                    v = await (c.ev(env, d + 1) if d < BUDGET else spawn(c.ev(env, 0)))
                if not _bool(v, node.span):
                    from nixeval.syntax.show import show_expr

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
                        if v < INT_MIN or v > INT_MAX:
                            raise int_overflow("adding", a, b, node.span)
                    else:
                        v = await add_values(a, b, d, l.span, r.span)
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
                    item = await _select_ev(node, env, d, True)
                    if item is _MISSING:
                        node = node.default
                        continue
                    if type(item) is not Thunk:
                        v = item
                        break
                    sel = (node, _tail_found)
                else:
                    v = await node.ev(env, d)
                    break
            # `item` is an unforced thunk: force it in this frame.
            tn = item.node
            if tn is BLACKHOLE:
                raise InfiniteRecursion("infinite recursion encountered", item.env)
            if pend is None:
                pend = []
            pend.append((item, tn, item.env, sel))
            sel = None
            env = item.env
            item.node = BLACKHOLE
            item.env = tn.span  # where the blackhole was forced from, for the error
            node = tn
            if t is A.Var0 or t is A.Var1 or t is A.Var:
                entry = tn  # the variable's `fast` tried to force it
    except BaseException as e:
        _call_depth -= ncalls
        if pend is not None:
            for th, tn, tenv, tsel in reversed(pend):
                th.node = tn
                th.env = tenv
                if tsel is not None and isinstance(e, NixError):
                    add_select_trace(e, tsel[0], attr_position(*tsel[1]) if tsel[1] else tn.span)
        if tfn is not None and isinstance(e, NixError):
            add_call_trace(e, tfn, tspan)
        raise
    _call_depth -= ncalls
    if pend is not None:
        for th, _tn, _tenv, _tsel in pend:
            th.node = None
            th.env = None
            th.value = v
        if STATS is not None:
            STATS.nrThunksForced += len(pend)
    return v


for _cls in (A.If, A.Apply, A.Let, A.With, A.Assert, A.Var, A.Var0, A.Var1):
    _cls.ev = eval_tail  # type: ignore[method-assign]


@types.coroutine
def _done(v: Any) -> Generator[Any, Any, Any]:
    """An awaitable of a value at hand."""
    return v
    yield  # noqa: B901 - a generator, so that `await` accepts it


def call(f: Any, *args: Any) -> Any:
    """Public request: apply a function value to argument items (`await call(f, x)`).
    A plain function returning an awaitable: the result at once when `call_now`
    computes it, else the call's coroutine. Builtins that call a Nix function per
    element (sort, foldl', filter...) try `call_now` themselves, then `call_async`."""
    r = call_now(f, *args)
    if r is NOTFAST:
        return call_value(f, args, 1, None)
    return _done(r)


def call_async(f: Any, *args: Any) -> Coroutine[Any, Any, Any]:
    """Public request: the call of a function value as a coroutine (after `call_now`
    gave SLOW: no synchronous attempt)."""
    return call_value(f, args, 1, None)


def call_now(f: Any, *args: Any) -> Any:
    """Public, sync: `f` applied to argument items when that can be computed
    synchronously (see `fast`), else SLOW (then `await call_async(f, ...)`)."""
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
            fnode.miss = _missed(m)
        elif m:
            fnode.miss = 0
        return r
    return apply_fast(f, args, None)


def force_now(item: Any) -> Any:
    """For a builtin's sync fast path: the value of an item when it can be computed
    synchronously (see `fast`), else SLOW."""
    if type(item) is not Thunk:
        return item
    if item.node is None:
        return item.value
    return _force_fast(item)  # NOTFAST is SLOW


# --- strings ---------------------------------------------------------------------------

def format_float_tostring(f: float) -> str:
    """`toString` of a float: C's %f (std::to_string)."""
    return "%f" % f


async def coerce_to_string_d(v: Any, d: int, *, copy_to_store: bool = True,
                             coerce_more: bool = False, span: Any = None) -> str:
    tv = type(v)
    if tv is str or tv is NixString:
        return v
    if tv is NixPath:
        if copy_to_store:
            return await current().copy_path_to_store(v, span)
        return v.path
    if issubclass(tv, dict):
        if "__toString" in v:
            fn = await _force_item(v["__toString"], d)
            r = await spawn(call_value(fn, [v], 0, span))
            return await coerce_to_string_d(r, d, copy_to_store=copy_to_store, coerce_more=coerce_more, span=span)
        if "outPath" in v:
            r = await _force_item(v["outPath"], d)
            return await coerce_to_string_d(r, d, copy_to_store=copy_to_store, coerce_more=coerce_more, span=span)
    if coerce_more:
        if tv is bool:
            return "1" if v else ""
        if tv is int:
            return str(v)
        if tv is float:
            return format_float_tostring(v)
        if v is None:
            return ""
        if tv is list:
            out = []
            ctx: set[str] = set()
            n = len(v)
            for i, it in enumerate(v):
                x = await _force_item(it, d)
                s = await coerce_to_string_d(x, d, copy_to_store=copy_to_store, coerce_more=True, span=span)
                if type(s) is NixString:
                    ctx |= s.context
                out.append(str(s))
                if i < n - 1 and not (type(x) is list and len(x) == 0):
                    out.append(" ")
            return make_string(canonical_str("".join(out)), ctx)
    raise TypeError_(f"cannot coerce {show_type(v)} to a string", span)


async def coerce_to_string(v: Any, *, copy_to_store: bool = True, coerce_more: bool = False,
                           span: Any = None) -> str:
    """Public request: Nix's string coercion of a forced value."""
    return await coerce_to_string_d(v, 1, copy_to_store=copy_to_store,
                                    coerce_more=coerce_more, span=span)


# --- deep forcing ------------------------------------------------------------------------

async def force_deep_d(v: Any, d: int) -> Any:
    """Force every item reachable from `v` (deepSeq); iterative, visits each
    container once."""
    seen: set[int] = set()
    stack = [v]
    while stack:
        x = stack.pop()
        tx = type(x)
        if tx is list:
            if id(x) in seen:
                continue
            seen.add(id(x))
            for i, it in enumerate(x):
                if type(it) is Thunk:
                    it = await _force_item(it, d)
                    x[i] = it
                if type(it) is list or isinstance(it, dict):
                    stack.append(it)
        elif issubclass(tx, dict):
            if id(x) in seen:
                continue
            seen.add(id(x))
            for k, it in x.items():
                if type(it) is Thunk:
                    try:
                        it = await _force_item(it, d)
                    except NixError as e:
                        e.add_trace(f"while evaluating the attribute '{k}'", attr_position(x, k))
                        raise
                    x[k] = it
                if type(it) is list or isinstance(it, dict):
                    stack.append(it)
    return v


async def force_deep(v: Any) -> Any:
    """Public request: force everything reachable from a value."""
    if type(v) is Thunk:
        v = await force(v)
    return await force_deep_d(v, 1)


def run_node(node: A.Node, env: list[Any]) -> Coroutine[Any, Any, Any]:
    """A coroutine evaluating `node` in `env` (the entry point for a program)."""
    return eval_node(node, env, 0)


# The operators live in their own module; it attaches their `ev` methods on import
# and `eval_tail` uses `add_values`. Re-exported for the builtins that compare values.
from nixeval.machine.operators import (  # noqa: E402
    _int_result,
    add_values,
    div_values,
    equal_simple,
    int_overflow,
    less_than,
    values_equal,
)

__all__ = ["_int_result", "int_overflow", "add_values", "div_values", "equal_simple", "less_than", "values_equal"]
