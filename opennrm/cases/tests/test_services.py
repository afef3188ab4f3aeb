from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opennrm.cases import services
from opennrm.cases.models import Case, CaseExploitation, StatusDecision
from opennrm.cases.services import ConsentDetails
from opennrm.cases.tests.factories import case_details, open_case, person_details
from opennrm.cases.vocabularies import (
    CaseStatus,
    ConsentPurpose,
    DecisionKind,
    ExploitationType,
    NRMStage,
    TraffickingStatus,
)
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.people.models import Person

pytestmark = pytest.mark.django_db


def test_case_open_registers_person_case_initial_decision_and_audit(case_manager):
    case = open_case(
        case_manager,
        exploitation_types=[ExploitationType.FORCED_BEGGING, ExploitationType.CRIMINAL_PURPOSES],
    )
    assert case.nrm_stage == NRMStage.IDENTIFICATION
    assert case.owner_organisation == case_manager.organisation
    assert case.person.phone == "+212612345678"
    assert set(case.exploitations.values_list("exploitation_type", flat=True)) == {
        "ForcedBegging",
        "CriminalPurposes",
    }
    decision = case.status_decisions.get()
    assert decision.kind == DecisionKind.INITIAL
    assert decision.status == TraffickingStatus.POSSIBLE
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "person.created" in actions
    assert "case.opened" in actions


def test_case_open_with_bad_phone_stores_nothing(case_manager):
    with pytest.raises(ApplicationError) as error:
        open_case(case_manager, person=person_details(phone="12"))
    assert error.value.field == "phone"
    assert not Person.objects.exists()
    assert not Case.objects.exists()


def test_case_open_requires_a_name(case_manager):
    blank = person_details(
        given_name_latin="", family_name_latin="", given_name_arabic="", family_name_arabic=""
    )
    with pytest.raises(ApplicationError):
        open_case(case_manager, person=blank)


def test_case_open_requires_an_exploitation_type(case_manager):
    with pytest.raises(ApplicationError) as error:
        open_case(case_manager, exploitation_types=[])
    assert error.value.field == "exploitation_types"


@pytest.mark.parametrize("birth_date", ["1999-13", "2999", "31-12-1999", "1999-02-30"])
def test_case_open_refuses_impossible_birth_dates(case_manager, birth_date):
    with pytest.raises(ApplicationError) as error:
        open_case(case_manager, person=person_details(birth_date=birth_date))
    assert error.value.field == "birth_date"


def test_case_open_refuses_future_first_contact(case_manager):
    with pytest.raises(ApplicationError):
        open_case(case_manager, identified_on=timezone.localdate() + timedelta(days=1))


def test_case_open_refused_to_role_without_permission(member_of):
    donor = member_of("donor_viewer")
    with pytest.raises(PermissionDenied):
        open_case(donor)


def test_case_update_with_stale_version_is_rejected_and_keeps_first_save(case_manager):
    case = open_case(case_manager)
    services.case_update(
        actor=case_manager,
        case=case,
        expected_version=1,
        details=case_details(narrative="first editor"),
    )
    stale = Case.objects.get(pk=case.pk)
    with pytest.raises(ApplicationError, match="Someone else changed this case"):
        services.case_update(
            actor=case_manager,
            case=stale,
            expected_version=1,
            details=case_details(narrative="second editor"),
        )
    assert Case.objects.get(pk=case.pk).narrative == "first editor"


def test_case_update_replaces_exploitation_types(case_manager):
    case = open_case(case_manager)
    services.case_update(
        actor=case_manager,
        case=case,
        expected_version=case.version,
        details=case_details(exploitation_types=[ExploitationType.SERVITUDE]),
    )
    assert list(
        CaseExploitation.objects.filter(case=case).values_list("exploitation_type", flat=True)
    ) == ["Servitude"]


def test_stage_moves_follow_the_table(case_manager):
    case = open_case(case_manager)
    services.case_change_stage(
        actor=case_manager,
        case=case,
        expected_version=case.version,
        to_stage=NRMStage.IMMEDIATE_ASSISTANCE,
    )
    with pytest.raises(ApplicationError, match="cannot move"):
        services.case_change_stage(
            actor=case_manager,
            case=case,
            expected_version=case.version,
            to_stage=NRMStage.IDENTIFICATION,
        )
    assert Case.objects.get(pk=case.pk).nrm_stage == NRMStage.IMMEDIATE_ASSISTANCE


def test_closing_needs_a_reason_and_reopening_clears_it(case_manager):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError):
        services.case_change_stage(
            actor=case_manager, case=case, expected_version=case.version, to_stage=NRMStage.CLOSED
        )
    services.case_change_stage(
        actor=case_manager,
        case=case,
        expected_version=case.version,
        to_stage=NRMStage.CLOSED,
        closure_reason="Duplicate registration",
    )
    assert case.status == CaseStatus.CLOSED
    services.case_change_stage(
        actor=case_manager,
        case=case,
        expected_version=case.version,
        to_stage=NRMStage.IDENTIFICATION,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    assert case.closure_reason == ""


def test_not_a_victim_cannot_enter_assistance(case_manager):
    case = open_case(case_manager)
    services.status_decision_record(
        actor=case_manager,
        case=case,
        status=TraffickingStatus.NOT_A_VICTIM,
        kind=DecisionKind.REVIEW,
        reasons="Reviewed: no indicator holds.",
        decided_on=date(2026, 1, 20),
        decision_making_body="NGO",
    )
    with pytest.raises(ApplicationError):
        services.case_change_stage(
            actor=case_manager,
            case=case,
            expected_version=case.version,
            to_stage=NRMStage.IMMEDIATE_ASSISTANCE,
        )


def test_status_decisions_form_a_dated_history(case_manager):
    case = open_case(case_manager)
    services.status_decision_record(
        actor=case_manager,
        case=case,
        status=TraffickingStatus.ACTUAL,
        kind=DecisionKind.REVIEW,
        decided_on=date(2026, 2, 1),
        decision_making_body="CourtOrProsecution",
        reasons="Strong indicators",
    )
    case.refresh_from_db()
    assert case.trafficking_status == TraffickingStatus.ACTUAL
    history = list(StatusDecision.objects.filter(case=case).values_list("status", "decided_on"))
    assert history == [
        (TraffickingStatus.ACTUAL, date(2026, 2, 1)),
        (TraffickingStatus.POSSIBLE, date(2026, 1, 15)),
    ]


def test_a_review_needs_reasons(case_manager):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError, match="reasons"):
        services.status_decision_record(
            actor=case_manager,
            case=case,
            status=TraffickingStatus.ACTUAL,
            kind=DecisionKind.REVIEW,
            decided_on=date(2026, 2, 1),
            decision_making_body="NGO",
        )


@pytest.mark.parametrize("kind", [DecisionKind.PRELIMINARY, DecisionKind.FINAL])
def test_identification_is_recorded_one_way_only(case_manager, kind):
    """Preliminary and formal identification go through identification decisions (with their
    deadlines); the status form records reviews."""
    case = open_case(case_manager)
    with pytest.raises(ApplicationError, match="identification decisions"):
        services.status_decision_record(
            actor=case_manager,
            case=case,
            status=TraffickingStatus.ACTUAL,
            kind=kind,
            decided_on=date(2026, 2, 1),
            decision_making_body="NGO",
            reasons="Indicators",
        )
    assert case.status_decisions.count() == 1  # the initial assessment only


def test_decision_cannot_precede_first_contact(case_manager):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError):
        services.status_decision_record(
            actor=case_manager,
            case=case,
            status=TraffickingStatus.ACTUAL,
            kind=DecisionKind.REVIEW,
            reasons="Reviewed",
            decided_on=date(2025, 1, 1),
            decision_making_body="NGO",
        )


def _consent(**overrides):
    values = {
        "purpose": ConsentPurpose.DATA_PROCESSING,
        "given": True,
        "given_at": timezone.now() - timedelta(hours=1),
        "explained_purpose": True,
        "explained_withdrawal": True,
    }
    values.update(overrides)
    return ConsentDetails(**values)


def test_consent_requires_purpose_and_withdrawal_explained(case_manager):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError):
        services.consent_record(
            actor=case_manager, case=case, details=_consent(explained_withdrawal=False)
        )


def test_referral_consent_names_a_recipient(case_manager):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError):
        services.consent_record(
            actor=case_manager, case=case, details=_consent(purpose=ConsentPurpose.REFERRAL)
        )


def test_consent_withdrawal_is_recorded_once(case_manager):
    case = open_case(case_manager)
    consent = services.consent_record(actor=case_manager, case=case, details=_consent())
    assert consent.is_in_force
    services.consent_withdraw(actor=case_manager, consent=consent, note="Asked by phone")
    assert not consent.is_in_force
    with pytest.raises(ApplicationError):
        services.consent_withdraw(actor=case_manager, consent=consent)


def test_note_must_not_be_empty(case_manager):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError):
        services.case_note_add(actor=case_manager, case=case, body="   ")
    note = services.case_note_add(actor=case_manager, case=case, body="Met at the centre")
    assert note.body == "Met at the centre"


def test_case_records_recruitment_country_and_apps(case_manager):
    case = open_case(
        case_manager,
        country_of_recruitment="sn",
        recruitment_websites_and_apps=["WhatsApp", "Facebook"],
    )
    assert case.country_of_recruitment == "SN"
    assert case.recruitment_websites_and_apps == ["Facebook", "WhatsApp"]
    with pytest.raises(ApplicationError) as error:
        open_case(case_manager, exploitation_websites_and_apps=["MySpace"])
    assert error.value.field == "exploitation_websites_and_apps"


def test_case_records_who_referred_it(case_manager, member_of):
    police = member_of("first_responder").organisation
    case = open_case(
        case_manager,
        referring_organisation=police,
        incoming_referral_date=date(2026, 1, 14),
        reason_for_incoming_referral="AdditionalServicesRequired",
        incoming_referral_details="Found during a labour inspection",
    )
    case.refresh_from_db()
    assert case.referring_organisation == police
    assert case.incoming_referral_details == "Found during a labour inspection"
    with pytest.raises(ApplicationError) as error:
        open_case(case_manager, referring_organisation=case_manager.organisation)
    assert error.value.field == "referring_organisation"


def test_the_province_of_identification_fits_its_region(case_manager):
    case = open_case(case_manager, identification_region="", identification_province="MA-CAS")
    assert (case.identification_region, case.identification_province) == ("MA-06", "MA-CAS")
    with pytest.raises(ApplicationError, match="not in the region"):
        open_case(case_manager, identification_region="MA-01", identification_province="MA-CAS")
    with pytest.raises(ApplicationError, match="Unknown province"):
        open_case(case_manager, identification_province="MA-XYZ")
