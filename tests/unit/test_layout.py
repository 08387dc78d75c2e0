"""The package's layers: each module imports only from its own layer and the layers below it, so
the structure CONTRIBUTING.md draws is the structure the code has. Read from the source, as text."""

from __future__ import annotations

import ast
from pathlib import Path

import mkdocs_okr

PACKAGE = Path(mkdocs_okr.__file__).parent
# bottom to top; a module of a layer may import any module of its own layer or of a layer before it
LAYERS = [
    {"model", "datafiles", "levels", "progress", "scoring", "__init__"},
    {"read"},
    {"history"},
    {"classify"},
    {"rules"},
    {"check"},
    {"show"},
    {"site"},
    {"options"},
    {"for_mkdocs", "plugin", "cli", "markdown", "sphinx", "lsp", "__main__"},
]
LAYER = {name: n for n, names in enumerate(LAYERS) for name in names}


def imported(path: Path) -> set[str]:
    """The top-level parts of the package (a module or a folder) that a module imports."""
    module = path.relative_to(PACKAGE).with_suffix("").parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(module[:-1])[: len(module) - node.level] if node.level > 1 else list(module[:-1])
            parts = base + (node.module.split(".") if node.module else [])
            if parts:
                found.add(parts[0])
            else:  # from . import x, at the top of the package
                found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mkdocs_okr."):
            found.add(node.module.split(".")[1])  # type: ignore[union-attr]  # checked just above
    return found


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {
        p.stem if p.is_file() else p.name
        for p in PACKAGE.iterdir()
        if p.suffix == ".py" or (p / "__init__.py").is_file()
    }
    assert parts == set(LAYER)


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        for part in imported(path) - {"__version__"}:
            if LAYER.get(part, -1) > LAYER[own]:
                upward.append(f"{path.relative_to(PACKAGE)} imports {part}")
    assert upward == []
