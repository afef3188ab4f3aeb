import random

import pytest

from opennrm.accounts.models import Membership, Organisation, OrganisationType
from opennrm.accounts.roles import Role
from opennrm.cases.models import Case
from opennrm.demo.generator import seed, synthetic_person


def test_same_seed_same_people():
    first = [synthetic_person(random.Random(5)) for _ in range(3)]
    again = [synthetic_person(random.Random(5)) for _ in range(3)]
    other = synthetic_person(random.Random(6))
    assert first == again
    assert other != first[0]


@pytest.mark.django_db
def test_seed_builds_a_deployment_with_every_role():
    world = seed(persons=12, seed_value=3)
    assert world.cases == Case.objects.count() == 12 + 1  # one registered twice (a duplicate)
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    ngos = Organisation.objects.filter(org_type=OrganisationType.NGO)
    centres = Organisation.objects.filter(org_type=OrganisationType.RECEPTION_CENTRE)
    assert ngos.count() >= 3
    assert centres.count() >= 3
    assert len(set(centres.values_list("region", flat=True))) >= 3
    assert Organisation.objects.filter(short_name__in=["CNCLT", "OIM", "ONUDC", "OIT"]).count() == 4
    person = Case.objects.first().person
    assert person.display_name_latin
    assert person.display_name_arabic


@pytest.mark.django_db
def test_seed_shows_every_referral_state_and_overdue_work():
    from opennrm.referrals.models import Referral
    from opennrm.referrals.selectors import referral_work
    from opennrm.referrals.vocabularies import ReferralState

    world = seed(persons=120, seed_value=4)
    states = set(Referral.objects.values_list("state", flat=True))
    assert states == set(ReferralState.values)
    assert Referral.objects.filter(recipient_organisation__isnull=True).count() == 2
    manager = world.members[("ngo_north", Role.CASE_MANAGER)]
    work = referral_work(manager)
    assert work.awaiting_answer_overdue
    assert work.expired_recently
    assert work.outgoing_outcome_overdue
    from opennrm.referrals.models import Transfer

    assert set(Transfer.objects.values_list("state", flat=True)) == {
        "Proposed",
        "Accepted",
        "Requested",
        "Declined",
    }
    from opennrm.shelters.models import ReceptionCentre, Stay

    assert ReceptionCentre.objects.count() == 3
    assert Stay.objects.filter(referral__isnull=False, departed_on__isnull=True).exists()
    assert Stay.objects.filter(departed_on__isnull=False).exists()
    from opennrm.matching.records import NameParts
    from opennrm.matching.selectors import candidate_ids
    from opennrm.people.models import Person

    # Duplicates under other spellings: each finds its original among the candidates.
    duplicates = Person.objects.order_by("-created_at")[:5]
    assert all(candidate_ids(NameParts.of(p), exclude=p.pk) for p in duplicates)
    from opennrm.reintegration.models import ReturnPlan
    from opennrm.reintegration.selectors import follow_ups_due

    assert {"Planning", "Cleared", "Returned", "Completed"} <= set(
        ReturnPlan.objects.values_list("state", flat=True)
    )
    overdue, _soon = follow_ups_due(world.members[("iom", Role.CASE_MANAGER)])
    assert overdue
    shelter = world.members[("centre_casa", Role.SERVICE_PROVIDER)]
    assert referral_work(shelter).to_answer
    assert referral_work(shelter).incoming_outcome_overdue
    from opennrm.justice.models import Proceeding, ProceedingCase
    from opennrm.justice.selectors import proceedings_visible_to

    stages = set(Proceeding.objects.values_list("stage", flat=True))
    assert {
        "Complaint",
        "PoliceInvestigation",
        "InvestigatingJudge",
        "FirstInstanceTrial",
    } <= stages
    assert {"FinalJudgment", "Closed"} <= stages
    # A network with several victims, and lawyers reading their clients' proceedings.
    assert max(p.cases.count() for p in Proceeding.objects.all()) >= 3
    lawyer = world.members[("legal_aid", Role.VICTIMS_LAWYER)]
    assert proceedings_visible_to(lawyer).count() == len(
        set(
            ProceedingCase.objects.filter(legal_aid_organisation=lawyer.organisation).values_list(
                "proceeding_id", flat=True
            )
        )
    )
    clerk = world.members[("court_casa", Role.COURT_CLERK)]
    assert proceedings_visible_to(clerk).filter(stage="FirstInstanceTrial").exists()
    from opennrm.justice.models import Compensation, Judgment

    # An appeal that changed a judgment (an acquittal turned into a conviction), compensation.
    changed = [
        c
        for c in {j.charge for j in Judgment.objects.filter(instance="Appeal")}
        if c.judgments.first().outcome != c.standing_judgment.outcome
    ]
    assert changed
    assert Compensation.objects.filter(paid__gt=0).exists()
    from opennrm.justice.hearings import hearing_home_panel
    from opennrm.justice.models import ProtectionMeasure

    assert hearing_home_panel(world.members[("legal_aid", Role.VICTIMS_LAWYER)]) is not None
    assert {"Granted", "Requested"} <= set(
        ProtectionMeasure.objects.values_list("state", flat=True)
    )
    assert ProtectionMeasure.objects.filter(kind="IdentityConcealment", state="Granted").exists()
    from opennrm.justice.models import NonPunishment, Participation

    assert Participation.objects.exists()
    assert NonPunishment.objects.filter(outcome="Applied").exists()
    from django.utils import timezone

    from opennrm.voice.models import Complaint, FeedbackAnswer
    from opennrm.voice.selectors import feedback_results

    assert FeedbackAnswer.objects.count() == 10
    assert set(Complaint.objects.values_list("state", flat=True)) == {"Received", "Closed"}
    today = timezone.localdate()
    results = feedback_results(
        actor=world.members[("ngo_north", Role.SUPERVISOR)],
        start=today.replace(month=1, day=1),
        end=today.replace(month=12, day=31),
    )
    assert {(r.service_type, r.shown) for r in results} == {
        ("Psychosocial", True),
        ("LegalAid", False),
    }
