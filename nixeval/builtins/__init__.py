"""The builtins, one module per family, all registered through `registry.builtin`.

Importing this package registers every builtin; `registry.BUILTINS` then holds them.
"""

from nixeval.builtins import (  # noqa: F401  # noqa: F401,E402
    arith,
    attrs,
    context,
    control,
    derivations,
    fetchers,
    hash,
    json,
    lists,
    paths,
    regex,
    storepaths,
    strings,
    toml,
    types,
    versions,
    xml,
)
