"""The package's layout rules (issue 15), checked on the source:

- the import graph has no cycles (imports inside functions count too);
- no module imports from a higher layer (see LAYERS);
- builtins reach the machine only through nixeval/machine/requests.py;
- every module opens with a docstring, and one longer than MAX_LINES says why at its
  top (a "Size:" paragraph in the docstring);
- every AST node class has its three evaluators (nixeval/machine/dispatch.py).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "nixeval"
MAX_LINES = 800

# Lower layers first; a module may import from its own layer and the ones before it.
LAYERS: list[tuple[str, ...]] = [
    ("nixeval.source", "nixeval.lexical", "nixeval.settings", "nixeval.memory", "nixeval.values",
     "nixeval.corepkgs"),
    ("nixeval.errors",),
    ("nixeval.syntax",),
    ("nixeval.printer", "nixeval.store"),
    ("nixeval.io",),
    ("nixeval.machine",),
    ("nixeval.attrpath",),
    ("nixeval.builtins",),
    ("nixeval.evaluation",),
    ("nixeval.api", "nixeval.cli", "nixeval.__main__", "nixeval"),
]


def _modules() -> dict[str, Path]:
    out = {}
    for p in PACKAGE.rglob("*.py"):
        rel = p.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts)
        out[name.removesuffix(".__init__")] = p
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The nixeval modules `name` imports (a `from pkg import sub` names the submodule)."""
    tree = ast.parse(path.read_text())
    out: set[str] = set()
    is_pkg = path.name == "__init__.py"
    for n in ast.walk(tree):
        if isinstance(n, ast.Import):
            out.update(a.name for a in n.names)
        elif isinstance(n, ast.ImportFrom):
            base = n.module or ""
            if n.level:
                parts = name.split(".") if is_pkg else name.split(".")[:-1]
                parts = parts[: len(parts) - (n.level - 1)]
                base = ".".join(parts + ([base] if base else []))
            for a in n.names:
                sub = f"{base}.{a.name}"
                out.add(sub if sub in MODULES else base)
    # "nixeval" itself (the package re-exporting the API) is not a dependency: the
    # modules import their siblings, which only loads the package first.
    return {m for m in out if m in MODULES and m != name and m != "nixeval"}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(module: str) -> int:
    best = -1
    best_len = -1
    for i, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = i, len(prefix)
    assert best >= 0, f"{module} is in no layer: add it to LAYERS"
    return best


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in GRAPH:
        if root in index:
            continue
        work = [(root, iter(sorted(GRAPH[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(GRAPH[w]))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def test_no_import_cycles() -> None:
    assert _cycles() == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_upward_imports(module: str) -> None:
    if module == "nixeval":
        return
    mine = _layer(module)
    upward = sorted(m for m in GRAPH[module] if m != "nixeval" and _layer(m) > mine)
    assert upward == [], f"{module} (layer {mine}) imports from higher layers: {upward}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("nixeval.builtins.")))
def test_builtins_use_only_the_machine_contract(module: str) -> None:
    machine = sorted(m for m in GRAPH[module] if m.startswith("nixeval.machine"))
    assert set(machine) <= {"nixeval.machine.requests"}, machine


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_docstring_and_size(module: str) -> None:
    path = MODULES[module]
    text = path.read_text()
    doc = ast.get_docstring(ast.parse(text))
    assert doc, f"{path} has no module docstring saying what it owns"
    lines = text.count("\n")
    if lines > MAX_LINES:
        assert "Size:" in doc, f"{path} has {lines} lines and does not say why at its top"


def test_every_node_class_has_its_evaluators() -> None:
    import nixeval.machine  # noqa: F401 - installs the evaluators
    from nixeval.machine import dispatch
    from nixeval.syntax import ast as A

    classes = dispatch.node_classes()
    assert len(classes) > 20
    missing = [cls.__name__ for cls in classes if cls not in dispatch.TABLE]
    assert missing == []
    assert [cls.__name__ for cls in classes if cls.ev is A.Node.ev] == []
