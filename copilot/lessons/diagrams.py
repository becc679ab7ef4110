"""Diagrams for concepts the plant's data cannot show: the steps of a method, or its cycle."""

from __future__ import annotations

from .knowledge import Concept, title

# topic → (is a cycle, German steps, English steps)
STEPS: dict[str, tuple[bool, tuple[str, ...], tuple[str, ...]]] = {
    "pdca": (True, ("Plan: Ursache verstehen, Ziel setzen", "Do: im Kleinen erproben", "Check: Wirkung messen",
                    "Act: standardisieren oder neu planen"),
             ("Plan: understand the cause, set a goal", "Do: try it on a small scale", "Check: measure the effect",
              "Act: standardise or plan again")),
    "5s": (True, ("Sortieren", "Setzen (Ordnung)", "Sauberkeit", "Standardisieren", "Selbstdisziplin"),
           ("Sort", "Set in order", "Shine", "Standardise", "Sustain")),
    "five_why": (False, ("Problem: was, wo, wann, wie viel", "Warum 1", "Warum 2", "Warum 3", "Warum 4",
                         "Warum 5: Ursache im System", "Gegenmaßnahme"),
                 ("Problem: what, where, when, how much", "Why 1", "Why 2", "Why 3", "Why 4",
                  "Why 5: cause in the system", "Countermeasure")),
    "a3": (False, ("Hintergrund", "Ist-Zustand", "Ziel", "Ursachenanalyse", "Gegenmaßnahmen", "Umsetzungsplan",
                   "Nachverfolgung"),
           ("Background", "Current condition", "Goal", "Root-cause analysis", "Countermeasures",
            "Implementation plan", "Follow-up")),
    "kanban": (True, ("Verbraucher entnimmt Behälter", "Kanban-Karte geht zurück", "Lieferant fertigt genau diese Menge",
                      "Voller Behälter mit Karte zurück ans Regal"),
               ("Consumer takes a container", "Kanban card goes back", "Supplier makes exactly that quantity",
                "Full container with its card back on the shelf")),
    "kaizen": (True, ("Standard", "Problem sichtbar machen", "Verbesserung im Kleinen", "Neuer Standard"),
               ("Standard", "Make the problem visible", "Small improvement", "New standard")),
    "andon": (False, ("Störung erkannt", "Andon ziehen", "Teamleiter kommt in Taktzeit", "Beheben oder Linie stoppen",
                      "Ursache abstellen"),
              ("Problem spotted", "Pull the andon", "Team leader comes within takt", "Fix or stop the line",
               "Remove the cause")),
    "value_stream": (False, ("Kunde und Bedarf", "Prozesskästen mit Zyklus- und Rüstzeit", "Bestände zwischen den Prozessen",
                    "Informationsfluss", "Zeitlinie: Durchlaufzeit gegen Wertschöpfung", "Soll-Zustand"),
            ("Customer and demand", "Process boxes with cycle and changeover time", "Inventory between processes",
             "Information flow", "Timeline: lead time against value-adding time", "Future state")),
}  # fmt: skip


def _node(key: str, label: str, **style: str) -> str:
    """One DOT node line."""
    extra = "".join(f', {name}="{value}"' for name, value in style.items())
    text = label.replace('"', "'")
    return f'  "{key}" [label="{text}"{extra}];'


def diagram(found: Concept) -> str:
    """A Graphviz diagram: the method's steps where it has them, else the concept and its neighbours."""
    head = [
        "digraph concept {",
        '  graph [rankdir=LR, bgcolor="transparent"];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fillcolor="#e3f2fd"];',
    ]
    steps = STEPS.get(found.topic)
    if steps:
        cycle, german, english = steps
        labels = german if found.language == "de" else english
        body = [_node(f"s{i}", label) for i, label in enumerate(labels)]
        body += [f'  "s{i}" -> "s{i + 1}";' for i in range(len(labels) - 1)]
        if cycle:
            body.append(f'  "s{len(labels) - 1}" -> "s0" [constraint=false];')
        return "\n".join([*head, *body, "}"])
    body = [_node(found.topic, found.title, fillcolor="#1565c0", fontcolor="white")]
    for other in found.related:
        body += [_node(other, title(other, found.language)), f'  "{found.topic}" -> "{other}";']
    return "\n".join([*head, *body, "}"])
