"""5-Why trees: evidence-linked statements down to an actionable cause in the system."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .library import category_name


@dataclass
class WhyNode:
    """One statement; with evidence (a figure and its query) or marked as a hypothesis for the Gemba."""

    statement: str
    category: str  # Ishikawa: Mensch, Maschine, Methode, Material, Messung, Mitwelt
    figure: str | None = None
    sql_index: int | None = None  # index into the answer's evidence
    hypothesis: bool = False
    root: bool = False  # an actionable cause in the system
    children: list[WhyNode] = field(default_factory=list)

    def add(self, child: WhyNode) -> WhyNode:
        """Append a child and return it, for chaining."""
        self.children.append(child)
        return child

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "statement": self.statement,
            "category": self.category,
            "evidence": None if self.hypothesis else {"figure": self.figure, "sql_index": self.sql_index},
            "hypothesis": self.hypothesis,
            "root": self.root,
            "children": [c.to_dict() for c in self.children],
        }

    def paths(self) -> list[list[WhyNode]]:
        """Every path from this node down to a leaf."""
        if not self.children:
            return [[self]]
        return [[self, *path] for child in self.children for path in child.paths()]


def to_markdown(tree: WhyNode, language: str) -> str:
    """Nested list: each level answers 'why?' of the one above."""
    lines: list[str] = []

    def walk(node: WhyNode, depth: int) -> None:
        tag = _tag(node, language)
        prefix = "  " * depth + "- "
        why = "" if depth == 0 else ("Warum? " if language == "de" else "Why? ")
        lines.append(f"{prefix}{why}{node.statement} {tag}")
        for child in node.children:
            walk(child, depth + 1)

    walk(tree, 0)
    return "\n".join(lines)


def _tag(node: WhyNode, language: str) -> str:
    category = category_name(node.category, language)
    if node.hypothesis:
        check = "Hypothese – an der Gemba prüfen" if language == "de" else "hypothesis – check at the Gemba"
        kind = f"_{check}_"
    else:
        kind = f"`{node.figure}`" if node.figure else ""
    root = (" **Grundursache**" if language == "de" else " **root cause**") if node.root else ""
    return f"[{category}] {kind}{root}".strip()


def to_dot(tree: WhyNode, language: str) -> str:
    """Graphviz DOT: evidence nodes solid, hypotheses dashed, root causes bold."""
    lines = ["digraph five_why {", '  rankdir=TB; node [shape=box, style="rounded", fontname="Helvetica"];']
    counter = iter(range(10_000))

    def walk(node: WhyNode) -> str:
        name = f"n{next(counter)}"
        label = f"{node.statement}\\n[{category_name(node.category, language)}]"
        if node.figure and not node.hypothesis:
            label += f"\\n{node.figure}"
        style = ["rounded"] + (["dashed"] if node.hypothesis else []) + (["bold"] if node.root else [])
        safe = label.replace('"', "'")
        lines.append(f'  {name} [label="{safe}", style="{",".join(style)}"];')
        for child in node.children:
            lines.append(f"  {name} -> {walk(child)};")
        return name

    walk(tree)
    lines.append("}")
    return "\n".join(lines)


def backwards(tree: WhyNode, language: str) -> list[str]:
    """Each path read from the root cause up, joined by 'therefore' – the check that the chain holds."""
    word = " – deshalb: " if language == "de" else " – therefore: "
    return [word.join(node.statement.rstrip(".") for node in reversed(path)) for path in tree.paths()]
