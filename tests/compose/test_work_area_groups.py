"""A service group that holds nothing of its own (a heading over the services listed after
it) keeps its place among the work-area headings, so the paper shows every group the plan has
and reads back with it."""
from __future__ import annotations

from lcplanner.compose import ir
from lcplanner.compose._blocks import work_areas_part
from lcplanner.domain.model import Plan, Portfolio, ServiceGroup, WorkArea


def _texts(blocks) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, ir.Heading):
            out.append(f"{block.kind}: {block.text}")
        elif isinstance(block, ir.ListBlock):
            out += [f"{item.label}. {item.text}" for item in block.items]
    return out


def test_an_empty_group_heading_stands_before_the_group_that_follows_it():
    plan = Plan(title="Service Plan 2026/27")
    portfolio = Portfolio(name="Streets")
    office, fleet, gritting, lighting, spare = (ServiceGroup(name=n) for n in (
        "Streets office", "Fleet services", "Gritting", "Lighting", "Spare capacity"))
    portfolio.service_groups += [office, fleet, gritting, lighting, spare]
    portfolio.work_areas += [WorkArea(text="Answer residents' reports", service_group=office),
                             WorkArea(text="Grit the priority routes", service_group=gritting),
                             WorkArea(text="Repair lamp columns", service_group=lighting)]
    plan.portfolios.append(portfolio)
    assert _texts(work_areas_part(plan, 2, with_heading=False)) == [
        "portfolio: Streets", "service-group: Streets office", "1. Answer residents' reports",
        "service-group: Fleet services", "service-group: Gritting",
        "2. Grit the priority routes", "service-group: Lighting", "3. Repair lamp columns"]
