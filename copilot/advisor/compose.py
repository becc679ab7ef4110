"""The composers of advice answers, keyed by intent."""

from __future__ import annotations

from collections.abc import Callable

from ..compose.context import Ctx
from .briefs import improve
from .normative import normative
from .whatif import whatif

ADVICE_COMPOSERS: dict[str, Callable[[Ctx], None]] = {
    "normative": normative,
    "improve": improve,
    "whatif": whatif,
}
