"""Composers: a loaded plan (inside an open session) → the format-neutral paper IR.

``compose(plan, kind)`` is the one entry point the CLI and the editor need; the IR it returns
holds no ORM objects, so it can be handed to a worker thread and rendered by any writer.

The composers (which load SQLAlchemy's mappers) are imported when first called, so importing
``lcplanner.compose.ir`` alone, as the editor's timeline view does, stays cheap.
"""
from __future__ import annotations

from lcplanner.compose import ir

KINDS = ("committee-paper", "plan", "portfolio", "timeline")

__all__ = ["KINDS", "compose", "compose_committee_paper", "compose_plan", "compose_portfolio",
           "compose_timeline", "ir"]


_COMPOSERS = {"compose_committee_paper": "committee_paper", "compose_plan": "plan_document",
              "compose_portfolio": "portfolio_summary", "compose_timeline": "timeline"}


def __getattr__(name: str):
    if name not in _COMPOSERS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{_COMPOSERS[name]}"), name)
    globals()[name] = value
    return value


def compose(plan, kind: str, portfolio: int | None = None, changes=None) -> ir.Document:
    """Compose ``plan`` as one of :data:`KINDS`; ``portfolio`` (1-based) for "portfolio";
    ``changes`` (a committee paper's :class:`~lcplanner.compose.committee_paper.ChangesNote`)
    for its background papers."""
    from lcplanner.compose.committee_paper import compose_committee_paper
    from lcplanner.compose.plan_document import compose_plan
    from lcplanner.compose.portfolio_summary import compose_portfolio
    from lcplanner.compose.timeline import compose_timeline

    if kind == "committee-paper":
        return compose_committee_paper(plan, changes=changes)
    if changes is not None:
        raise ValueError("The changes since a date go in a committee paper only "
                         "(--kind committee-paper).")
    if kind == "plan":
        return compose_plan(plan)
    if kind == "portfolio":
        if portfolio is None:
            raise ValueError("A portfolio summary needs a portfolio number (--portfolio N).")
        return compose_portfolio(plan, portfolio)
    if kind == "timeline":
        return compose_timeline(plan)
    raise ValueError(f"Unknown document kind {kind!r}: choose one of {', '.join(KINDS)}.")
