"""The changeover-sequence proposal as text or Markdown, in German or English."""

from __future__ import annotations

from ..formatting import number
from .sequence import PlannedOrder, SequenceProposal

WORDS = {
    "title": ("Vorschlag Rüstfolge", "Proposed changeover sequence"),
    "orders": ("geplante Aufträge ab", "planned orders from"),
    "now_on": ("Jetzt auf der Linie", "On the line now"),
    "plan": ("Plan", "Plan"),
    "proposal": ("Vorschlag", "Proposal"),
    "expected": ("erwartete Rüstzeit", "expected changeover time"),
    "family": ("Familienwechsel", "family changes"),
    "saved": ("Ersparnis", "Saving"),
    "avoided": ("Familienwechsel weniger", "family changes avoided"),
    "none": ("Der Plan ist schon die beste Folge.", "The plan is already the best sequence."),
    "order": ("Auftrag", "Order"),
    "product": ("Produkt", "Product"),
    "qty": ("Menge", "Qty"),
    "before": ("Rüsten davor (min)", "Changeover before (min)"),
    "basis": ("Grundlage", "Basis"),
    "history": ("Historie, {n} Wechsel", "history, {n} changes"),
    "standard": ("Standardzeit", "standard time"),
    "exact": ("exakt gerechnet", "computed exactly"),
    "product groups": ("Aufträge je Produkt gebündelt", "orders grouped by product"),
    "decide": (
        "Nur ein Vorschlag: die Folge verschiebt Termine und den Produktmix (Heijunka) – bitte mit der Planung "
        "entscheiden. In den Daten wurde nichts geändert.",
        "A proposal only: the sequence moves due dates and the product mix (Heijunka) – decide with planning. "
        "Nothing was changed in the data.",
    ),
}


def word(key: str, language: str) -> str:
    """A fixed text of the proposal."""
    de, en = WORDS[key]
    return de if language == "de" else en


def _chain(p: SequenceProposal, orders: list[PlannedOrder]) -> str:
    products = [o.product for o in orders]
    return " → ".join(a for i, a in enumerate(products) if i == 0 or products[i - 1] != a)


def _rows(p: SequenceProposal, lang: str) -> list[list[str]]:
    rows, previous = [], p.start_product
    for i, o in enumerate(p.proposal, 1):
        if previous is None or previous == o.product:
            before, basis = "0", "–"
        else:
            pair = p.pairs[(previous, o.product)]
            before = number(pair.minutes, lang, 0)
            basis = (
                word("history", lang).format(n=pair.changeovers)
                if pair.changeovers
                else word("standard", lang)
            )
        rows.append([str(i), o.order_id, f"{o.product} ({o.family})", number(o.qty, lang, 0), before, basis])
        previous = o.product
    return rows


def render_proposal(p: SequenceProposal, lang: str = "de", fmt: str = "text") -> str:
    """The proposal: plan against proposal, the saving, and the proposed order with each change's basis."""
    de = lang == "de"
    line = p.line_de if de else p.line_en
    start = p.plan[0].start
    when = f"{start:%d.%m.%Y %H:%M}" if de else f"{start:%Y-%m-%d %H:%M}"
    lines = [f"{word('title', lang)} {line}: {len(p.plan)} {word('orders', lang)} {when}"]
    if p.start_product:
        lines.append(f"{word('now_on', lang)}: {p.start_product} ({p.family_of_start})")
    for key, orders in (("plan", p.plan), ("proposal", p.proposal)):
        lines.append(
            f"{word(key, lang)}: {_chain(p, orders)} – {word('expected', lang)} "
            f"{number(p.minutes(orders), lang, 0)} min, {p.family_changes(orders)} {word('family', lang)}"
        )
    avoided = p.family_changes(p.plan) - p.family_changes(p.proposal)
    if p.saved_minutes > 0.5:
        lines.append(
            f"{word('saved', lang)}: {number(p.saved_minutes, lang, 0)} min, {avoided} {word('avoided', lang)} "
            f"({word(p.method, lang)})."
        )
    else:
        lines.append(word("none", lang))
    header = [
        "#",
        word("order", lang),
        word("product", lang),
        word("qty", lang),
        word("before", lang),
        word("basis", lang),
    ]
    rows = _rows(p, lang)
    if fmt == "md":
        table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        table += ["| " + " | ".join(r) + " |" for r in rows]
        body = [
            f"# {lines[0]}",
            "",
            *[f"- {x}" for x in lines[1:]],
            "",
            *table,
            "",
            f"_{word('decide', lang)}_",
        ]
        return "\n".join(body) + "\n"
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    table = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]]
    return "\n".join([*lines, "", *table, "", word("decide", lang)]) + "\n"
