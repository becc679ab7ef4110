"""Why-answers: causes ranked by how much of the effect they explain, a 5-Why tree, countermeasures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from ..analysis import changeovers as co
from ..analysis import differences as diff
from ..analysis import energy, energy_base, variation
from ..analysis.effects import Driver
from ..answer import Fact
from ..formatting import number, quantity, signed_percent
from ..lean.five_why import WhyNode, backwards, to_dot, to_markdown
from ..lean.library import cause, countermeasures
from ..timeframes import TimeWindow
from .context import Ctx, metric
from .quality import data_warnings

CYCLE = {"cycle_time", "cycle_time_median", "cycle_time_sd", "cycle_time_cv", "performance", "short_stops"}
ENERGY = {"electricity", "energy", "compressed_air"}
ENERGY_UNIT = {"energy_per_good_unit", "idle_load"}
SCRAP = {"scrap_rate", "scrap_count", "fpy", "quality_ratio"}
CHANGEOVER = {"changeover_time", "changeover_vs_standard", "changeover_count", "setup_ratio"}


def why(ctx: Ctx) -> None:
    """Pick the analysis for the metric, then write the answer, the tree and the countermeasures."""
    key = ctx.plan.metrics[0]
    analyse: Callable[[Ctx], list[Driver]]
    if key in CYCLE:
        analyse = _cycle
    elif key in ENERGY:
        analyse = _energy
    elif key in ENERGY_UNIT:
        analyse = _energy_unit
    elif key in SCRAP:
        analyse = _scrap
    elif key in CHANGEOVER:
        analyse = _changeover
    else:
        analyse = _downtime
    headline = _headline(ctx)
    if headline is None:
        return
    drivers = analyse(ctx)
    _conclude(ctx, headline, drivers)
    for purpose in dict.fromkeys(ctx.runner.cut):
        ctx.answer.warnings.append(
            ctx.t(
                f"„{purpose}“ hat mehr Zeilen als eine Analyse liest; die Ursachen stützen sich auf die neuesten.",
                f"“{purpose}” has more rows than one analysis reads; the causes rest on the newest of them.",
            )
        )


def _headline(ctx: Ctx) -> Fact | None:
    """The metric's value over the window: the effect to explain."""
    m = metric(ctx.plan.metrics[0])
    frame = ctx.run(ctx.query(m.key), ctx.t(f"{m.label_de} berechnen", f"compute {m.label_en}"))
    data_warnings(ctx, m, ctx.plan.filters, ctx.period)
    if frame.empty or frame["value"].isna().all():
        ctx.answer.text = ctx.t(
            "Für diese Auswahl gibt es keine Daten.", "There is no data for this selection."
        )
        ctx.answer.warnings.append(
            ctx.t("Keine Daten im gewählten Zeitraum.", "No data in the chosen period.")
        )
        return None
    fact = ctx.fact(m, frame["value"].iloc[0], ctx.period, ctx.plan.filters.lines)
    ctx.answer.facts.append(fact)
    return fact


def _line(ctx: Ctx) -> str | None:
    lines = ctx.plan.filters.lines
    return lines[0] if len(lines) == 1 else None


def _last_sql(ctx: Ctx) -> int:
    return len(ctx.runner.evidence) - 1


def _cycle(ctx: Ctx) -> list[Driver]:
    """Short stops per station against shift, team, product, supplier and time of day."""
    line = _line(ctx)
    if line is None:
        return []
    _benchmark_cycle(ctx)
    data = variation.load_units(
        ctx.runner, line, ctx.period,
        (ctx.t("Taktzeiten mit Einflussgrößen", "cycle times with their factors"),
         ctx.t("Kurzstopps je Takt und Station", "short stops per cycle and station")),
    )  # fmt: skip
    index = _last_sql(ctx)
    return [_with_evidence(d, index) for d in variation.cycle_drivers(data)]


def _benchmark_cycle(ctx: Ctx) -> None:
    """The line's variation against the other lines and its own previous four weeks."""
    m = metric("cycle_time_cv")
    others = ctx.run(
        ctx.query("cycle_time_cv", filters=ctx.plan.filters.replace(lines=()), group_by=("line",)),
        ctx.t("Schwankung aller Linien", "variation of all lines"),
    )
    line = _line(ctx)
    rest = others[others["line"] != line]["value"]
    if len(rest):
        ctx.answer.facts.append(
            Fact(
                ctx.t("Schwankung der anderen Linien (Median)", "variation of the other lines (median)"),
                round(float(rest.median()) * 100, 2),
                "%",
                None,
                ctx.period.label(ctx.lang),
                "cycle_time_cv",
            )
        )
    span = ctx.period.end - ctx.period.start
    before = TimeWindow(ctx.period.start - span, ctx.period.start, "", "", "range")
    history = ctx.run(
        ctx.query("cycle_time_cv", window=before), ctx.t("Schwankung davor", "variation before")
    )
    if len(history) and history["value"].notna().all():
        ctx.answer.facts.append(
            Fact(
                ctx.t("Schwankung im Zeitraum davor", "variation in the period before"),
                round(float(history["value"].iloc[0]) * m.scale, 2),
                "%",
                line,
                None,
                "cycle_time_cv",
            )
        )


def _energy(ctx: Ctx) -> list[Driver]:
    """Split the energy difference to the compared (or previous) period into its terms."""
    line = _line(ctx)
    if line is None:
        return []
    first = ctx.period
    second = ctx.plan.periods[1] if len(ctx.plan.periods) > 1 else _same_weekday_before(first)
    m = metric(ctx.plan.metrics[0])
    split = _energy_split(ctx, line, first, second)
    index = _last_sql(ctx)
    change = split.difference / split.second if split.second else 0.0
    ctx.answer.facts.append(
        Fact(
            ctx.t("Veränderung", "change"),
            round(change * 100, 2),
            "%",
            line,
            f"{first.label(ctx.lang)} vs {second.label(ctx.lang)}",
            "change",
        )
    )
    counts = _changeover_and_stop_change(ctx, line, first, second)
    drivers = []
    for d in split.drivers():
        details = dict(d.details)
        details.update(counts)
        drivers.append(
            Driver(d.factor, d.level, d.effect, d.measure, d.threshold, d.test_value, d.cause, details, index)
        )
    ctx.answer.facts.append(
        Fact(
            ctx.t("Vergleichszeitraum", "compared with"),
            round(split.second, 2),
            m.unit,
            line,
            second.label(ctx.lang),
            m.key,
        )
    )
    return drivers


def _energy_split(ctx: Ctx, line: str, first: TimeWindow, second: TimeWindow) -> energy.EnergySplit:
    """The energy difference between two windows split into its terms, over the plan's energy media."""
    media = (
        ctx.plan.filters.media
        or metric(ctx.plan.metrics[0]).media
        or ("electricity", "compressed_air", "heat", "gas")
    )
    return energy.explain_energy(
        ctx.runner, line, media, first, second,
        ctx.t("Energie und Zustand der Linie je Viertelstunde", "energy and line state per quarter hour"),
    )  # fmt: skip


def energy_reasons(ctx: Ctx, first: TimeWindow, second: TimeWindow) -> str:
    """'Probably 2 more changeovers and 15 minutes more downtime.' for a comparison of two periods."""
    line = ctx.plan.filters.lines[0]
    split = _energy_split(ctx, line, first, second)
    strong = [d for d in split.drivers() if d.strong]
    if not strong:
        return ctx.t("Keine dominante Ursache in den Daten.", "No dominant cause in the data.")
    counts = _changeover_and_stop_change(ctx, line, first, second)
    names = [_level(ctx, d) for d in strong[:2]]
    parts_de, parts_en = _count_phrases(counts)
    reason_de = " und ".join(parts_de) if parts_de else ", ".join(names)
    reason_en = " and ".join(parts_en) if parts_en else ", ".join(names)
    share = number(strong[0].effect * 100, ctx.lang, 0)
    return ctx.t(
        f"Wahrscheinlich {reason_de} ({_level(ctx, strong[0])}: {share} % der Differenz).",
        f"Probably {reason_en} ({_level(ctx, strong[0])}: {share} % of the difference).",
    )


def _count_phrases(counts: dict[str, float | str]) -> tuple[list[str], list[str]]:
    """'2 Rüstvorgänge mehr', '15 min mehr Stillstand' and their English twins."""
    changeovers, minutes = float(counts.get("changeovers", 0)), float(counts.get("stop_minutes", 0))
    parts_de, parts_en = [], []
    if round(changeovers):
        parts_de.append(f"{abs(round(changeovers))} Rüstvorgänge {'mehr' if changeovers > 0 else 'weniger'}")
        parts_en.append(f"{abs(round(changeovers))} {'more' if changeovers > 0 else 'fewer'} changeovers")
    if abs(minutes) >= 5:
        parts_de.append(
            f"{number(abs(minutes), 'de', 0)} min {'mehr' if minutes > 0 else 'weniger'} Stillstand"
        )
        parts_en.append(
            f"{number(abs(minutes), 'en', 0)} minutes {'more' if minutes > 0 else 'less'} downtime"
        )
    return parts_de, parts_en


def _changeover_and_stop_change(
    ctx: Ctx, line: str, first: TimeWindow, second: TimeWindow
) -> dict[str, float | str]:
    """How many more changeovers and minutes of other stops the first period had."""
    values: dict[str, float | str] = {}
    for key, name in (("changeover_count", "changeovers"), ("downtime", "stop_minutes")):
        filters = ctx.plan.filters.replace(lines=(line,))
        if key == "downtime":
            filters = filters.replace(
                loss_categories=("breakdown", "small_stop", "material", "quality", "organisational")
            )
        a = ctx.run(
            ctx.query(key, window=first, filters=filters),
            ctx.t(f"{key} {first.label_de}", f"{key} {first.label_en}"),
        )
        b = ctx.run(
            ctx.query(key, window=second, filters=filters),
            ctx.t(f"{key} {second.label_de}", f"{key} {second.label_en}"),
        )
        values[name] = float(
            (a["value"].fillna(0).iloc[0] if len(a) else 0) - (b["value"].fillna(0).iloc[0] if len(b) else 0)
        )
    return values


def _same_weekday_before(window: TimeWindow) -> TimeWindow:
    week = timedelta(days=7)
    return TimeWindow(
        window.start - week,
        window.end - week,
        window.label_de + " −7 Tage",
        window.label_en + " −7 days",
        window.grain,
    )


def _energy_unit(ctx: Ctx) -> list[Driver]:
    """Which meter grew against the four weeks before, and whether its base load stepped up."""
    line = _line(ctx)
    if line is None:
        return []
    span = max(ctx.period.end - ctx.period.start, timedelta(days=7))
    baseline = TimeWindow(ctx.period.start - 4 * span, ctx.period.start, "", "", "range")
    growth = energy_base.meter_growth(
        ctx.runner,
        line,
        ctx.period,
        baseline,
        ctx.t(
            "Zähler je Tag gegen die vier Zeiträume davor", "meters per day against the four periods before"
        ),
    )
    m = metric(ctx.plan.metrics[0])
    target = ctx.target(m, (line,))
    if target is not None:
        ctx.answer.facts.append(Fact(ctx.t("Zielwert", "target"), target, m.unit, line, None, "target"))
    extra = growth[growth["extra_per_day"] > 0]
    if extra.empty:
        return []
    top = extra.loc[extra["extra_per_day"].idxmax()]
    share = float(top["extra_per_day"] / extra["extra_per_day"].sum())
    step = energy_base.idle_step(
        ctx.runner,
        str(top["meter_id"]),
        ctx.now,
        ctx.t("Grundlast des Zählers je Tag", "the meter's idle load per day"),
    )
    index = _last_sql(ctx)
    if step is None:
        return []
    driver = energy_base.base_load_driver(step, share)
    return [
        Driver(
            driver.factor,
            driver.level,
            driver.effect,
            driver.measure,
            driver.threshold,
            driver.test_value,
            driver.cause,
            {**driver.details, "extra_per_day": float(top["extra_per_day"])},
            index,
        )
    ]


def _scrap(ctx: Ctx) -> list[Driver]:
    """Extra scrap against the baseline: which line, then which defect, supplier and shift."""
    baseline = diff.baseline_window(ctx.runner, ctx.period, ctx.t("Vergleichstage", "baseline days"))
    filters = ctx.plan.filters
    drivers: list[Driver] = []
    if not filters.lines:
        frame = diff.extra_scrap(
            ctx.runner,
            filters,
            ctx.period,
            baseline,
            "line",
            ctx.t("Mehr-Ausschuss je Linie", "extra scrap per line"),
        )
        line_driver = diff.share_driver(frame, "extra", "line", "recurring_defect")
        if line_driver is None:
            return []
        drivers.append(_with_evidence(line_driver, _last_sql(ctx)))
        filters = filters.replace(lines=(line_driver.level,))
    for factor, kind in (
        ("defect", "recurring_defect"),
        ("supplier", "material_batch"),
        ("shift", "shift_gap"),
    ):
        frame = diff.extra_scrap(
            ctx.runner,
            filters,
            ctx.period,
            baseline,
            factor,
            ctx.t(f"Mehr-Ausschuss je {factor}", f"extra scrap per {factor}"),
        )
        found = diff.share_driver(frame, "extra", factor, kind)
        if found is not None:
            drivers.append(_with_evidence(found, _last_sql(ctx)))
    return drivers


def _changeover(ctx: Ctx) -> list[Driver]:
    """Which kind of changeover overruns its standard."""
    drivers = []
    for dimension in ("family_change", "product"):
        frame = co.changeover_groups(
            ctx.runner,
            ctx.plan.filters,
            ctx.period,
            dimension,
            ctx.t(f"Rüsten nach {dimension}", f"changeovers by {dimension}"),
        )
        found = co.overrun_driver(frame, dimension)
        if found is not None:
            drivers.append(_with_evidence(found, _last_sql(ctx)))
    return drivers


FACTOR_DE = {"reason": "Grund", "station": "Station"}


def _downtime(ctx: Ctx) -> list[Driver]:
    """Extra downtime against the baseline by reason and station."""
    baseline = diff.baseline_window(ctx.runner, ctx.period, ctx.t("Vergleichstage", "baseline days"))
    drivers = []
    for factor in ("reason", "station"):
        frame = diff.downtime_change(
            ctx.runner,
            ctx.plan.filters,
            ctx.period,
            baseline,
            factor,
            ctx.t(f"Mehr-Stillstand je {FACTOR_DE[factor]}", f"extra downtime per {factor}"),
        )
        found = diff.share_driver(frame, "extra", factor, "breakdown")
        if found is not None:
            drivers.append(_with_evidence(found, _last_sql(ctx)))
    return drivers


def _with_evidence(driver: Driver, index: int) -> Driver:
    return Driver(
        driver.factor,
        driver.level,
        driver.effect,
        driver.measure,
        driver.threshold,
        driver.test_value,
        driver.cause,
        driver.details,
        index,
    )


def _conclude(ctx: Ctx, headline: Fact, drivers: list[Driver]) -> None:
    """Text, facts, tree and countermeasures from the ranked drivers."""
    strong = [d for d in drivers if d.strong]
    m = metric(ctx.plan.metrics[0])
    lead = ctx.t(
        f"**{m.label_de} {ctx.scope()}**, {ctx.period.label_de}: **{quantity(float(headline.value), m.unit, 'de')}**.",
        f"**{m.label_en} of {ctx.scope()}**, {ctx.period.label_en}: **{quantity(float(headline.value), m.unit, 'en')}**.",
    )
    tree = WhyNode(_problem(ctx, headline), "Methode", _figure(headline, ctx.lang), 0)
    if not strong:
        ctx.answer.text = (
            lead
            + " "
            + ctx.t(
                "In den Daten gibt es keine dominante Ursache: kein Faktor erklärt die Schwankung deutlich mehr als normales Rauschen.",
                "There is no dominant cause in the data: no factor explains the variation clearly more than ordinary noise.",
            )
        )
        tree.add(
            WhyNode(
                ctx.t(
                    "Keine dominante Ursache in den Daten – Ablauf an der Linie beobachten.",
                    "No dominant cause in the data – observe the process at the line.",
                ),
                "Methode",
                hypothesis=True,
                root=True,
            )
        )
        _attach(ctx, tree, [])
        return
    for d in strong[:3]:
        ctx.answer.facts.append(
            Fact(_driver_label(ctx, d), d.level, d.factor, _line(ctx), ctx.period.label(ctx.lang), d.cause)
        )
    sentences = [_energy_summary(ctx, strong)] if m.key in ENERGY else []
    sentences += [_driver_sentence(ctx, d, i) for i, d in enumerate(strong[:2])]
    for d in strong[:2]:
        _branch(ctx, tree, d)
    actions = countermeasures(strong[0].cause)
    todo = ctx.t("Was tun: ", "What to do: ") + " ".join(
        f"{i + 1}. {a.text(ctx.lang)}" for i, a in enumerate(actions[:2])
    )
    ctx.answer.text = " ".join([lead, *sentences, todo if actions else ""]).strip()
    _attach(ctx, tree, [a.text(ctx.lang) for d in strong[:2] for a in countermeasures(d.cause)])


def _energy_summary(ctx: Ctx, strong: list[Driver]) -> str:
    """'+6,8 % gegenüber Mo 17.11., wahrscheinlich 2 Rüstvorgänge mehr und 15 min mehr Stillstand.'"""
    change = next((f for f in ctx.answer.facts if f.key == "change"), None)
    if change is None:
        return ""
    parts_de, parts_en = _count_phrases(strong[0].details)
    other = change.period.split(" vs ")[-1] if change.period else ""
    pct = signed_percent(float(change.value) / 100, ctx.lang)
    if not parts_de:
        return ctx.t(f"{pct} gegenüber {other}.", f"{pct} vs {other}.")
    return ctx.t(
        f"{pct} gegenüber {other}, wahrscheinlich {' und '.join(parts_de)}.",
        f"{pct} vs {other}, probably {' and '.join(parts_en)}.",
    )


def _attach(ctx: Ctx, tree: WhyNode, actions: list[str]) -> None:
    ctx.answer.five_why = {
        "tree": tree.to_dict(),
        "markdown": to_markdown(tree, ctx.lang),
        "dot": to_dot(tree, ctx.lang),
        "therefore": backwards(tree, ctx.lang),
        "countermeasures": list(dict.fromkeys(actions)),
    }


def _problem(ctx: Ctx, headline: Fact) -> str:
    m = metric(ctx.plan.metrics[0])
    return ctx.t(
        f"{m.label_de} {ctx.scope()} {ctx.period.label_de}: {quantity(float(headline.value), m.unit, 'de')}",
        f"{m.label_en} of {ctx.scope()} {ctx.period.label_en}: {quantity(float(headline.value), m.unit, 'en')}",
    )


def _figure(fact: Fact, language: str) -> str:
    return (
        quantity(float(fact.value), fact.unit, language)
        if isinstance(fact.value, int | float)
        else str(fact.value)
    )


def _driver_label(ctx: Ctx, d: Driver) -> str:
    return (
        ctx.t("Ursache", "cause")
        + f" ({ctx.dimension_name(d.factor) if d.factor in _DIMENSIONS else d.factor})"
    )


_DIMENSIONS = {
    "line",
    "station",
    "shift",
    "team",
    "product",
    "supplier",
    "defect",
    "reason",
    "family_change",
    "hour",
    "meter",
}


def _level(ctx: Ctx, d: Driver) -> str:
    if d.factor in ("station", "shift", "team", "product", "supplier", "defect", "reason", "line", "meter"):
        return ctx.label(d.factor, d.level)
    if d.factor == "family_change":
        return (
            ctx.t("Wechsel zwischen Produktfamilien", "changes between product families")
            if d.level == "between"
            else ctx.t("Wechsel innerhalb einer Familie", "changes within a family")
        )
    if d.factor == "hour":
        return f"{int(d.level):02d}:00"
    if d.factor == "energy_term":
        names = {
            "changeovers": ("Mehr Rüstvorgänge", "more changeovers"),
            "downtime": ("Stillstände", "downtime"),
            "output": ("Ausbringung", "output"),
            "base_load": ("Grundlast", "base load"),
            "working_time": ("Arbeitszeit", "working time"),
        }
        de, en = names.get(d.level, (d.level, d.level))
        return ctx.t(de, en)
    return d.level


def _driver_sentence(ctx: Ctx, d: Driver, rank: int) -> str:
    """One sentence per driver, with its effect size."""
    word = ctx.t(
        "Wahrscheinlichste Ursache:" if rank == 0 else "Zweiter Treiber:",
        "Most likely cause:" if rank == 0 else "Second driver:",
    )
    share = number(d.effect * 100, ctx.lang, 0)
    level = _level(ctx, d)
    detail = _detail(ctx, d)
    if d.measure == "variance_share" or d.measure == "eta_squared":
        explains = ctx.t(f"erklärt {share} % der Streuung", f"explains {share} % of the variation")
    else:
        explains = ctx.t(f"{share} % der Differenz", f"{share} % of the difference")
    return f"{word} {level}{detail} – {explains}."


def _detail(ctx: Ctx, d: Driver) -> str:
    x = d.details
    if d.factor == "station" and x.get("alarm_code"):
        night = number(float(x.get("night_share", 0)) * 100, ctx.lang, 0)
        return ctx.t(
            f": Kurzstopps, Alarm {x.get('alarm_code')} ({number(float(x.get('minutes', 0)), 'de', 0)} min, {night} % davon nachts)",
            f": short stops, alarm {x.get('alarm_code')} ({number(float(x.get('minutes', 0)), 'en', 0)} min, {night} % at night)",
        )
    if d.factor == "supplier" and "gap" in x:
        return ctx.t(
            f": Material dieses Lieferanten {signed_percent(float(x['gap']), 'de')} langsamer",
            f": this supplier's material {signed_percent(float(x['gap']), 'en')} slower",
        )
    if d.factor == "energy_term" and d.level == "changeovers":
        return ctx.t(
            f" ({_signed_int(x.get('changeovers', 0))} Rüstvorgänge, {number(float(x['kwh']), 'de', 0)} kWh)",
            f" ({_signed_int(x.get('changeovers', 0))} changeovers, {number(float(x['kwh']), 'en', 0)} kWh)",
        )
    if d.factor == "meter" and "since" in x:
        return ctx.t(
            f": Grundlast seit {x['since']} um {number(float(x['relative']) * 100, 'de', 0)} % höher (+{number(float(x['step_kw']), 'de', 1)} kW)",
            f": idle load {number(float(x['relative']) * 100, 'en', 0)} % higher since {x['since']} (+{number(float(x['step_kw']), 'en', 1)} kW)",
        )
    if d.factor == "family_change" or d.factor == "product":
        return ctx.t(
            f": {number(float(x['ratio']) * 100, 'de', 0)} % der Standardzeit",
            f": {number(float(x['ratio']) * 100, 'en', 0)} % of standard time",
        )
    if "extra" in x:
        downtime = metric(ctx.plan.metrics[0]).source == "downtime"
        return ctx.t(
            f" (+{number(float(x['extra']), 'de', 0)} {'min' if downtime else 'Stück'} über normal)",
            f" (+{number(float(x['extra']), 'en', 0)} {'min' if downtime else 'units'} above normal)",
        )
    return ""


def _signed_int(value: object) -> str:
    number_ = round(float(value))  # type: ignore[arg-type]
    return f"+{number_}" if number_ >= 0 else f"−{abs(number_)}"


def _branch(ctx: Ctx, tree: WhyNode, d: Driver) -> None:
    """Evidence node for the driver, then the library's Gemba hypotheses down to a system cause."""
    entry = cause(d.cause)
    node = tree.add(
        WhyNode(f"{_level(ctx, d)}{_detail(ctx, d)}", entry["category"], _effect_figure(ctx, d), d.evidence)
    )
    values = {
        "station": _level(ctx, d),
        "level": _level(ctx, d),
        "since": str(d.details.get("since", "")),
        "relative": f"{number(float(d.details.get('relative', 0)) * 100, ctx.lang, 0)} %",
    }
    for step in entry["gemba"]:
        node = node.add(
            WhyNode(
                step[ctx.lang].format(**values),
                step["category"],
                hypothesis=True,
                root=bool(step.get("root")),
            )
        )


def _effect_figure(ctx: Ctx, d: Driver) -> str:
    share = number(d.effect * 100, ctx.lang, 0)
    return ctx.t(f"{share} % erklärt", f"{share} % explained")
