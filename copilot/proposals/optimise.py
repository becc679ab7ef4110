"""The order of jobs with the least total changeover time: exact for small backlogs, by product groups beyond."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

EXACT_UP_TO = 10  # orders sequenced exactly (Held-Karp); larger backlogs are sequenced as product groups

Cost = Callable[[str, str], float]  # expected changeover minutes from one product to another


def sequence_cost(start: str | None, products: Sequence[str], cost: Cost) -> float:
    """Total expected changeover minutes of running the products in this order after `start`."""
    chain = [start, *products] if start is not None else list(products)
    return sum(cost(a, b) for a, b in pairwise(chain) if a != b)


def _held_karp(start: str | None, items: Sequence[str], cost: Cost) -> list[int]:
    """The order of items (by index) with the least total cost of changes, exactly."""
    n = len(items)
    if n == 0:
        return []

    def step(a: str | None, b: str) -> float:
        return 0.0 if a is None or a == b else cost(a, b)

    best: dict[tuple[int, int], tuple[float, int]] = {
        (1 << i, i): (step(start, items[i]), -1) for i in range(n)
    }
    for mask in range(1, 1 << n):
        for last in range(n):
            here = best.get((mask, last))
            if here is None:
                continue
            for nxt in range(n):
                if mask & (1 << nxt):
                    continue
                key = (mask | (1 << nxt), nxt)
                total = here[0] + step(items[last], items[nxt])
                if key not in best or total < best[key][0] - 1e-12:
                    best[key] = (total, last)
    full = (1 << n) - 1
    last = min(range(n), key=lambda i: (best[(full, i)][0], i))
    order, mask = [], full
    while last != -1:
        order.append(last)
        previous = best[(mask, last)][1]
        mask ^= 1 << last
        last = previous
    return order[::-1]


def _plan_order_within_runs(order: list[int], products: Sequence[str]) -> list[int]:
    """Orders of the same product next to each other keep the plan's order among themselves."""
    result: list[int] = []
    for i in order:
        run = len(result)
        while run > 0 and products[result[run - 1]] == products[i]:
            run -= 1
        result.append(i)
        result[run:] = sorted(result[run:])
    return result


def best_order(start: str | None, products: Sequence[str], cost: Cost) -> tuple[list[int], str]:
    """Indices of the jobs in the proposed order, and how it was found ('exact' or 'product groups').

    Never worse than the given order: when grouping cannot beat it, the given order stands.
    """
    if len(products) <= EXACT_UP_TO:
        return _plan_order_within_runs(_held_karp(start, products, cost), products), "exact"
    groups = list(dict.fromkeys(products))
    ordered = _held_karp(start, groups, cost)
    proposal = [i for g in ordered for i, p in enumerate(products) if p == groups[g]]
    if sequence_cost(start, [products[i] for i in proposal], cost) > sequence_cost(start, products, cost):
        return list(range(len(products))), "product groups"
    return proposal, "product groups"
