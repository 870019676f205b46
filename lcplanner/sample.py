"""The sample plan placed in a new default store, so the editor opens on something real.

Fictional, written for lcplanner: a body of councils called "Metropolitan Councils Together"
and its Business Plan 2026/27, with portfolios, priorities, outputs and sub-points, a committee
paper, themes, pledges, objectives with dated milestones and policy events.
"""
from __future__ import annotations

from lcplanner.domain.model import (Appendix, BackgroundPaper, CommitteePaper, CoreArea,
                                    Milestone, MilestoneDate, NarrativePoint, NarrativeSection,
                                    Objective, Output, PaperSection, Plan, Pledge, PledgeArea,
                                    PledgePoint, PolicyEvent, Portfolio, Priority, Recommendation,
                                    ServiceGroup, SubPoint, SubPriority, Theme, WorkArea)

ORGANISATION = "Metropolitan Councils Together"

# portfolio name, holder, shadow, [(priority title, outcome, [output text or (text, [points])])]
_PORTFOLIOS = [
    ("Finance and Local Services", "Cllr Asha Mensah", "Cllr Tom Whitfield", [
        ("Secure fair, long-term funding for local services",
         "Member councils receive multi-year settlements that reflect need, so services can be "
         "planned beyond a single year.",
         ["Publish an evidence base on the cost of statutory services by the spring statement",
          ("Lead the response to the funding reform consultation, including:",
           ["modelling the effect of new formulae on every member council",
            "a joint submission signed by all leaders"]),
          "Brief MPs of every party on the funding gap before the autumn budget"]),
        ("Support councils to improve performance",
         "Councils compare their performance openly and learn from the best, with a sector-led "
         "peer review offer that every council takes up.",
         ["Run a benchmarking club on adult social care costs",
          "Offer twelve peer reviews across member councils",
          "Share what works through a quarterly practice digest"]),
    ]),
    ("Housing and Planning", "Cllr Ruth Okafor", "Cllr Daniel Price", [
        ("Reduce the use of temporary accommodation",
         "Fewer families live in temporary accommodation, and none in bed and breakfast for more "
         "than six weeks.",
         ["Agree common rates for nightly-paid accommodation across members",
          ("Set up a joint procurement framework for temporary homes:",
           ["framework specification agreed by housing directors",
            "first call-offs placed by the end of the year"]),
          "Report quarterly on families placed out of area"]),
        ("Speed up the building of affordable homes",
         "More social homes are started each year, with councils sharing planning and "
         "building expertise.",
         ["Create a shared pool of planning specialists",
          "Publish a pipeline of council-owned sites ready for development"]),
    ]),
    ("Transport and Environment", "Cllr Priya Natarajan", "Cllr Gareth Lloyd", [
        ("Cut carbon emissions from council estates and fleets",
         "Member councils are on track to net zero for their own estates by 2030.",
         ["Agree a common reporting method for council emissions",
          "Run a joint electric fleet purchase",
          "Bid jointly for retrofit funding for schools"]),
        ("Keep the concessionary travel schemes running smoothly",
         "Older and disabled residents travel freely, with renewals handled online without "
         "delay.",
         ["Renew the travel pass contract with the transport authority",
          "Move pass renewals online, with support for residents offline",
          "Settle the annual scheme costs by December"]),
    ]),
    ("Health and Care", "Cllr Marcus Bell", "Cllr Hannah Osei", [
        ("Make the case for adult social care reform",
         "Government commits to a sustainable funding settlement for adult social care.",
         ["Publish a report on the care workforce across member councils",
          "Hold a cross-party summit on care funding"]),
    ]),
]

_THEMES = [
    ("Fair funding", "Money follows need, and councils can plan with confidence."),
    ("Homes for everyone", "Enough good homes, so that nobody is left without one."),
    ("A greener city", "Cleaner air and a fair path to net zero."),
]

_PLEDGES = [
    ("Money and services", [
        ("Campaign for multi-year funding settlements for councils", []),
        ("Protect the free travel schemes for older and disabled residents",
         ["keep the schemes free at the point of use", "widen online renewal"]),
    ]),
    ("Homes", [
        ("Halve the number of families in bed and breakfast accommodation", []),
        ("Share land and skills so that more social homes are built", []),
    ]),
]

# objective, strapline, core area, sub-priorities, milestones (name, text, dates, tag indices)
_OBJECTIVES = [
    ("Fair funding for places", "a relentless focus on need", "Our places",
     ["Evidence on service costs", "Influencing national budgets", "Financial freedoms"],
     [("Cost of services evidence published", "A shared evidence base that every council can use "
       "in its own lobbying.", ["July 2026"], [0]),
      ("Autumn budget submission", "The joint submission to the autumn budget.",
       ["Sept 2026"], [1]),
      ("Options for local taxes agreed", "Leaders agree which freedoms to pursue first.",
       ["Autumn 2026"], [1, 2]),
      ("Funding reform response", "Respond to the national consultation with modelling for "
       "every member.", ["Q1 2027", "by March 2027"], [0, 1])]),
    ("Homes and neighbourhoods", "a decent home for every resident", "Our places",
     ["Temporary accommodation", "Building new homes"],
     [("Joint procurement framework live", "First call-offs placed under the shared framework.",
       ["Summer/Autumn 2026"], [0]),
      ("Sites pipeline published", "A list of council land ready for homes.", ["2026-2027"],
       [1]),
      ("Planning specialists pool", "Specialists shared between councils.", ["TBC"], [1])]),
    ("A greener city", "a fair path to net zero", "Our planet",
     ["Council estates and fleets", "Retrofit"],
     [("Common emissions reporting agreed", "Every member reports on one method.",
       ["June 2026 (ongoing to March 2027)"], [0]),
      ("Retrofit bid submitted", "A joint bid for school retrofit funding.", ["Q3 2026"],
       [1])]),
]

_POLICY_EVENTS = [("Oct 2026", "Autumn Budget"), ("March 2027", "Spring Statement"),
                  ("May 2027", "Local elections outside the capital")]


def build_sample_plan() -> Plan:
    """Return the sample plan as an unsaved object graph."""
    plan = Plan(title="Business Plan 2026/27", period="2026/27", status="draft",
                organisation=ORGANISATION)
    plan.ensure_default_statuses()
    on_track, at_risk = plan.status_named("On track"), plan.status_named("At risk")

    plan.sections.append(NarrativeSection(
        title="Who we are",
        body=f"{ORGANISATION} is the collective voice of its member councils. We make the case "
             "for local government, run services that are better delivered together, and help "
             "councils learn from one another.",
        points=[NarrativePoint(text="cross-party, and led by council leaders"),
                NarrativePoint(text="funded by subscriptions and the services we run")]))
    plan.sections.append(NarrativeSection(
        title="The way we work",
        body="We agree priorities with portfolio holders and report progress to the Executive "
             "every quarter.",
        points=[NarrativePoint(text="we listen to every member council"),
                NarrativePoint(text="we publish what we do and what it costs")]))
    for name, description in _THEMES:
        plan.themes.append(Theme(name=name, description=description))

    for area_name, pledges in _PLEDGES:
        area = PledgeArea(name=area_name)
        for text, points in pledges:
            area.pledges.append(Pledge(text=text, points=[PledgePoint(text=p) for p in points]))
        plan.pledge_areas.append(area)
    all_pledges = [p for a in plan.pledge_areas for p in a.pledges]

    for p_index, (name, holder, shadow, priorities) in enumerate(_PORTFOLIOS):
        portfolio = Portfolio(name=name, holder=holder, shadow_holder=shadow)
        portfolio.service_groups.append(ServiceGroup(name="Policy and public affairs"))
        for q_index, (title, outcome, outputs) in enumerate(priorities):
            priority = Priority(title=title, outcome=outcome)
            priority.themes.append(plan.themes[min(p_index, len(plan.themes) - 1)])
            priority.pledges.append(all_pledges[(p_index + q_index) % len(all_pledges)])
            for o_index, item in enumerate(outputs):
                text, points = (item, []) if isinstance(item, str) else item
                output = Output(text=text, status=on_track if o_index % 3 else at_risk)
                for point in points:
                    output.sub_points.append(SubPoint(text=point, level=0))
                priority.outputs.append(output)
            portfolio.priorities.append(priority)
        policy = portfolio.service_groups[0]  # its policy work, under the group that does it
        portfolio.work_areas.append(WorkArea(text=f"Policy support for the {name} portfolio",
                                             service_group=policy))
        portfolio.work_areas.append(WorkArea(text=f"Member briefings on {name.lower()}",
                                             service_group=policy))
        plan.portfolios.append(portfolio)
    plan.portfolios[2].service_groups.append(ServiceGroup(name="Transport services"))
    plan.portfolios[2].work_areas.append(WorkArea(
        text="Concessionary travel schemes", service_group=plan.portfolios[2].service_groups[1]))

    core_areas: dict[str, CoreArea] = {}
    for title, strapline, core, sub_titles, milestones in _OBJECTIVES:
        if core not in core_areas:
            core_areas[core] = CoreArea(name=core)
            plan.core_areas.append(core_areas[core])
        objective = Objective(title=title, strapline=strapline, core_area=core_areas[core])
        for sub in sub_titles:
            objective.sub_priorities.append(SubPriority(title=sub))
        for m_index, (name, text, dates, tags) in enumerate(milestones):
            milestone = Milestone(name=name, text=text,
                                  status=on_track if m_index % 2 == 0 else at_risk)
            for date_text in dates:
                milestone.dates.append(MilestoneDate(text=date_text))
            for tag in tags:
                milestone.tags.append(objective.sub_priorities[tag])
            objective.milestones.append(milestone)
        plan.objectives.append(objective)
    for date_text, text in _POLICY_EVENTS:
        plan.policy_events.append(PolicyEvent(date_text=date_text, text=text))

    paper = CommitteePaper(
        committee="Executive", item_number="4", meeting_date="9 June 2026",
        title="Business Plan 2026/27", report_by="Sarah Whitcombe",
        job_title="Chief Executive", contact_officer="Oliver Grant",
        telephone="020 7946 0321", email="oliver.grant@example.org",
        summary="This report presents the draft Business Plan for 2026/27, agreed with "
                "portfolio holders, for the Executive to discuss before it goes to Leaders' "
                "Committee.",
        recommendations_intro="The Executive is asked to:",
        financial_implications="The plan is delivered within the agreed budget for 2026/27.",
        legal_implications="No legal consequences arise from the plan as drafted.",
        equalities_implications="The plan's equalities objectives are set out in section 3.")
    for text in ["comment on the draft priorities at Appendix A",
                 "agree that officers finalise the plan with portfolio holders",
                 "note the milestones and the policy events beside them"]:
        paper.recommendations.append(Recommendation(text=text))
    paper.body.append(PaperSection(
        title="Introduction",
        body="The draft plan was prepared with each portfolio holder over the spring.\n\n"
             "It keeps last year's structure, so that progress can be compared."))
    paper.body.append(PaperSection(
        title="Next steps",
        body="Leaders' Committee will comment on the plan in July.\n\n"
             "The Executive will agree the final plan in September."))
    paper.appendices.append(Appendix(title="Appendix A: Business Plan Portfolio Priorities"))
    paper.background_papers.append(BackgroundPaper(text="Business Plan 2025/26"))
    plan.papers.append(paper)
    return plan
