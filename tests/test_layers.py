"""The floors of docs/architecture.md hold: no upward import, no import circle.

Every module of the four apps is parsed with ``ast`` (nothing is imported, so a module that
fails to import still gets checked), and every import counts: at the top, inside a function (a
"lazy" import only hides a circle from Python, not from the design) or under TYPE_CHECKING
(the floors, not the circles: a type-only import runs nothing).

The floors, top to bottom: helpdesk/ (project wiring, workspace, supervision), questions/,
then routing/ and search/ side by side, which know nothing of each other. Any floor may use
the kernel: leaf modules that import nothing of ours.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOORS = {"helpdesk": 3, "questions": 2, "routing": 1, "search": 1}
KERNEL = frozenset(
    {
        "helpdesk.clock",  # "now" (STYLE: time comes from one function)
        "helpdesk.folding",  # Vietnamese diacritic folding, one function
        "helpdesk.logging",  # masking personal data in log lines (pure, loaded before Django)
        "helpdesk.api_schema",  # the API views' schema annotations, applied when one is generated
    }
)
# Known, named debts: each must still be there (the test says when one can go), none may be
# added. Remove an entry when its import is gone.
KNOWN_UPWARD: frozenset[tuple[str, str]] = frozenset()
KNOWN_CIRCLES: frozenset[frozenset[str]] = frozenset()


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    type_only: bool


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def our_modules() -> dict[str, Path]:
    modules = {}
    for app in FLOORS:
        for path in (ROOT / app).rglob("*.py"):
            modules[module_name(path)] = path
    return modules


MODULES = our_modules()


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _ours(name: str) -> str | None:
    """The module of ours that ``name`` is, or lies in (``questions.models.Role`` → models)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str) -> list[Import]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    type_only = _type_checking_lines(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # ``from questions import services`` imports the module questions.services.
            names = [f"{prefix}.{alias.name}" for alias in node.names]
        for name in names:
            target = _ours(name)
            if target is not None and target != module:
                found.append(Import(module, target, node.lineno, node.lineno in type_only))
    return found


IMPORTS = [found for module in sorted(MODULES) for found in imports_of(module)]


def app_of(module: str) -> str:
    return module.partition(".")[0]


def is_forbidden(found: Import) -> bool:
    source, target = app_of(found.importer), app_of(found.imported)
    if source == target or found.imported in KERNEL:
        return False
    # Upward, or sideways between the two ground-floor apps.
    return FLOORS[target] >= FLOORS[source]


def circles() -> list[frozenset[str]]:
    """The import circles: strongly connected groups of two or more modules (Tarjan)."""
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    for found in IMPORTS:
        if not found.type_only:
            graph[found.importer].add(found.imported)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[frozenset[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(frozenset(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return groups


def test_the_parser_sees_the_imports_it_must_judge():
    pairs = {(found.importer, found.imported) for found in IMPORTS}

    assert ("questions.services", "routing.deadlines") in pairs
    assert ("search.services", "search.analysis") in pairs  # relative: from . import analysis
    assert ("questions.apps", "search.services") in pairs  # inside a function


def test_the_kernel_imports_nothing_of_ours_but_the_kernel():
    outside = [
        f"{found.importer}:{found.line} imports {found.imported}"
        for found in IMPORTS
        if found.importer in KERNEL and found.imported not in KERNEL
    ]

    assert outside == []


def test_no_module_imports_from_a_floor_above_or_beside_its_own():
    forbidden = {(f.importer, f.imported): f for f in IMPORTS if is_forbidden(f)}
    new = [
        f"{f.importer}:{f.line} imports {f.imported}"
        for key, f in sorted(forbidden.items())
        if key not in KNOWN_UPWARD
    ]

    assert new == [], "upward imports (docs/architecture.md, the floors)"


def test_every_known_upward_import_is_still_there():
    forbidden = {(f.importer, f.imported) for f in IMPORTS if is_forbidden(f)}

    assert sorted(KNOWN_UPWARD - forbidden) == [], "gone: remove them from KNOWN_UPWARD"


def test_no_import_circle_between_modules():
    found = circles()
    new = [sorted(group) for group in found if group not in KNOWN_CIRCLES]

    assert new == []


def test_every_known_circle_is_still_there():
    assert sorted(map(sorted, KNOWN_CIRCLES - set(circles()))) == [], "gone: remove them"


@pytest.mark.parametrize(
    ("importer", "imported", "forbidden"),
    [
        ("routing.services", "questions.models", True),
        ("search.services", "routing.models", True),
        ("questions.services", "helpdesk.workspace.views", True),
        ("search.analysis", "helpdesk.folding", False),
        ("questions.services", "routing.deadlines", False),
        ("helpdesk.workspace.views", "questions.services", False),
    ],
)
def test_the_rule_forbids_upward_and_sideways_imports_only(importer, imported, forbidden):
    assert is_forbidden(Import(importer, imported, 1, False)) is forbidden
