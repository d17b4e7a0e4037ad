"""The package re-exports every submodule's public names."""

import nixeval.store as store
from nixeval.store import derivation, hashes, local, nar, paths


def test_reexports():
    for mod in (hashes, nar, paths, derivation, local):
        for name in mod.__all__:
            assert getattr(store, name) is getattr(mod, name), name
    assert sorted(store.__all__) == sorted(
        hashes.__all__ + nar.__all__ + paths.__all__ + derivation.__all__ + local.__all__
    )
