"""The builtins index (nixeval/builtins/index.py) must match what the builtin modules
register: an evaluation binds builtins from the index without importing them."""

from nixeval.builtins.index import INDEX, generate


def test_index_is_current() -> None:
    expected = generate()
    assert INDEX == expected, "run `python -m nixeval.builtins.index` to regenerate it"


def test_lazy_builtin_loads_on_first_call() -> None:
    import nixeval

    assert nixeval.evaluate('builtins.toJSON { a = [ 1 "x" ]; }') == '{"a":[1,"x"]}'
    assert nixeval.evaluate('builtins.compareVersions "1.2" "1.10"') == -1
