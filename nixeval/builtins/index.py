"""The index of every builtin, so that an evaluation binds them without importing
their modules (see `nixeval.builtins`). Generated: `python -m nixeval.builtins.index`
rewrites the INDEX below from what the modules register; a test checks it is current.

INDEX: name -> (module, arity, strict per argument, is async, global, impure,
                experimental feature it needs or None)
"""

from __future__ import annotations

from typing import Any

from nixeval.builtins.registry import BUILTINS, FEATURES, GLOBALS

INDEX: dict[str, tuple[str, int, tuple[bool, ...], bool, bool, bool, str | None]] = {'abort': ('control', 1, (True,), True, True, False, None),
 'add': ('arith', 2, (True, True), False, False, False, None),
 'addDrvOutputDependencies': ('context', 1, (True,), True, False, False, None),
 'addErrorContext': ('control', 2, (False, False), True, False, False, None),
 'all': ('lists', 2, (True, True), True, False, False, None),
 'any': ('lists', 2, (True, True), True, False, False, None),
 'appendContext': ('context', 2, (True, True), True, False, False, None),
 'attrNames': ('attrs', 1, (True,), False, False, False, None),
 'attrValues': ('attrs', 1, (True,), False, False, False, None),
 'baseNameOf': ('paths', 1, (True,), True, True, False, None),
 'bitAnd': ('arith', 2, (True, True), False, False, False, None),
 'bitOr': ('arith', 2, (True, True), False, False, False, None),
 'bitXor': ('arith', 2, (True, True), False, False, False, None),
 'break': ('control', 1, (True,), False, True, False, None),
 'catAttrs': ('attrs', 2, (True, True), True, False, False, None),
 'ceil': ('arith', 1, (True,), False, False, False, None),
 'compareVersions': ('versions', 2, (True, True), False, False, False, None),
 'concatLists': ('lists', 1, (True,), True, False, False, None),
 'concatMap': ('lists', 2, (True, True), True, False, False, None),
 'concatStringsSep': ('strings', 2, (True, True), True, False, False, None),
 'convertHash': ('hash', 1, (True,), True, False, False, None),
 'deepSeq': ('control', 2, (True, False), True, False, False, None),
 'derivationStrict': ('derivations', 1, (True,), True, True, False, None),
 'dirOf': ('paths', 1, (True,), True, True, False, None),
 'div': ('arith', 2, (True, True), False, False, False, None),
 'elem': ('lists', 2, (True, True), True, False, False, None),
 'elemAt': ('lists', 2, (True, True), False, False, False, None),
 'fetchGit': ('fetchers', 1, (True,), True, True, True, None),
 'fetchMercurial': ('fetchers', 1, (True,), True, True, True, None),
 'fetchTarball': ('fetchers', 1, (True,), True, True, True, None),
 'fetchTree': ('fetchtree', 1, (True,), True, True, True, 'fetch-tree'),
 'fetchurl': ('fetchers', 1, (True,), True, False, True, None),
 'filter': ('lists', 2, (True, True), True, False, False, None),
 'filterSource': ('storepaths', 2, (True, True), True, False, False, None),
 'findFile': ('paths', 2, (True, True), True, False, True, None),
 'flakeRefToString': ('flakeref', 1, (True,), True, False, False, 'flakes'),
 'floor': ('arith', 1, (True,), False, False, False, None),
 "foldl'": ('lists', 3, (True, False, True), True, False, False, None),
 'fromJSON': ('json', 1, (True,), False, False, False, None),
 'fromTOML': ('toml', 1, (True,), False, True, False, None),
 'functionArgs': ('attrs', 1, (True,), False, False, False, None),
 'genList': ('lists', 2, (False, True), False, False, False, None),
 'genericClosure': ('attrs', 1, (True,), True, False, False, None),
 'getAttr': ('attrs', 2, (True, True), False, False, False, None),
 'getContext': ('context', 1, (True,), False, False, False, None),
 'getEnv': ('paths', 1, (True,), False, False, True, None),
 'getFlake': ('flake', 1, (True,), True, False, True, 'flakes'),
 'groupBy': ('lists', 2, (True, True), True, False, False, None),
 'hasAttr': ('attrs', 2, (True, True), False, False, False, None),
 'hasContext': ('strings', 1, (True,), False, False, False, None),
 'hashFile': ('hash', 2, (True, False), True, False, True, None),
 'hashString': ('hash', 2, (True, True), False, False, False, None),
 'head': ('lists', 1, (True,), False, False, False, None),
 'import': ('paths', 1, (False,), True, True, True, None),
 'intersectAttrs': ('attrs', 2, (True, True), False, False, False, None),
 'isAttrs': ('types', 1, (True,), False, False, False, None),
 'isBool': ('types', 1, (True,), False, False, False, None),
 'isFloat': ('types', 1, (True,), False, False, False, None),
 'isFunction': ('types', 1, (True,), False, False, False, None),
 'isInt': ('types', 1, (True,), False, False, False, None),
 'isList': ('types', 1, (True,), False, False, False, None),
 'isNull': ('types', 1, (True,), False, True, False, None),
 'isPath': ('types', 1, (True,), False, False, False, None),
 'isString': ('types', 1, (True,), False, False, False, None),
 'length': ('lists', 1, (True,), False, False, False, None),
 'lessThan': ('arith', 2, (True, True), True, False, False, None),
 'listToAttrs': ('attrs', 1, (True,), True, False, False, None),
 'map': ('lists', 2, (False, True), False, True, False, None),
 'mapAttrs': ('attrs', 2, (False, True), False, False, False, None),
 'match': ('regex', 2, (True, True), False, False, False, None),
 'mul': ('arith', 2, (True, True), False, False, False, None),
 'outputOf': ('context', 2, (True, True), True, False, False, 'dynamic-derivations'),
 'parseDrvName': ('versions', 1, (True,), False, False, False, None),
 'parseFlakeRef': ('flakeref', 1, (True,), False, False, False, 'flakes'),
 'partition': ('lists', 2, (True, True), True, False, False, None),
 'path': ('storepaths', 1, (True,), True, False, False, None),
 'pathExists': ('paths', 1, (False,), True, False, True, None),
 'placeholder': ('derivations', 1, (True,), False, True, False, None),
 'readDir': ('paths', 1, (False,), True, False, True, None),
 'readFile': ('paths', 1, (False,), True, False, True, None),
 'readFileType': ('paths', 1, (False,), True, False, True, None),
 'removeAttrs': ('attrs', 2, (True, True), True, True, False, None),
 'replaceStrings': ('strings', 3, (True, True, False), True, False, False, None),
 'scopedImport': ('paths', 2, (False, False), True, True, True, None),
 'seq': ('control', 2, (True, False), True, False, False, None),
 'sort': ('lists', 2, (False, True), True, False, False, None),
 'split': ('regex', 2, (True, True), False, False, False, None),
 'splitVersion': ('versions', 1, (True,), False, False, False, None),
 'storePath': ('storepaths', 1, (True,), True, False, False, None),
 'stringLength': ('strings', 1, (True,), True, False, False, None),
 'sub': ('arith', 2, (True, True), False, False, False, None),
 'substring': ('strings', 3, (True, False, False), True, False, False, None),
 'tail': ('lists', 1, (True,), False, False, False, None),
 'throw': ('control', 1, (True,), True, True, False, None),
 'toFile': ('storepaths', 2, (True, True), True, False, False, None),
 'toJSON': ('json', 1, (True,), True, False, False, None),
 'toPath': ('paths', 1, (True,), True, False, False, None),
 'toString': ('strings', 1, (True,), True, True, False, None),
 'toXML': ('xml', 1, (True,), True, False, False, None),
 'trace': ('control', 2, (True, False), True, False, False, None),
 'traceVerbose': ('control', 2, (False, False), True, False, False, None),
 'tryEval': ('control', 1, (False,), True, False, False, None),
 'typeOf': ('types', 1, (True,), False, False, False, None),
 'unsafeDiscardOutputDependency': ('context', 1, (True,), True, False, False, None),
 'unsafeDiscardStringContext': ('strings', 1, (True,), True, False, False, None),
 'unsafeGetAttrPos': ('attrs', 2, (True, True), False, False, False, None),
 'warn': ('control', 2, (True, False), True, False, False, None),
 'zipAttrsWith': ('attrs', 2, (True, True), True, False, False, None)}  # generated


def generate() -> dict[str, Any]:
    from nixeval.builtins import load_all  # generating the index loads every module: not at import

    load_all()
    return {name: (op.fn.__module__.rsplit(".", 1)[1], op.arity, op.strict, op.is_async,
                   name in GLOBALS, op.impure, FEATURES.get(name))
            for name, op in sorted(BUILTINS.items())}


def _write() -> None:
    import pprint  # only when the index is regenerated

    path = __file__
    text = open(path).read()
    start = text.index("INDEX: dict[")
    end = text.index("\n", text.index("# generated", start)) if "# generated\n" in text else text.index("\n\n\ndef generate")
    body = pprint.pformat(generate(), width=100, sort_dicts=True)
    new = text[:start] + "INDEX: dict[str, tuple[str, int, tuple[bool, ...], bool, bool, bool, str | None]] = " + body + "  # generated" + text[end:]
    with open(path, "w") as f:
        f.write(new)


if __name__ == "__main__":
    _write()
