"""The store layer: hashes and their encodings, NAR serialisation, store path
computation and derivations, as Nix 2.8 does them, and writing store objects
into a store directory (`local`, used only in write mode). Pure Python,
standard library only.

This module only re-exports the public API of `hashes`, `nar`, `paths`,
`derivation` and `local` (each submodule's ``__all__``).
"""

from . import derivation, hashes, local, nar, paths
from .derivation import *  # noqa: F401,F403
from .hashes import *  # noqa: F401,F403
from .local import *  # noqa: F401,F403
from .nar import *  # noqa: F401,F403
from .paths import *  # noqa: F401,F403

__all__ = [*hashes.__all__, *nar.__all__, *paths.__all__, *derivation.__all__, *local.__all__]
