"""Operators: arithmetic, `++`, `//`, comparison, equality and the boolean operators:
the `ev` coroutine and `fast` path of each operator node (declared in dispatch.py),
and the comparisons builtins share (`values_equal`, `less_than`, `equal_simple`).

Invariants: as for every node (see fast.py and nodes.py): operands are evaluated
with the synchronous fast path first, then by direct `await` under the depth
budget, else on a new scheduler segment; equality and ordering walk nested values
iteratively. Errors are worded and placed as Nix words and places them.
"""

from __future__ import annotations

from typing import Any

from nixeval.errors import DivisionByZero, IntegerOverflow, StringContextError, TypeError_
from nixeval.lexical import canon_path
from nixeval.machine.calls import BUDGET, force_item, tail_hooks
from nixeval.machine.context import on_activate
from nixeval.machine.fast import NOTFAST
from nixeval.machine.nodes import coerce_to_string_d
from nixeval.machine.scheduler import spawn
from nixeval.syntax import ast as A
from nixeval.values import (
    INT_MAX,
    INT_MIN,
    AttrSet,
    NixPath,
    NixString,
    PosOverlay,
    Thunk,
    canonical_str,
    make_string,
    show_type,
)

# A `stats.Stats` while the running evaluation collects statistics, else None.
STATS: Any = None


def _configure(evaluation: Any) -> None:
    global STATS
    STATS = evaluation.stats if evaluation is not None else None


on_activate(_configure)


def _bool(v: Any, span: Any) -> bool:
    if type(v) is not bool:
        raise TypeError_(f"value is {show_type(v)} while a Boolean was expected", span)
    return v


# --- operators ----------------------------------------------------------------------

# Operand evaluation is written out in each operator, `ev` and `fast` alike: this is
# the hot path. A helper coroutine per operator costs a frame; a `fast` built by one
# factory around a shared test function measured 2-11% more instructions (lists, fib).

_OPERATOR_OF = {"adding": "+", "subtracting": "-", "multiplying": "*", "dividing": "/"}


def _int_result(v: int, span: Any, op: str = "", a: int = 0, b: int = 0) -> int:
    """`v` if it is a 64-bit integer; else Nix 2.25's error, `integer overflow in
    adding 9223372036854775807 + 1` (op: adding, subtracting, multiplying, dividing)."""
    if v < INT_MIN or v > INT_MAX:
        raise int_overflow(op, a, b, span)
    return v


def int_overflow(op: str, a: int, b: int, span: Any) -> IntegerOverflow:
    if not op:
        return IntegerOverflow("integer overflow", span)
    return IntegerOverflow(f"integer overflow in {op} {a} {_OPERATOR_OF[op]} {b}", span)


def _add_fast(self: A.BinOp, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    a = self.left.fast(env)
    if a is NOTFAST:
        return NOTFAST
    b = self.right.fast(env)
    if type(a) is int and type(b) is int:
        v = a + b
        if INT_MIN <= v <= INT_MAX:
            return v
    elif type(a) is str and type(b) is str:
        r = a + b
        return r if r.isascii() else canonical_str(r)
    return NOTFAST


def _sub_fast(self: A.BinOp, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    a = self.left.fast(env)
    if a is NOTFAST:
        return NOTFAST
    b = self.right.fast(env)
    if type(a) is int and type(b) is int:
        v = a - b
        if INT_MIN <= v <= INT_MAX:
            return v
    return NOTFAST


def _mul_fast(self: A.BinOp, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    a = self.left.fast(env)
    if a is NOTFAST:
        return NOTFAST
    b = self.right.fast(env)
    if type(a) is int and type(b) is int:
        v = a * b
        if INT_MIN <= v <= INT_MAX:
            return v
    return NOTFAST


def _div_fast(self: A.BinOp, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    a = self.left.fast(env)
    if type(a) is not int:
        return NOTFAST
    b = self.right.fast(env)
    if type(b) is not int or b == 0:
        return NOTFAST
    q = abs(a) // abs(b)  # C's division truncates towards zero
    if (a < 0) != (b < 0):
        q = -q
    if q > INT_MAX:
        return NOTFAST
    return q


def _eq_fast(self: A.BinOp, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    a = self.left.fast(env)
    if a is NOTFAST:
        return NOTFAST
    b = self.right.fast(env)
    if b is NOTFAST:
        return NOTFAST
    # the commonest comparisons (`t == "if"`, `x == null`) without a call
    ta = type(a)
    if ta is type(b) and (ta is str or ta is int):
        return a == b
    if a is None or b is None:
        return a is b
    return equal_simple(a, b)


def _neq_fast(self: A.BinOp, env: list[Any]) -> Any:
    r = _eq_fast(self, env)
    return r if r is NOTFAST else not r


def _lt_fast(self: A.BinOp, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    a = self.left.fast(env)
    if a is NOTFAST:
        return NOTFAST
    b = self.right.fast(env)
    if type(a) is int and type(b) is int:
        return a < b
    if type(a) is str and type(b) is str and (a.isascii() or b.isascii()):
        return a < b  # else bytes are compared (less_than)
    return NOTFAST


def _gt_fast(self: A.BinOp, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    a = self.left.fast(env)
    if a is NOTFAST:
        return NOTFAST
    b = self.right.fast(env)
    if type(a) is int and type(b) is int:
        return a > b
    return NOTFAST


def _le_fast(self: A.BinOp, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    a = self.left.fast(env)
    if a is NOTFAST:
        return NOTFAST
    b = self.right.fast(env)
    if type(a) is int and type(b) is int:
        return a <= b
    return NOTFAST


def _ge_fast(self: A.BinOp, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    a = self.left.fast(env)
    if a is NOTFAST:
        return NOTFAST
    b = self.right.fast(env)
    if type(a) is int and type(b) is int:
        return a >= b
    return NOTFAST


def _not_fast(self: A.UnOp, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    v = self.expr.fast(env)
    if type(v) is bool:
        return not v
    return NOTFAST


def _neg_fast(self: A.UnOp, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    v = self.expr.fast(env)
    if type(v) is int and v != INT_MIN:
        return -v
    return NOTFAST


def _short_circuit_fast(stop_on: bool, stopped: bool) -> Any:
    """`fast` of `&&`, `||` and `->` (see `_short_circuit`)."""

    def fast(self: A.BinOp, env: list[Any]) -> Any:
        if not self.leafy:
            return NOTFAST
        a = self.left.fast(env)
        if a is stop_on:
            return stopped
        if a is not (not stop_on):
            return NOTFAST
        b = self.right.fast(env)
        if type(b) is bool:
            return b
        return NOTFAST

    return fast


def _concat_fast(self: A.BinOp, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    a = self.left.fast(env)
    if type(a) is not list:
        return NOTFAST
    b = self.right.fast(env)
    if type(b) is not list:
        return NOTFAST
    return _concat(a, b, self.span)


def _update_fast(self: A.BinOp, env: list[Any]) -> Any:
    if not self.leafy:
        return NOTFAST
    a = self.left.fast(env)
    if not isinstance(a, dict):
        return NOTFAST
    b = self.right.fast(env)
    if not isinstance(b, dict):
        return NOTFAST
    return _update(a, b, self.span)


def _add_ints(a: Any, b: Any, span: Any) -> Any:
    if type(a) is int and type(b) is int:
        return _int_result(a + b, span, "adding", a, b)
    return NOTFAST


async def _add_slow(a: Any, b: Any, d: int, node: A.BinOp) -> Any:
    return await add_values(a, b, d, node.left.span, node.right.span)


async def add_values(a: Any, b: Any, d: int, lspan: Any, rspan: Any) -> Any:
    """`a + b` (Nix reports errors at the operand that caused them)."""
    ta = type(a)
    tb = type(b)
    if ta is int or ta is float:
        if tb is int or tb is float:
            if ta is int and tb is int:
                return _int_result(a + b, lspan, "adding", a, b)
            return float(a) + float(b)
        raise TypeError_(f"cannot add {show_type(b)} to {show_type(a)}", rspan)
    if ta is NixPath:
        if tb is NixPath:
            s = b.path
        else:
            s = await coerce_to_string_d(b, d, copy_to_store=False, span=rspan)
            if type(s) is NixString:
                raise StringContextError("a string that refers to a store path cannot be appended to a path", rspan)
        return NixPath(canon_path(a.path + s))
    if ta is str and tb is str:
        return canonical_str(a + b)
    # As in Nix, paths are copied to the store only when the left operand is a
    # string: `drv + /sub` (nixpkgs: `fetchzip {...} + /dir`) appends the path's text.
    copy = ta is str or ta is NixString
    sa = await coerce_to_string_d(a, d, copy_to_store=copy, span=lspan)
    sb = await coerce_to_string_d(b, d, copy_to_store=copy, span=rspan)
    ctx = (sa.context if type(sa) is NixString else frozenset()) | (sb.context if type(sb) is NixString else frozenset())
    return make_string(canonical_str(str(sa) + str(sb)), ctx)


def _num(v: Any, span: Any, as_float: bool = False) -> Any:
    if type(v) is not int and type(v) is not float:
        what = "a float" if as_float else "an integer"
        raise TypeError_(f"value is {show_type(v)} while {what} was expected", span)
    return v


def _num2(a: Any, b: Any, span: Any) -> None:
    """Nix's check of two arithmetic operands: floats if either is a float."""
    as_float = type(a) is float or type(b) is float
    _num(a, span, as_float)
    _num(b, span, as_float)


def _sub(a: Any, b: Any, span: Any) -> Any:
    if type(a) is int and type(b) is int:
        return _int_result(a - b, span, "subtracting", a, b)
    _num2(a, b, span)
    return float(a) - float(b)


def _mul(a: Any, b: Any, span: Any) -> Any:
    if type(a) is int and type(b) is int:
        return _int_result(a * b, span, "multiplying", a, b)
    _num2(a, b, span)
    return float(a) * float(b)


def div_values(a: Any, b: Any, span: Any) -> Any:
    _num(b, span, True)
    if b == 0:
        raise DivisionByZero("division by zero", span)
    _num(a, span, type(b) is float)
    if type(a) is int and type(b) is int:
        q = abs(a) // abs(b)
        if (a < 0) != (b < 0):
            q = -q
        if q > INT_MAX:
            raise int_overflow("dividing", a, b, span)
        return q
    return float(a) / float(b)


def _concat(a: Any, b: Any, span: Any) -> Any:
    if STATS is not None:
        STATS.listConcats += 1
    if type(a) is not list:
        raise TypeError_(f"value is {show_type(a)} while a list was expected", span)
    if type(b) is not list:
        raise TypeError_(f"value is {show_type(b)} while a list was expected", span)
    return a + b


def _update(a: Any, b: Any, span: Any) -> Any:
    if not isinstance(a, dict):
        raise TypeError_(f"value is {show_type(a)} while a set was expected", span)
    if not isinstance(b, dict):
        raise TypeError_(f"value is {show_type(b)} while a set was expected", span)
    if STATS is not None:
        STATS.nrOpUpdates += 1
    if not b:
        return a
    if not a:
        return b
    ta, tb = type(a), type(b)
    if ta is AttrSet or tb is AttrSet:
        # Attributes keep the positions they were written at.
        aset = AttrSet(a)
        aset.update(b)
        pa = a.attr_pos if ta is AttrSet else None  # type: ignore[attr-defined]
        pb = b.attr_pos if tb is AttrSet else None  # type: ignore[attr-defined]
        aset.pos = a.pos if ta is AttrSet else b.pos  # type: ignore[attr-defined]
        if pa and pb:
            aset.attr_pos = PosOverlay(pa, pb, b)
        elif pa:
            aset.attr_pos = PosOverlay(pa, None, b)
        else:
            aset.attr_pos = pb
        out: dict[str, Any] = aset
    else:
        out = dict(a)
        out.update(b)
    if STATS is not None:
        STATS.nrOpUpdateValuesCopied += len(out)
    return out


def _strict_binop(fn: Any, slow: Any = None) -> Any:
    """The `ev` of an operator that evaluates both operands, then applies `fn(a, b,
    span)`; when that gives NOTFAST, `await slow(a, b, d, node)` (a comparison of
    lists or sets, `+` of strings and paths...)."""

    async def ev(self: A.BinOp, env: list[Any], d: int) -> Any:
        l = self.left
        a = l.fast(env)
        if a is NOTFAST:
            a = await (l.ev(env, d + 1) if d < BUDGET else spawn(l.ev(env, 0)))
        r = self.right
        b = r.fast(env)
        if b is NOTFAST:
            b = await (r.ev(env, d + 1) if d < BUDGET else spawn(r.ev(env, 0)))
        v = fn(a, b, self.span)
        if v is NOTFAST:
            return await slow(a, b, d, self)
        return v

    return ev


# The comparisons: a sync test for the simple cases, an async one for the rest.

def _eq(a: Any, b: Any, span: Any) -> Any:
    return equal_simple(a, b)


def _neq(a: Any, b: Any, span: Any) -> Any:
    r = equal_simple(a, b)
    return r if r is NOTFAST else not r


async def _eq_slow(a: Any, b: Any, d: int, node: A.BinOp) -> bool:
    return await values_equal(a, b, d)


async def _neq_slow(a: Any, b: Any, d: int, node: A.BinOp) -> bool:
    return not await values_equal(a, b, d)


def _int_order(test: Any) -> Any:
    def fn(a: Any, b: Any, span: Any) -> Any:
        if type(a) is int and type(b) is int:
            return test(a, b)
        return NOTFAST

    return fn


async def _lt_slow(a: Any, b: Any, d: int, node: A.BinOp) -> bool:
    return await less_than(a, b, d, node.span)


async def _gt_slow(a: Any, b: Any, d: int, node: A.BinOp) -> bool:
    return await less_than(b, a, d, node.span)


async def _le_slow(a: Any, b: Any, d: int, node: A.BinOp) -> bool:
    return not await less_than(b, a, d, node.span)


async def _ge_slow(a: Any, b: Any, d: int, node: A.BinOp) -> bool:
    return not await less_than(a, b, d, node.span)


async def _operand(n: A.Node, env: list[Any], d: int) -> Any:
    return await (n.ev(env, d + 1) if d < BUDGET else spawn(n.ev(env, 0)))


def _short_circuit(stop_on: bool, stopped: bool) -> Any:
    """The `ev` of `&&` (stop on false, giving false), `||` (stop on true, giving
    true) and `->` (stop on false, giving true); otherwise the right operand."""

    async def ev(self: A.BinOp, env: list[Any], d: int) -> Any:
        a = self.left.fast(env)
        if a is NOTFAST:
            a = await _operand(self.left, env, d)
        if _bool(a, self.span) is stop_on:
            return stopped
        b = self.right.fast(env)
        if b is NOTFAST:
            b = await _operand(self.right, env, d)
        return _bool(b, self.span)

    return ev


_and_ev = _short_circuit(False, False)
_or_ev = _short_circuit(True, True)
_impl_ev = _short_circuit(False, True)


async def _not_ev(self: A.UnOp, env: list[Any], d: int) -> Any:
    v = self.expr.fast(env)
    if v is NOTFAST:
        v = await _operand(self.expr, env, d)
    return not _bool(v, self.expr.span)


async def _neg_ev(self: A.UnOp, env: list[Any], d: int) -> Any:
    v = self.expr.fast(env)
    if v is NOTFAST:
        v = await (self.expr.ev(env, d + 1) if d < BUDGET else spawn(self.expr.ev(env, 0)))
    if type(v) is int:
        # Nix parses `-x` as `__sub 0 x`
        return _int_result(0 - v, self.span, "subtracting", 0, v)
    _num(v, self.span)
    return 0.0 - v


# The operators' evaluators, installed on their node classes by dispatch.py.
EV = {A.Add: _strict_binop(_add_ints, _add_slow), A.Sub: _strict_binop(_sub),
      A.Mul: _strict_binop(_mul), A.Div: _strict_binop(div_values),
      A.Concat: _strict_binop(_concat), A.Update: _strict_binop(_update),
      A.Eq: _strict_binop(_eq, _eq_slow), A.NEq: _strict_binop(_neq, _neq_slow),
      A.Lt: _strict_binop(_int_order(lambda a, b: a < b), _lt_slow),
      A.Gt: _strict_binop(_int_order(lambda a, b: a > b), _gt_slow),
      A.Le: _strict_binop(_int_order(lambda a, b: a <= b), _le_slow),
      A.Ge: _strict_binop(_int_order(lambda a, b: a >= b), _ge_slow),
      A.And: _and_ev, A.Or: _or_ev, A.Impl: _impl_ev, A.Not: _not_ev, A.Neg: _neg_ev}
FAST = {A.Add: _add_fast, A.Sub: _sub_fast, A.Mul: _mul_fast, A.Div: _div_fast, A.Eq: _eq_fast,
        A.NEq: _neq_fast, A.Lt: _lt_fast, A.Gt: _gt_fast, A.Le: _le_fast, A.Ge: _ge_fast,
        A.Not: _not_fast, A.Neg: _neg_fast, A.And: _short_circuit_fast(False, False),
        A.Or: _short_circuit_fast(True, True), A.Impl: _short_circuit_fast(False, True),
        A.Concat: _concat_fast, A.Update: _update_fast}


async def _add_in_tail(node: A.BinOp, a: Any, b: Any, d: int) -> Any:
    """`a + b` for `eval_tail`, which evaluated the operands of a `+` in tail position
    in its own frame and added them itself unless they are not two integers whose
    sum is one (then here: the overflow is reported at the `+`)."""
    if type(a) is int and type(b) is int:
        raise int_overflow("adding", a, b, node.span)
    return await add_values(a, b, d, node.left.span, node.right.span)


tail_hooks(add_values=_add_in_tail)


def equal_simple(a: Any, b: Any) -> Any:
    """`a == b` for two forced values, unless that needs their items (two non-empty
    lists or sets of the same length): then NOTFAST. Functions compare unequal."""
    ta = type(a)
    tb = type(b)
    if ta is str or ta is NixString:
        return (tb is str or tb is NixString) and str(a) == str(b)
    if ta is int or ta is float:
        return (tb is int or tb is float) and a == b
    if ta is bool:
        return a is b
    if a is None:
        return b is None
    if ta is list:
        if tb is not list or len(a) != len(b):
            return False
        return NOTFAST if a else True
    if tb is list:
        return False
    if issubclass(ta, dict):
        if not issubclass(tb, dict):
            return False
        if "type" in a and "type" in b:
            return NOTFAST  # maybe two derivations, equal by outPath whatever their size
        if len(a) != len(b):
            return False
        return NOTFAST if a else True
    if issubclass(tb, dict):
        return False
    if ta is NixPath:
        return tb is NixPath and a.path == b.path
    return False


async def values_equal(a: Any, b: Any, d: int) -> bool:
    """Nix's `==` on two forced values; iterative over nested lists and sets."""
    stack: list[tuple[Any, Any]] = [(a, b)]
    top = True
    while stack:
        x, y = stack.pop()
        # Items inside lists and sets that are the very same object are equal
        # (even functions, as in Nix); two function values at the top never are.
        if x is y and not top and type(x) is not float:
            continue
        top = False
        if type(x) is Thunk:
            x = await force_item(x, d)
        if type(y) is Thunk:
            y = await force_item(y, d)
        tx = type(x)
        ty = type(y)
        if tx is int or tx is float:
            if (ty is int or ty is float) and x == y:
                continue
            return False
        if tx is str or tx is NixString:
            if (ty is str or ty is NixString) and str(x) == str(y):
                continue
            return False
        if tx is AttrSet:
            tx = dict
        if ty is AttrSet:
            ty = dict
        if tx is not ty:
            return False
        if tx is bool:
            if x is y:
                continue
            return False
        if x is None:
            continue
        if tx is NixPath:
            if x.path == y.path:
                continue
            return False
        if tx is list:
            if len(x) != len(y):
                return False
            stack.extend(zip(reversed(x), reversed(y)))
            continue
        if issubclass(tx, dict):
            # As in Nix, two derivations are equal when their outPaths are, which is
            # checked before their sizes: a derivation with extra passthru
            # attributes is still the same derivation.
            if _is_derivation_shallow(x) and _is_derivation_shallow(y):
                tx_ = await force_item(x["type"], d)
                ty_ = await force_item(y["type"], d)
                if tx_ == "derivation" and ty_ == "derivation" and "outPath" in x and "outPath" in y:
                    stack.append((x["outPath"], y["outPath"]))
                    continue
            if len(x) != len(y):
                return False
            if x.keys() != y.keys():
                return False
            for k in sorted(x, reverse=True):
                stack.append((x[k], y[k]))
            continue
        # functions are never equal
        return False
    return True


def _is_derivation_shallow(x: dict[str, Any]) -> bool:
    return "type" in x


async def less_than(a: Any, b: Any, d: int, span: Any) -> bool:
    while True:
        ta = type(a)
        tb = type(b)
        if (ta is int or ta is float) and (tb is int or tb is float):
            return a < b
        if (ta is str or ta is NixString) and (tb is str or tb is NixString):
            a, b = str(a), str(b)
            # Nix compares bytes: code-point order agrees unless both strings hold
            # non-ASCII text (a byte that is not UTF-8 is a lone surrogate here)
            if a.isascii() or b.isascii():
                return a < b
            return a.encode("utf-8", "surrogateescape") < b.encode("utf-8", "surrogateescape")
        if ta is NixPath and tb is NixPath:
            a, b = a.path, b.path
            if a.isascii() or b.isascii():
                return a < b
            return a.encode("utf-8", "surrogateescape") < b.encode("utf-8", "surrogateescape")
        if ta is list and tb is list:
            i = 0
            n = min(len(a), len(b))
            while i < n:
                x = await force_item(a[i], d)
                y = await force_item(b[i], d)
                if not await values_equal(x, y, d):
                    a, b = x, y
                    break
                i += 1
            else:
                return len(a) < len(b)
            continue
        raise TypeError_(f"cannot compare {show_type(a)} with {show_type(b)}", span)


