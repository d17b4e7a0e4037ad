"""The synchronous fast paths: each node's `fast(env)`, and the budget they share.

`node.fast(env)` computes the node's value without a coroutine when it can, else
returns NOTFAST and the caller runs the node's `ev` coroutine (nixeval/machine/nodes.py,
calls.py), which evaluates it again from the start. Most evaluation happens here:
a coroutine costs several times a plain call.

Invariants:
- `fast` recurses into strict children only on nodes of small height (`leafy`), and
  forces thunks and calls functions within a budget of nesting (FAST_BUDGET), so
  Python's stack stays bounded whatever the program.
- `fast` has no effect beyond memoising thunks it forced. Where `ev` would fail,
  `fast` gives NOTFAST and `ev`, evaluating again, raises the error with its
  context; the one error `fast` raises itself is the one making an item raises at
  that same point (an undefined variable of a `with` already looked through).
- `fast` is never needed: every node has an `ev`; skipping an attempt only costs time.
  The slow path skips the ones that just failed: the node of a thunk it forces
  (whoever forces a thunk tried `force_fast` first) and the thunk that failed last
  (`_last_failed`, a hint).
- `fast` does not blackhole the thunks it forces: a thunk whose computation needs
  itself can never succeed, so the attempt ends with the nesting budget and the slow
  path, which blackholes, reports the infinite recursion.
- A fast path that gets NOTFAST from a child gives up rather than going on with
  something else: nothing is forced out of Nix's order.
- NOTFAST is never a Nix value: it is the object builtins' fast paths know as SLOW.

This module owns the budget's state (`_fast_depth`, `_fast_cooldown`, `_exhausted`,
`_last_failed`): every function that changes it is here. The adaptive pause of
failing call sites (`Apply.miss`, `Lambda.miss`) is counted on the AST node: it is
an inline cache of the call site, like CPython's own specialisation counters, and an
AST belongs to one evaluation (each parses its own files).
"""

from __future__ import annotations

from typing import Any

from nixeval.errors import NixError
from nixeval.machine.context import on_activate
from nixeval.machine.env import (
    MISSING,
    attrs_static,
    bind_formals,
    let_env,
)
from nixeval.syntax import ast as A
from nixeval.values import (
    SLOW,
    Lambda,
    NixString,
    PrimOp,
    PrimOpApp,
    Thunk,
    attr_position,
    canonical_str,
    make_string,
)

_new = object.__new__

# The result of a synchronous attempt that did not compute the value. The same
# object as SLOW, which builtins' fast paths return and `call_now`/`force_now` give
# them, so no translation is needed on the way.
NOTFAST: Any = SLOW

# A `stats.Stats` while the running evaluation collects statistics, else None.
STATS: Any = None


def _configure(evaluation: Any) -> None:
    global STATS
    STATS = evaluation.stats if evaluation is not None else None


on_activate(_configure)


# Nesting of synchronous work inside `fast`: thunks forced and functions called.
_fast_depth = 0
FAST_BUDGET = 40
# After a synchronous attempt ran out of budget, the next attempts to force thunks
# are skipped for a while: the machine is then descending a long chain of thunks
# (`x1 = x0 + 1; x2 = x1 + 1; ...`) and retrying 40 levels at each step would make
# the descent quadratic.
_fast_cooldown = 0
# Set when an attempt ran out of budget, until the outermost `fast` gives up: every
# application that failed on the way then pauses for long (see `missed`), since in
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


def missed(m: int) -> int:
    """The `miss` count after a failed attempt made with count `m`."""
    global _exhausted
    if _exhausted:
        if not _fast_depth:
            _exhausted = False
        return MISS_LONG_PAUSE
    return m + 1 if m < 3 else MISS_PAUSE


def force_fast(v: Thunk) -> Any:
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
    v.node = None  # v.resolve(r), written out: the hottest transition
    v.env = None
    v.value = r
    if STATS is not None:
        STATS.nrThunksForced += 1
    return r


def force_now(item: Any) -> Any:
    """For a builtin's sync fast path: the value of an item when it can be computed
    synchronously, else SLOW (NOTFAST)."""
    if type(item) is not Thunk:
        return item
    if item.node is None:
        return item.value
    return force_fast(item)


# --- nodes ---------------------------------------------------------------------------


def notfast(node: A.Node, env: list[Any]) -> Any:
    """The `fast` of nodes without one: their `ev` does the work."""
    return NOTFAST


def const_fast(self: A.Const, env: list[Any]) -> Any:
    return self.value


def var_fast(self: A.Var, env: list[Any]) -> Any:
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
        r = force_fast(v)
        if r is not NOTFAST:
            env[self.index] = r
        return r
    return v


def var0_fast(self: A.Var, env: list[Any]) -> Any:
    v = env[self.index]
    if type(v) is Thunk:
        if v.node is None:
            env[self.index] = v = v.value
            return v
        r = force_fast(v)
        if r is not NOTFAST:
            env[self.index] = r
        return r
    return v


def var1_fast(self: A.Var, env: list[Any]) -> Any:
    env = env[0]
    v = env[self.index]
    if type(v) is Thunk:
        if v.node is None:
            env[self.index] = v = v.value
            return v
        r = force_fast(v)
        if r is not NOTFAST:
            env[self.index] = r
        return r
    return v


def lambda_fast(self: A.Lambda, env: list[Any]) -> Any:
    f = _new(Lambda)  # Lambda(self, env) without a call of __init__
    f.node = self
    f.env = env
    return f


def list_fast(self: A.List, env: list[Any]) -> Any:
    if STATS is not None:
        STATS.listElements += len(self.items)
    return [n.item(env) for n in self.items]


def attrs_fast(self: A.Attrs, env: list[Any]) -> Any:
    if not self.dynamic:
        return attrs_static(self, env)[0]
    if not self.leafy:
        return NOTFAST
    out, renv = attrs_static(self, env)
    dyn_spans: dict[str, Any] = {}
    for name_node, vnode, span in self.dynamic:
        name = name_node.fast(renv)
        if name is None:
            continue
        if type(name) is not str or name in out:
            return NOTFAST  # `ev` raises the error
        dyn_spans[name] = span
        out[name] = vnode.item(renv)
    if dyn_spans:
        out.attr_pos = {**out.attr_pos, **dyn_spans}
    return out


def str_fast(self: A.Str, env: list[Any]) -> Any:
    """An interpolated string whose parts are strings, or sets with an `outPath` that
    is one (no `__toString` to call, no path to copy)."""
    if not self.leafy:
        return NOTFAST
    out = []
    ctx: Any = None
    for p in self.parts:
        if type(p) is not str:
            p = p.fast(env)
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


def add_select_trace(err: NixError, sel: Any, span: Any) -> None:
    """Nix's frame for an error met while a selected attribute was being evaluated
    (or after one was found): "while evaluating the attribute 'a.b'" at the
    attribute (its mere presence makes Nix print the --show-trace hint)."""
    names = ".".join(an.name if an.name is not None else '"${..}"' for an in sel.path)
    err.add_trace(f"while evaluating the attribute '{names}'", span or sel.span)


def select_fast(self: A.Select, env: list[Any]) -> Any:
    """`e.a.b` (or `... or default`) when every step can be computed synchronously
    (static names; else NOTFAST and `_select_ev` does the work)."""
    if not self.leafy:
        return NOTFAST
    v = self.expr.fast(env)
    if v is NOTFAST:
        return NOTFAST
    for an in self.path:
        name = an.name
        if name is None:
            name = an.expr.fast(env)  # type: ignore[union-attr] # a dynamic name has its expr
            if type(name) is not str:
                if type(name) is not NixString:
                    return NOTFAST
                name = str(name)
        if not isinstance(v, dict):
            if self.default is not None:
                return self.default.fast(env)
            return NOTFAST
        item = v.get(name, MISSING)
        if item is MISSING:
            if self.default is not None:
                return self.default.fast(env)
            return NOTFAST
        if type(item) is Thunk:
            if item.node is None:
                item = item.value
            else:
                try:
                    item = force_fast(item)
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


def selectvar_fast(self: A.SelectVar, env: list[Any]) -> Any:
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
            v = force_fast(v)
            if v is NOTFAST:
                return NOTFAST
            e[i] = v
    if isinstance(v, dict):
        name = self.name
        item = v.get(name, MISSING)
        if item is not MISSING:
            if STATS is not None:
                STATS.nrLookups += 1
            if type(item) is Thunk:
                if item.node is None:
                    item = item.value
                else:
                    try:
                        item = force_fast(item)
                    except NixError as err:
                        add_select_trace(err, self, attr_position(v, name))
                        raise
                    if item is NOTFAST:
                        return NOTFAST
                v[name] = item
            return item
    if self.default is not None:
        return self.default.fast(env)
    return NOTFAST


def hasattr_fast(self: A.HasAttr, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    v = self.expr.fast(env)
    if v is NOTFAST:
        return NOTFAST
    path = self.path
    last = path[-1]
    for an in path:
        if not isinstance(v, dict):
            return False
        name = an.name
        if name is None:
            name = an.expr.fast(env)  # type: ignore[union-attr] # a dynamic name has its expr
            if type(name) is not str:
                if type(name) is not NixString:
                    return NOTFAST
                name = str(name)
        item = v.get(name, MISSING)
        if item is MISSING:
            return False
        if an is not last:
            if type(item) is Thunk:
                item = item.value if item.node is None else force_fast(item)
                if item is NOTFAST:
                    return NOTFAST
            v = item
    return True


def let_fast(self: A.Let, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    return self.body.fast(let_env(self, env))


def if_fast(self: A.If, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    c = self.cond.fast(env)
    if c is True:
        return self.then.fast(env)
    if c is False:
        return self.else_.fast(env)
    return NOTFAST


def assert_fast(self: A.Assert, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    if self.cond.fast(env) is True:
        return self.body.fast(env)
    return NOTFAST


# --- calls ---------------------------------------------------------------------------


def primop_now(op: PrimOp, args: Any) -> Any:
    """`op` applied to all its argument items synchronously (its strict arguments
    forced by `force_fast`, its sync function or fast path called), else NOTFAST.
    `primop_now1` is this written out for one argument (1% fewer instructions on
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
            a = a.value if a.node is None else force_fast(a)
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
        return r.value if r.node is None else force_fast(r)
    return r


def primop_now1(op: PrimOp, a: Any) -> Any:
    """`primop_now` for a builtin of one argument (`b.isAttrs v`), written out."""
    fn = op.fast if op.is_async else op.fn
    if fn is None:
        return NOTFAST
    if type(a) is Thunk and op.strict[0]:
        a = a.value if a.node is None else force_fast(a)
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
        return r.value if r.node is None else force_fast(r)
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
                    f = lambda_fast(fnode.body, env)
                    if STATS is not None:
                        STATS.nrFunctionCalls += 1
                        STATS.envs += 1
                        STATS.envElements += 1
                    continue
            else:
                if type(it) is Thunk:
                    it = it.value if it.node is None else force_fast(it)
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
            f = primop_now1(f, it)
            if f is NOTFAST:
                return NOTFAST
        elif tf is PrimOpApp:
            op = f.op
            args = f.args + (it,)
            if len(args) < op.arity:
                f = PrimOpApp(op, args)
                continue
            f = primop_now(op, args)
            if f is NOTFAST:
                return NOTFAST
        else:
            return NOTFAST
    return f


def apply_node_fast(self: A.Apply, env: list[Any]) -> Any:
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
    f = self.fn.fast(env)
    if f is not NOTFAST:
        args = self.args
        tf = type(f)
        if tf is Lambda and len(args) == 1:
            # `g x`, the commonest call: `apply_fast` written out for one argument
            fnode = f.node
            if fnode.formals is None:
                fenv = [f.env, args[0].item(env)]
                if fnode.curried:
                    if STATS is not None:
                        STATS.nrFunctionCalls += 1
                        STATS.envs += 1
                        STATS.envElements += 1
                    if m:
                        self.miss = 0
                    return lambda_fast(fnode.body, fenv)
                if _fast_depth > FAST_BUDGET:
                    _exhausted = True
                    self.miss = missed(m)
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
                self.miss = missed(m)
                return NOTFAST
        if tf is PrimOp and f.arity == len(args):
            # `b.isAttrs v`, `b.mapAttrs g s`: every argument at once
            n = len(args)
            if n == 1:
                f = primop_now1(f, args[0].item(env))
            elif n == 2:
                f = primop_now(f, (args[0].item(env), args[1].item(env)))
            else:
                f = primop_now(f, [a.item(env) for a in args])
        else:
            n = len(args)
            if n == 1:
                f = apply_fast(f, (args[0].item(env),), self.span)
            elif n == 2:
                f = apply_fast(f, (args[0].item(env), args[1].item(env)), self.span)
            else:
                f = apply_fast(f, [a.item(env) for a in args], self.span)
        if f is not NOTFAST:
            if m:
                self.miss = 0
            return f
    self.miss = missed(m)
    return NOTFAST
