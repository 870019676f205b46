"""Counting a freshly built plan must not create the empty collections it counts."""
from __future__ import annotations

from sqlalchemy.orm.attributes import instance_state

from lcplanner.domain.counts import count_plan, items
from lcplanner.domain.model import Output, Plan, Portfolio, Priority, SubPoint


def test_counting_an_unsaved_plan_leaves_untouched_collections_alone():
    plan = Plan(title="P")
    priority = Priority(title="T")
    priority.outputs.append(Output(text="one"))
    with_sub = Output(text="two")
    with_sub.sub_points.append(SubPoint(text="s", level=0))
    priority.outputs.append(with_sub)
    portfolio = Portfolio(name="F")
    portfolio.priorities.append(priority)
    plan.portfolios.append(portfolio)
    counts = count_plan(plan)
    assert (counts["outputs"], counts["sub_points"]) == (2, 1)
    assert "sub_points" not in instance_state(priority.outputs[0]).dict
    assert list(items(with_sub, "sub_points")) == list(with_sub.sub_points)
    assert items(priority.outputs[0], "sub_points") == ()
