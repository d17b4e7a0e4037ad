"""The builtins, one module per family, all registered through `registry.builtin`.

Importing this package registers every builtin; `registry.BUILTINS` then holds them.
"""

from nixeval.builtins import (  # noqa: F401
    arith,
    attrs,
    control,
    hash,
    json,
    lists,
    paths,
    regex,
    strings,
    toml,
    types,
    versions,
    xml,
)
from nixeval.builtins import context, derivations, fetchers, storepaths  # noqa: F401,E402
