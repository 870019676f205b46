"""What a plan holds, counted: the figures behind ``lcplanner stats`` and import checks."""
from __future__ import annotations

from sqlalchemy.orm.attributes import instance_state

from lcplanner.domain.model import Plan

#: The keys of ``stats --json`` (ARCHITECTURE.md); every plan reports all of them.
COUNT_KEYS = (
    "portfolios", "service_groups", "priorities", "outputs", "sub_points", "objectives",
    "sub_priorities", "milestones", "milestone_tags", "themes", "pledge_areas", "pledges",
    "work_areas", "policy_events", "recommendations", "narrative_sections",
)


def counted(count: int, key: str) -> str:
    """"1 priority", "10 priorities", "1 sub-point", "1 service group" from a count key."""
    name = key.replace("sub_", "sub-").replace("_", " ")
    if count == 1:
        name = name[:-3] + "y" if name.endswith("ies") else name.removesuffix("s")
    return f"{count} {name}"


def items(obj, name: str):
    """``obj``'s collection ``name``, without creating it on an unsaved object that never had one.

    Reading an untouched collection makes an empty list (about 750 bytes) on every object; a
    freshly imported plan of a hundred thousand outputs would grow by a hundred megabytes just
    by being counted. An unsaved object's untouched collection is known to be empty.
    """
    state = instance_state(obj)
    if state.key is None and name not in state.dict:
        return ()
    return getattr(obj, name)


def count_plan(plan: Plan) -> dict[str, int]:
    """Count a plan's contents by walking its object graph (saved or not)."""
    portfolios = list(plan.portfolios)
    priorities = [p for f in portfolios for p in f.priorities]
    outputs = [o for p in priorities for o in p.outputs]
    objectives = list(plan.objectives)
    milestones = [m for o in objectives for m in o.milestones]
    pledge_areas = list(plan.pledge_areas)
    return {
        "portfolios": len(portfolios),
        "service_groups": sum(len(f.service_groups) for f in portfolios),
        "priorities": len(priorities),
        "outputs": len(outputs),
        "sub_points": sum(len(items(o, "sub_points")) for o in outputs),
        "objectives": len(objectives),
        "sub_priorities": sum(len(o.sub_priorities) for o in objectives),
        "milestones": len(milestones),
        "milestone_tags": sum(len(items(m, "tags")) for m in milestones),
        "themes": len(plan.themes),
        "pledge_areas": len(pledge_areas),
        "pledges": sum(len(a.pledges) for a in pledge_areas),
        "work_areas": sum(len(f.work_areas) for f in portfolios),
        "policy_events": len(plan.policy_events),
        "recommendations": sum(len(p.recommendations) for p in plan.papers),
        "narrative_sections": len(plan.sections),
    }
