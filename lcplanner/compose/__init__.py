"""Composers: a loaded plan (inside an open session) → the format-neutral paper IR.

``compose(plan, kind)`` is the one entry point the CLI and the editor need; the IR it returns
holds no ORM objects, so it can be handed to a worker thread and rendered by any writer.
"""
from __future__ import annotations

from lcplanner.compose import ir
from lcplanner.compose.committee_paper import compose_committee_paper
from lcplanner.compose.plan_document import compose_plan
from lcplanner.compose.portfolio_summary import compose_portfolio
from lcplanner.compose.timeline import compose_timeline

KINDS = ("committee-paper", "plan", "portfolio", "timeline")

__all__ = ["KINDS", "compose", "compose_committee_paper", "compose_plan", "compose_portfolio",
           "compose_timeline", "ir"]


def compose(plan, kind: str, portfolio: int | None = None) -> ir.Document:
    """Compose ``plan`` as one of :data:`KINDS`; ``portfolio`` (1-based) for "portfolio"."""
    if kind == "committee-paper":
        return compose_committee_paper(plan)
    if kind == "plan":
        return compose_plan(plan)
    if kind == "portfolio":
        if portfolio is None:
            raise ValueError("A portfolio summary needs a portfolio number (--portfolio N).")
        return compose_portfolio(plan, portfolio)
    if kind == "timeline":
        return compose_timeline(plan)
    raise ValueError(f"Unknown document kind {kind!r}: choose one of {', '.join(KINDS)}.")
