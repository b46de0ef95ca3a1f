"""The package's layout rules, read from its code (nothing is imported): the import rule of ``textlab/__init__.py``.

Each rule is checked on the real package and, so that the check itself can fail, on a small made-up module.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import textlab

PACKAGE = Path(textlab.__file__).resolve().parent

#: The stages in the order data flows; a module imports only from an earlier stage or its own.
STAGES = (
    "core",
    "text",
    "books",
    "corpus",
    "voices",
    "features",
    "scale",
    "vocab",
    "topics",
    "stylometry",
    "viz",
    "study",
    "cli",
)
#: Subpackages that may name the bundled books: the book modules and the bundled study.
BUNDLED_ALLOWED = ("books", "study")
BUNDLED = re.compile(r"trotsky|cliff|gorter|wildcat", re.I)
MAX_LINES = 900
MAX_TOP_MODULES = 8


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = ("textlab",) + path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def stage(module: str) -> str | None:
    """The stage of a module: its first part below ``textlab`` (``None`` for the package's face)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] != "__main__" else None


def imports(module: str, tree: ast.Module, known: set[str]) -> list[tuple[ast.stmt, str, str | None, bool]]:
    """Every textlab import: (node, imported module, imported name or None, at module level?)."""
    top_level = {id(n) for n in tree.body}
    for n in tree.body:  # imports under a module-level `if TYPE_CHECKING:` count as module level
        if isinstance(n, ast.If):
            top_level.update(id(m) for m in n.body)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                target = ".".join(base[: len(base) - node.level] + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for a in node.names:
                if f"{target}.{a.name}" in known:
                    found.append((node, f"{target}.{a.name}", None, id(node) in top_level))
                elif target in known:
                    found.append((node, target, a.name, id(node) in top_level))
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name in known:
                    found.append((node, a.name, None, id(node) in top_level))
    return found


def violations(root: Path = PACKAGE) -> dict[str, list[str]]:
    """Each rule's violations, as readable lines."""
    mods = modules(root)
    known = set(mods)
    out: dict[str, list[str]] = {"order": [], "private": [], "inside": [], "size": [], "bundled": [], "top": []}
    for m, path in mods.items():
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        lines = text.count("\n")
        if lines > MAX_LINES:
            out["size"].append(f"{m}: {lines} lines")
        aliases: dict[str, str] = {}
        for node, target, name, at_top in imports(m, tree, known):
            where = f"{m}:{node.lineno}"
            if not at_top:
                out["inside"].append(f"{where} imports {target} inside a function")
            s, t = stage(m), stage(target)
            if s is not None and t is not None and t != s and STAGES.index(t) > STAGES.index(s):
                out["order"].append(f"{where} ({s}) imports {target} ({t}), a later stage")
            if name and name.startswith("_") and not name.startswith("__") and target != m:
                out["private"].append(f"{where} imports {target}.{name}")
            for a in node.names:
                bound = a.asname or a.name.split(".")[0]
                if name is None and target != m:
                    aliases[bound] = target if isinstance(node, ast.ImportFrom) or a.asname else a.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
            ):
                out["private"].append(f"{m}:{node.lineno} uses {aliases[node.value.id]}.{node.attr}")
        if stage(m) not in BUNDLED_ALLOWED:
            docs = {
                id(n.body[0].value)
                for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and n.body
                and isinstance(n.body[0], ast.Expr)
                and isinstance(n.body[0].value, ast.Constant)
            }
            for n in ast.walk(tree):
                word = None
                if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs:
                    word = n.value
                elif isinstance(n, ast.Name):
                    word = n.id
                if word and BUNDLED.search(word):
                    out["bundled"].append(f"{m}:{n.lineno} names {BUNDLED.search(word).group(0)!r}")
    top = [p.name for p in sorted(root.glob("*.py")) if p.name not in ("__init__.py", "__main__.py")]
    if len(top) > MAX_TOP_MODULES:
        out["top"].append(f"{len(top)} modules at the top of the package: {', '.join(top)}")
    return out


def circles(root: Path = PACKAGE) -> list[list[str]]:
    """Strongly connected components of more than one module in the import graph (imports anywhere)."""
    mods = modules(root)
    known = set(mods)
    edges = {
        m: {t for _, t, _, _ in imports(m, ast.parse(p.read_text(encoding="utf-8")), known) if t != m}
        for m, p in mods.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(mods):
        if v not in index:
            visit(v)
    return found


@pytest.mark.parametrize("rule", ["order", "private", "inside", "size", "bundled", "top"])
def test_package_keeps_the_rule(rule):
    assert violations()[rule] == []


def test_no_import_circles():
    assert circles() == []


def test_the_import_rule_is_written_where_readers_look():
    doc = textlab.__doc__ or ""
    assert "earlier stage" in doc and all(s in doc for s in STAGES)


@pytest.fixture
def bad_package(tmp_path):
    """A made-up package that breaks every rule once."""
    root = tmp_path / "textlab"
    for d in ("core", "text", "study"):
        (root / d).mkdir(parents=True)
        (root / d / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "core" / "io.py").write_text("from textlab.text import clean\n\n\ndef _check():\n    pass\n")
    (root / "text" / "clean.py").write_text(
        "from textlab.core import io\nfrom textlab.core.io import _check\n\n\n"
        "def f():\n    from textlab.study import figures\n    io._check()\n    return 'Trotsky'\n"
        + "#\n"
        * (MAX_LINES + 1)
    )
    (root / "study" / "figures.py").write_text("COLOURS = {'Cliff 1993': 'red'}\n")
    for i in range(MAX_TOP_MODULES + 1):
        (root / f"m{i}.py").write_text("")
    return root


def test_each_rule_catches_its_violation(bad_package):
    found = violations(bad_package)
    assert found["order"] == [
        "textlab.core.io:1 (core) imports textlab.text.clean (text), a later stage",
        "textlab.text.clean:6 (text) imports textlab.study.figures (study), a later stage",
    ]
    assert found["private"] == [
        "textlab.text.clean:2 imports textlab.core.io._check",
        "textlab.text.clean:7 uses textlab.core.io._check",
    ]
    assert found["inside"] == ["textlab.text.clean:6 imports textlab.study.figures inside a function"]
    assert found["size"] == [f"textlab.text.clean: {MAX_LINES + 9} lines"]
    assert found["bundled"] == ["textlab.text.clean:8 names 'Trotsky'"]  # study/ may name the bundled books
    assert len(found["top"]) == 1
    assert circles(bad_package) == [["textlab.core.io", "textlab.text.clean"]]
