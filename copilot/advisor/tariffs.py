"""Money of energy from the source's `energy_tariffs`: each interval's kWh at that interval's price.

A reading's price is the tariff row that starts at the reading (15-minute tariffs) or, failing that, at
the reading's hour (hourly tariffs), for the reading's medium. Without the table nothing is said in money.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compose.context import Ctx
from ..formatting import number

PRICE = "COALESCE(tq.price_per_kwh, th.price_per_kwh)"


def has_tariffs(ctx: Ctx) -> bool:
    """The source holds interval prices."""
    return bool(ctx.catalog.has_prices)


def price_join(reading: str = "r", meter: str = "m") -> str:
    """The joins that give each reading of `reading` (meter alias `meter`) its interval's price as PRICE."""
    return (
        f" LEFT JOIN energy_tariffs AS tq ON tq.medium = {meter}.medium AND tq.ts = {reading}.ts"
        f" LEFT JOIN energy_tariffs AS th ON th.medium = {meter}.medium AND th.ts = DATE_TRUNC('hour', {reading}.ts)"
    )


def money_columns(kwh: str, name: str) -> str:
    """The money of an interval expression `kwh` as name_money, the kWh without a price as name_unpriced."""
    return (
        f"SUM(({kwh}) * {PRICE}) AS {name}_money, "
        f"SUM(CASE WHEN {PRICE} IS NULL THEN {kwh} ELSE 0 END) AS {name}_unpriced"
    )


CURRENCY = "MIN(COALESCE(tq.currency, th.currency)) AS currency"


@dataclass(frozen=True)
class Money:
    """An amount computed per interval, the kWh that had no price, and the currency."""

    amount: float
    unpriced_kwh: float
    currency: str

    def scaled(self, factor: float) -> Money:
        """The same money for a longer or shorter span (per week from a period)."""
        return Money(self.amount * factor, self.unpriced_kwh * factor, self.currency)


def money_of(row: dict[str, object], name: str) -> Money | None:
    """The money of a row carrying money_columns(…, name) and CURRENCY, or None when no interval had a price."""
    amount, currency, unpriced = row.get(f"{name}_money"), row.get("currency"), row.get(f"{name}_unpriced")
    if not isinstance(amount, int | float) or amount != amount or not isinstance(currency, str):
        return None
    left = float(unpriced) if isinstance(unpriced, int | float) and unpriced == unpriced else 0.0
    return Money(float(amount), left, currency)


def said(ctx: Ctx, money: Money | None, decimals: int = 0) -> str:
    """' ≈ 123 EUR' (with the kWh left unpriced when some had no tariff), or nothing."""
    if money is None:
        return ""
    text = f" ≈ {number(money.amount, ctx.lang, decimals)} {money.currency}"
    if money.unpriced_kwh >= 0.05:
        text += ctx.t(
            f" ({number(money.unpriced_kwh, 'de', 1)} kWh ohne Tarif nicht bewertet)",
            f" ({number(money.unpriced_kwh, 'en', 1)} kWh without a tariff not priced)",
        )
    return text
