"""The index of every builtin, so that an evaluation binds them without importing
their modules (see `nixeval.builtins`). Generated: `python -m nixeval.builtins.index`
rewrites the INDEX below from what the modules register; a test checks it is current.

INDEX: name -> (module, arity, strict per argument, is async, global, impure)
"""

from __future__ import annotations

from typing import Any

INDEX: dict[str, tuple[str, int, tuple[bool, ...], bool, bool, bool]] = {'abort': ('control', 1, (True,), True, True, False),
 'add': ('arith', 2, (True, True), False, False, False),
 'addErrorContext': ('control', 2, (False, False), True, False, False),
 'all': ('lists', 2, (True, True), True, False, False),
 'any': ('lists', 2, (True, True), True, False, False),
 'appendContext': ('context', 2, (True, True), True, False, False),
 'attrNames': ('attrs', 1, (True,), False, False, False),
 'attrValues': ('attrs', 1, (True,), False, False, False),
 'baseNameOf': ('paths', 1, (True,), True, True, False),
 'bitAnd': ('arith', 2, (True, True), False, False, False),
 'bitOr': ('arith', 2, (True, True), False, False, False),
 'bitXor': ('arith', 2, (True, True), False, False, False),
 'catAttrs': ('attrs', 2, (True, True), True, False, False),
 'ceil': ('arith', 1, (True,), False, False, False),
 'compareVersions': ('versions', 2, (True, True), False, False, False),
 'concatLists': ('lists', 1, (True,), True, False, False),
 'concatMap': ('lists', 2, (True, True), True, False, False),
 'concatStringsSep': ('strings', 2, (True, True), True, False, False),
 'deepSeq': ('control', 2, (True, False), True, False, False),
 'derivationStrict': ('derivations', 1, (True,), True, True, False),
 'dirOf': ('paths', 1, (True,), True, True, False),
 'div': ('arith', 2, (True, True), False, False, False),
 'elem': ('lists', 2, (True, True), True, False, False),
 'elemAt': ('lists', 2, (True, True), False, False, False),
 'fetchGit': ('fetchers', 1, (True,), True, True, True),
 'fetchMercurial': ('fetchers', 1, (True,), True, True, True),
 'fetchTarball': ('fetchers', 1, (True,), True, True, True),
 'fetchTree': ('fetchers', 1, (True,), True, True, True),
 'fetchurl': ('fetchers', 1, (True,), True, False, True),
 'filter': ('lists', 2, (True, True), True, False, False),
 'filterSource': ('storepaths', 2, (True, True), True, False, False),
 'findFile': ('paths', 2, (True, True), True, False, True),
 'floor': ('arith', 1, (True,), False, False, False),
 "foldl'": ('lists', 3, (True, False, True), True, False, False),
 'fromJSON': ('json', 1, (True,), False, False, False),
 'fromTOML': ('toml', 1, (True,), False, True, False),
 'functionArgs': ('attrs', 1, (True,), False, False, False),
 'genList': ('lists', 2, (False, True), False, False, False),
 'genericClosure': ('attrs', 1, (True,), True, False, False),
 'getAttr': ('attrs', 2, (True, True), False, False, False),
 'getContext': ('context', 1, (True,), False, False, False),
 'getEnv': ('paths', 1, (True,), False, False, True),
 'groupBy': ('lists', 2, (True, True), True, False, False),
 'hasAttr': ('attrs', 2, (True, True), False, False, False),
 'hasContext': ('strings', 1, (True,), False, False, False),
 'hashFile': ('hash', 2, (True, False), True, False, True),
 'hashString': ('hash', 2, (True, True), False, False, False),
 'head': ('lists', 1, (True,), False, False, False),
 'import': ('paths', 1, (False,), True, True, True),
 'intersectAttrs': ('attrs', 2, (True, True), False, False, False),
 'isAttrs': ('types', 1, (True,), False, False, False),
 'isBool': ('types', 1, (True,), False, False, False),
 'isFloat': ('types', 1, (True,), False, False, False),
 'isFunction': ('types', 1, (True,), False, False, False),
 'isInt': ('types', 1, (True,), False, False, False),
 'isList': ('types', 1, (True,), False, False, False),
 'isNull': ('types', 1, (True,), False, True, False),
 'isPath': ('types', 1, (True,), False, False, False),
 'isString': ('types', 1, (True,), False, False, False),
 'length': ('lists', 1, (True,), False, False, False),
 'lessThan': ('arith', 2, (True, True), True, False, False),
 'listToAttrs': ('attrs', 1, (True,), True, False, False),
 'map': ('lists', 2, (False, True), False, True, False),
 'mapAttrs': ('attrs', 2, (False, True), False, False, False),
 'match': ('regex', 2, (True, True), False, False, False),
 'mul': ('arith', 2, (True, True), False, False, False),
 'parseDrvName': ('versions', 1, (True,), False, False, False),
 'partition': ('lists', 2, (True, True), True, False, False),
 'path': ('storepaths', 1, (True,), True, False, False),
 'pathExists': ('paths', 1, (False,), True, False, True),
 'placeholder': ('derivations', 1, (True,), False, True, False),
 'readDir': ('paths', 1, (False,), True, False, True),
 'readFile': ('paths', 1, (False,), True, False, True),
 'removeAttrs': ('attrs', 2, (True, True), True, True, False),
 'replaceStrings': ('strings', 3, (True, True, True), True, False, False),
 'scopedImport': ('paths', 2, (False, False), True, True, True),
 'seq': ('control', 2, (True, False), True, False, False),
 'sort': ('lists', 2, (True, True), True, False, False),
 'split': ('regex', 2, (True, True), False, False, False),
 'splitVersion': ('versions', 1, (True,), False, False, False),
 'storePath': ('storepaths', 1, (True,), True, False, False),
 'stringLength': ('strings', 1, (True,), True, False, False),
 'sub': ('arith', 2, (True, True), False, False, False),
 'substring': ('strings', 3, (True, True, True), True, False, False),
 'tail': ('lists', 1, (True,), False, False, False),
 'throw': ('control', 1, (True,), True, True, False),
 'toFile': ('storepaths', 2, (True, True), True, False, False),
 'toJSON': ('json', 1, (True,), True, False, False),
 'toPath': ('paths', 1, (True,), True, False, False),
 'toString': ('strings', 1, (True,), True, True, False),
 'toXML': ('xml', 1, (True,), True, False, False),
 'trace': ('control', 2, (True, False), True, False, False),
 'tryEval': ('control', 1, (False,), True, False, False),
 'typeOf': ('types', 1, (True,), False, False, False),
 'unsafeDiscardOutputDependency': ('context', 1, (True,), True, False, False),
 'unsafeDiscardStringContext': ('strings', 1, (True,), True, False, False),
 'unsafeGetAttrPos': ('attrs', 2, (True, True), False, False, False),
 'zipAttrsWith': ('attrs', 2, (True, True), True, False, False)}  # generated


def generate() -> dict[str, Any]:
    from nixeval.builtins import load_all
    from nixeval.builtins.registry import BUILTINS, GLOBALS

    load_all()
    return {name: (op.fn.__module__.rsplit(".", 1)[1], op.arity, op.strict, op.is_async,
                   name in GLOBALS, op.impure)
            for name, op in sorted(BUILTINS.items())}


def _write() -> None:
    import pprint

    path = __file__
    text = open(path).read()
    start = text.index("INDEX: dict[")
    end = text.index("\n", text.index("# generated", start)) if "# generated\n" in text else text.index("\n\n\ndef generate")
    body = pprint.pformat(generate(), width=100, sort_dicts=True)
    new = text[:start] + "INDEX: dict[str, tuple[str, int, tuple[bool, ...], bool, bool, bool]] = " + body + "  # generated" + text[end:]
    with open(path, "w") as f:
        f.write(new)


if __name__ == "__main__":
    _write()
