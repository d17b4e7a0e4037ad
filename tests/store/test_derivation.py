"""nixeval.store.derivation against .drv files written by Nix 2.8."""

from __future__ import annotations

import sys

import pytest
from conftest import load

from nixeval.store import (
    DEFAULT_STORE_DIR,
    Derivation,
    DerivationError,
    HashError,
    StorePathError,
    derivation_strict,
    escape_string,
    fixed_output_from_attrs,
    hash_derivation_modulo,
    parse_derivation,
    parse_outputs,
    unparse,
)

DATA = load("drvs.json")
CASES = DATA["cases"]


def rebuild(d: Derivation, loader, store_dir, cache=None):
    """Call derivation_strict with the plain inputs of a recorded derivation;
    output paths are not passed in, they must be recomputed."""
    env = {k: v for k, v in d.env.items() if k not in d.outputs}
    fo = warning = None
    if "outputHash" in env:
        fo, warning = fixed_output_from_attrs(
            env["outputHash"], env.get("outputHashAlgo"), env.get("outputHashMode")
        )
    return derivation_strict(
        d.name, d.system, d.builder, d.args, env, parse_outputs(env.get("outputs")),
        d.input_drvs, d.input_srcs, fo, loader, cache, store_dir=store_dir,
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_roundtrip_and_paths(case):
    sd = case["store_dir"] or DEFAULT_STORE_DIR
    drvs = case["drvs"]
    cache: dict = {}
    for path, text in drvs.items():
        d = parse_derivation(text)
        assert unparse(d) == text
        res = rebuild(d, drvs, sd, cache)
        assert res.text == text
        assert res.drv_path == path
        assert {o: x.path for o, x in d.outputs.items()} == res.out_paths
    for p in case["instantiated"]:
        assert p.split("!")[0] in drvs  # nix-instantiate prints drv!output
    if "value" in case:
        top = parse_derivation(drvs[case["value"]["drvPath"]])
        for o, p in case["value"]["outputs"].items():
            assert top.outputs[o].path == p


def test_callable_loader_and_deep_chain():
    case = next(c for c in CASES if c["id"] == "chain")
    drvs = case["drvs"]
    top = parse_derivation(drvs[case["value"]["drvPath"]])
    calls = []

    def loader(p):
        calls.append(p)
        return parse_derivation(drvs[p])

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(150)
    try:
        cache: dict = {}
        h1 = hash_derivation_modulo(top, loader, cache=cache)
    finally:
        sys.setrecursionlimit(old)
    assert len(calls) == len(drvs) - 1 == len(set(calls))
    assert set(cache) == set(drvs) - {case["value"]["drvPath"]}
    assert hash_derivation_modulo(top, {}, cache=cache) == h1  # all cached now
    res = rebuild(top, loader, DEFAULT_STORE_DIR, cache)
    assert res.drv_path == case["value"]["drvPath"]
    assert res.out_paths == case["value"]["outputs"]


def test_fixed_output_modulo_ignores_builder():
    case = next(c for c in CASES if c["id"] == "fod_collision")
    fods = [parse_derivation(t) for t in case["drvs"].values()]
    fods = [d for d in fods if d.is_fixed_output]
    assert len(fods) == 2 and fods[0].builder != fods[1].builder
    assert hash_derivation_modulo(fods[0]) == hash_derivation_modulo(fods[1])


def test_escape_string():
    assert escape_string('a"b\\c\nd\re\tf$') == '"a\\"b\\\\c\\nd\\re\\tf$"'


def test_parse_errors():
    with pytest.raises(DerivationError):
        parse_derivation("Derive([")
    with pytest.raises(DerivationError):
        parse_derivation('Derive([],[],[],"","",[],[])x')
    with pytest.raises(DerivationError):
        parse_derivation('Derive([],[],[],"x')


@pytest.mark.parametrize("row", DATA["errors"], ids=lambda r: r["error"][:50])
def test_errors(row):
    py = row["case"]["py"]
    env = {"name": py["name"], "system": "x86_64-linux", "builder": "/bin/sh"}
    if "outputs" in py:
        env["outputs"] = " ".join(py["outputs"])
    with pytest.raises((DerivationError, StorePathError, HashError)) as e:
        outputs = parse_outputs(py.get("outputs"))
        fo = None
        if "outputHash" in py:
            fo, _ = fixed_output_from_attrs(py["outputHash"], py.get("outputHashAlgo"))
        derivation_strict(py["name"], "x86_64-linux", "/bin/sh", env=env, outputs=outputs,
                          fixed_output=fo)
    assert str(e.value) == row["error"]


def test_parse_outputs_tokenises():
    assert parse_outputs(None) == ["out"]
    assert parse_outputs(["out", "a b", ""]) == ["out", "a", "b"]
    tk = next(c for c in CASES if c["id"] == "tokenised_outputs")
    (text,) = tk["drvs"].values()
    assert sorted(parse_derivation(text).outputs) == sorted(parse_outputs(["out", "a b", ""]))
