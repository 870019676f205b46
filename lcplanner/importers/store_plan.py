"""Adding an imported plan to a session a portfolio at a time, so a huge paper's flush stays small.

Flushing a whole imported plan at once makes SQLAlchemy hold its unit-of-work bookkeeping for
every row together (for a 17 MB paper, more memory than the plan itself). Flushing the plan's
own rows first and then one portfolio's rows at a time keeps that bookkeeping to one portfolio,
and a portfolio whose rows are written is expired, so its priorities and outputs no longer
stay in memory while the rest is written. It is still one transaction: the caller commits
once, or rolls everything back.
"""
from __future__ import annotations

__all__ = ["add_imported_plan"]


def add_imported_plan(session, plan) -> None:
    """Add ``plan`` (unsaved) to ``session`` and flush it in steps; the caller commits."""
    portfolios = list(plan.portfolios)
    plan.portfolios.clear()
    session.add(plan)
    session.flush()
    for portfolio in portfolios:
        plan.portfolios.append(portfolio)
        session.flush()
        # Its rows are written: let its subtree go (read back from the store if asked for).
        session.expire(portfolio)
