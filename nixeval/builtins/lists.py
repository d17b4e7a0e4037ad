"""List builtins: length, head, tail, elemAt, map, filter, foldl', genList, sort, ...

Builtins that call back into Nix await `call` (a scheduler request), never recurse.
Result lists hold items: thunks for elements not forced yet (`map`, `genList`).
"""

from __future__ import annotations

from typing import Any

from nixeval.builtins.registry import (
    builtin,
    expect_bool,
    expect_function,
    expect_int,
    expect_list,
    expect_string,
    fast_path,
)
from nixeval.errors import IndexOutOfBounds, InvalidArgument, OutOfMemory, TypeError_
from nixeval.machine.requests import (
    call_async,
    call_now,
    equal_simple,
    force,
    force_now,
    values_equal,
)
from nixeval.syntax import ast as A
from nixeval.values import SLOW, Lambda, PrimOp, PrimOpApp, Thunk, show_type

# `f x` with f and x in slots 1 and 2 of the thunk's environment.
_APPLY = A.Apply(A.make_var("f", 0, 1), [A.make_var("x", 0, 2)])
# `f x y`
_APPLY2 = A.Apply(A.make_var("f", 0, 1), [A.make_var("x", 0, 2), A.make_var("y", 0, 3)])


# Longer lists cannot be allocated here (8 bytes per element at the very least):
# reported as Nix reports a failed allocation, instead of exhausting the machine.
_MAX_LIST = 1 << 28


def _fn_span(f: Any) -> Any:
    """The position of a function value (a lambda's), or None."""
    return f.node.span if type(f) is Lambda else None


_new = object.__new__


def apply_thunk(f: Any, x: Any) -> Thunk:
    """A thunk for `f x` (what `Thunk(_APPLY, env)` makes, without a call of
    `__init__`: these are made by the hundred thousand)."""
    t = _new(Thunk)
    t.node = _APPLY
    t.env = [None, f, x]
    t.value = None
    return t


def apply2_thunk(f: Any, x: Any, y: Any) -> Thunk:
    """A thunk for `f x y`."""
    t = _new(Thunk)
    t.node = _APPLY2
    t.env = [None, f, x, y]
    t.value = None
    return t


@builtin("length", 1)
def length(xs: Any) -> int:
    return len(expect_list(xs))


@builtin("head", 1)
def head(xs: Any) -> Any:
    expect_list(xs)
    if not xs:
        raise IndexOutOfBounds("list index 0 is out of bounds")
    return xs[0]  # an item: the machine forces it


@builtin("tail", 1)
def tail(xs: Any) -> Any:
    expect_list(xs)
    if not xs:
        raise IndexOutOfBounds("'tail' called on an empty list")
    return xs[1:]


@builtin("elemAt", 2)
def elem_at(xs: Any, n: Any) -> Any:
    expect_int(n)  # Nix checks the index before the list
    expect_list(xs)
    # The index is read whole (Nix >= 2.25; 2.8 truncated it to a 32-bit C int).
    if n < 0 or n >= len(xs):
        raise IndexOutOfBounds(f"list index {n} is out of bounds")
    return xs[n]  # an item: the machine forces it


@builtin("map", 2, lazy=(0,), global_=True)
def map_(f: Any, xs: Any) -> Any:
    expect_list(xs)
    return [apply_thunk(f, x) for x in xs]


@builtin("genList", 2, lazy=(0,))
def gen_list(f: Any, n: Any) -> Any:
    expect_int(n)
    if n < 0:
        raise InvalidArgument(f"cannot create list of size {n}")
    if n > _MAX_LIST:
        raise OutOfMemory("out of memory")
    return [apply_thunk(f, i) for i in range(n)]


@builtin("filter", 2)
async def filter_(f: Any, xs: Any) -> Any:
    expect_function(f)
    expect_list(xs)
    out = []
    for x in xs:
        r = call_now(f, x)
        if r is SLOW:
            r = await call_async(f, x)
        if expect_bool(r):
            out.append(x)
    return out


# The fast paths of builtins that call a function per element take short lists only:
# when a call cannot be made synchronously, the calls before it are made again by the
# builtin, and for a long list the builtin (which tries every call synchronously
# anyway) costs little more than its fast path.
SHORT = 16


def _is_function(f: Any) -> bool:
    return type(f) is Lambda or type(f) is PrimOp or type(f) is PrimOpApp


@fast_path("filter")
def filter_fast(f: Any, xs: Any) -> Any:
    """Every call computed synchronously (`call_now`)."""
    if type(xs) is not list or len(xs) > SHORT or not _is_function(f):
        return SLOW
    out = []
    for x in xs:
        r = call_now(f, x)
        if type(r) is not bool:
            return SLOW
        if r:
            out.append(x)
    return out


@builtin("foldl'", 3, lazy=(1,))
async def foldl_strict(op: Any, nul: Any, xs: Any) -> Any:
    """The accumulator is forced after each step (the `'`), the initial one only when
    the list is empty: `foldl' (a: b: b) (throw "x") [ 1 ]` is 1."""
    expect_function(op)
    expect_list(xs)
    if not xs:
        return await force(nul)
    acc = nul
    for x in xs:
        r = call_now(op, acc, x)
        acc = await call_async(op, acc, x) if r is SLOW else r
    return acc


@fast_path("foldl'")
def foldl_strict_fast(op: Any, nul: Any, xs: Any) -> Any:
    if type(xs) is not list or len(xs) > SHORT or not _is_function(op):
        return SLOW
    if not xs:
        return force_now(nul)
    acc = nul
    for x in xs:
        acc = call_now(op, acc, x)
        if acc is SLOW:
            return SLOW
    return acc


@builtin("concatLists", 1)
async def concat_lists(xss: Any) -> Any:
    expect_list(xss)
    out: list[Any] = []
    for xs in xss:
        out.extend(expect_list(await force(xs)))
    return out


@builtin("concatMap", 2)
async def concat_map(f: Any, xs: Any) -> Any:
    expect_function(f)
    expect_list(xs)
    out: list[Any] = []
    for x in xs:
        r = call_now(f, x)
        if r is SLOW:
            r = await call_async(f, x)
        if type(r) is not list:
            # Nix reports this at the function's position when the result has none
            raise TypeError_(f"value is {show_type(r)} while a list was expected",
                             _fn_span(f))
        out.extend(r)
    return out


@fast_path("concatMap")
def concat_map_fast(f: Any, xs: Any) -> Any:
    if type(xs) is not list or len(xs) > SHORT or not _is_function(f):
        return SLOW
    out: list[Any] = []
    for x in xs:
        r = call_now(f, x)
        if type(r) is not list:
            return SLOW
        out.extend(r)
    return out


@builtin("elem", 2)
async def elem(x: Any, xs: Any) -> bool:
    expect_list(xs)
    for y in xs:
        if await values_equal(x, await force(y)):
            return True
    return False


@fast_path("elem")
def elem_fast(x: Any, xs: Any) -> Any:
    """Every element forced and comparable without a request."""
    if type(xs) is not list:
        return SLOW
    for y in xs:
        if type(y) is Thunk:
            if y.node is not None:
                return SLOW
            y = y.value
        r = equal_simple(x, y)
        if r is SLOW:
            return SLOW
        if r:
            return True
    return False


@builtin("all", 2)
async def all_(f: Any, xs: Any) -> bool:
    expect_function(f)
    expect_list(xs)
    for x in xs:
        r = call_now(f, x)
        if r is SLOW:
            r = await call_async(f, x)
        if not expect_bool(r):
            return False
    return True


@builtin("any", 2)
async def any_(f: Any, xs: Any) -> bool:
    expect_function(f)
    expect_list(xs)
    for x in xs:
        r = call_now(f, x)
        if r is SLOW:
            r = await call_async(f, x)
        if expect_bool(r):
            return True
    return False


def _any_all_fast(f: Any, xs: Any, stop: bool) -> Any:
    if type(xs) is not list or len(xs) > SHORT or not _is_function(f):
        return SLOW
    for x in xs:
        r = call_now(f, x)
        if type(r) is not bool:
            return SLOW
        if r is stop:
            return stop
    return not stop


@fast_path("all")
def all_fast(f: Any, xs: Any) -> Any:
    return _any_all_fast(f, xs, False)


@fast_path("any")
def any_fast(f: Any, xs: Any) -> Any:
    return _any_all_fast(f, xs, True)


@builtin("partition", 2)
async def partition(f: Any, xs: Any) -> Any:
    expect_function(f)
    expect_list(xs)
    right: list[Any] = []
    wrong: list[Any] = []
    for x in xs:
        await force(x)  # Nix forces each element before calling the predicate
        r = call_now(f, x)
        if r is SLOW:
            r = await call_async(f, x)
        (right if expect_bool(r) else wrong).append(x)
    return {"right": right, "wrong": wrong}


@builtin("groupBy", 2)
async def group_by(f: Any, xs: Any) -> Any:
    expect_function(f)
    expect_list(xs)
    out: dict[str, list[Any]] = {}
    for x in xs:
        r = call_now(f, x)
        if r is SLOW:
            r = await call_async(f, x)
        k = str(expect_string(r))
        out.setdefault(k, []).append(x)
    return out


@builtin("sort", 2, lazy=(0,))
async def sort(cmp: Any, xs: Any) -> Any:
    """Stable merge sort; the comparator is a Nix function run on the machine. As in
    Nix >= 2.14 the list is checked first and an empty one is returned without
    looking at the comparator (2.8 checked the comparator first); then every element
    is forced, in order, before the first comparison (as in 2.8). For a comparator
    that is not a strict weak order the order is unspecified (Nix >= 2.30 sorts with
    PeekSort, 2.8 with libstdc++'s stable_sort); for one that is, every stable sort
    gives the same list."""
    expect_list(xs)
    if not xs:
        return xs
    cmp = expect_function(await force(cmp))
    items = list(xs)
    for x in items:
        if type(x) is Thunk:
            await force(x)
    n = len(items)
    if n < 2:
        return items
    width = 1
    src = items
    while width < n:
        dst: list[Any] = []
        for lo in range(0, n, 2 * width):
            mid = min(lo + width, n)
            hi = min(lo + 2 * width, n)
            i, j = lo, mid
            while i < mid and j < hi:
                # take from the right only when right < left (stability)
                r = call_now(cmp, src[j], src[i])
                if r is SLOW:
                    r = await call_async(cmp, src[j], src[i])
                if expect_bool(r):
                    dst.append(src[j])
                    j += 1
                else:
                    dst.append(src[i])
                    i += 1
            dst.extend(src[i:mid])
            dst.extend(src[j:hi])
        src = dst
        width *= 2
    return src
