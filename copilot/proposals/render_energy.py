"""The energy-window proposal as text or Markdown, in German or English."""

from __future__ import annotations

from datetime import timedelta

from ..formatting import number
from .energy import EnergyProposal, OrderEnergy
from .render_maintenance import weekday_time

WORDS = {
    "title": ("Vorschlag Energiefenster", "Proposed energy window"),
    "orders": ("geplante Aufträge ab", "planned orders from"),
    "plan": ("Plan", "Plan"),
    "proposal": ("Vorschlag", "Proposal"),
    "cost": ("{kwh} kWh Strom, {eur} {cur}, Rüstzeit erwartet {co} min",
             "{kwh} kWh of electricity, {eur} {cur}, expected changeover time {co} min"),
    "saved": ("Ersparnis: {eur} {cur} ({share} % der Stromkosten des Auftragsbestands)",
              "Saving: {eur} {cur} ({share} % of the backlog's electricity cost)"),
    "none": ("Der Plan nutzt die günstigen Stunden schon: kein Tausch zweier Aufträge spart mindestens 0,1 %.",
             "The plan already uses the cheaper hours: no exchange of two orders saves at least 0.1 %."),
    "moved": ("In günstigere Stunden", "Into cheaper hours"),
    "order": ("Auftrag", "Order"),
    "product": ("Produkt", "Product"),
    "per_unit": ("kWh/Stk", "kWh/unit"),
    "planned": ("geplant", "planned"),
    "proposed": ("Vorschlag", "proposed"),
    "price": ("Preis {c}/kWh", "price {c}/kWh"),
    "order_saved": ("Ersparnis {c}", "saving {c}"),
    "basis": (
        "Strom je Stück aus der eigenen Historie der Linie: ihre Stromzähler in den Intervallen, in denen das "
        "Produkt lief ({a} bis {b}); Kennzahl Energie pro Gutteil (Strom) der Linie: {k} kWh. Preise aus "
        "energy_tariffs, Aufträge in derselben Dauer wie im Plan, nacheinander in den kommenden Schichten.",
        "Electricity per unit from the line's own history: its electricity meters in the intervals each product "
        "ran ({a} to {b}); the line's KPI energy per good unit (electricity): {k} kWh. Prices from "
        "energy_tariffs; orders keep the plan's duration and run one after another in the coming shifts.",
    ),
    "decide": (
        "Nur ein Vorschlag: die Folge verschiebt Termine und Rüstvorgänge – bitte mit der Planung entscheiden "
        "(siehe auch den Vorschlag Rüstfolge). In den Daten wurde nichts geändert.",
        "A proposal only: the sequence moves due dates and changeovers – decide with planning (see also the "
        "changeover-sequence proposal). Nothing was changed in the data.",
    ),
}  # fmt: skip


def word(key: str, language: str) -> str:
    """A fixed text of the proposal."""
    de, en = WORDS[key]
    return de if language == "de" else en


def _row(o: OrderEnergy, lang: str) -> list[str]:
    return [
        o.order.order_id, o.order.product, number(o.kwh_per_unit, lang, 2), number(o.kwh, lang, 0),
        f"{weekday_time(o.plan_start, lang)} → {weekday_time(o.proposal_start, lang)}",
        f"{number(o.plan_price, lang, 3)} → {number(o.proposal_price, lang, 3)}", number(o.saved, lang, 2),
    ]  # fmt: skip


def render_energy(p: EnergyProposal, lang: str = "de", fmt: str = "text") -> str:
    """Plan against proposal in kWh and money, and the orders that move into cheaper hours."""
    line = p.line_de if lang == "de" else p.line_en
    kwh = sum(o.kwh for o in p.plan)
    lines = [
        f"{word('title', lang)} {line}: {len(p.plan)} {word('orders', lang)} {weekday_time(p.plan[0].plan_start, lang)}"
    ]
    for key, cost, co in (
        ("plan", p.plan_cost, p.changeover_minutes[0]),
        ("proposal", p.proposal_cost, p.changeover_minutes[1]),
    ):
        figures = word("cost", lang).format(
            kwh=number(kwh, lang, 0), eur=number(cost, lang, 2), cur=p.currency, co=number(co, lang, 0)
        )
        lines.append(f"{word(key, lang)}: {figures}")
    moved = sorted(
        (o for o in p.plan if o.proposal_start != o.plan_start and o.saved > 0), key=lambda o: -o.saved
    )
    if p.saved >= 0.005:
        share = number(100 * p.saved / p.plan_cost, lang, 1)
        lines.append(word("saved", lang).format(eur=number(p.saved, lang, 2), cur=p.currency, share=share))
    else:
        lines.append(word("none", lang))
    a, b = p.history[0], p.history[1] - timedelta(days=1)
    basis = word("basis", lang).format(
        a=f"{a:%d.%m.}" if lang == "de" else f"{a:%Y-%m-%d}", b=f"{b:%d.%m.%Y}" if lang == "de" else f"{b:%Y-%m-%d}",
        k=number(p.line_kwh_per_unit, lang, 2),
    )  # fmt: skip
    header = [word(k, lang) for k in ("order", "product", "per_unit")] + [
        "kWh", f"{word('planned', lang)} → {word('proposed', lang)}", word("price", lang).format(c=p.currency),
        word("order_saved", lang).format(c=p.currency),
    ]  # fmt: skip
    rows = [_row(o, lang) for o in moved]
    if fmt == "md":
        table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + [
            "| " + " | ".join(r) + " |" for r in rows
        ]
        body = [f"# {lines[0]}", "", *[f"- {x}" for x in lines[1:]], ""]
        body += [f"**{word('moved', lang)}**", "", *table, ""] if rows else []
        return "\n".join([*body, basis, "", f"_{word('decide', lang)}_"]) + "\n"
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    table = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]]
    moved_block = ["", f"{word('moved', lang)}:", *table] if rows else []
    return "\n".join([*lines, *moved_block, "", basis, "", word("decide", lang)]) + "\n"
