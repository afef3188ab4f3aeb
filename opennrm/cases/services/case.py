"""Opening, editing and moving a case through the NRM stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opennrm.accounts.models import Membership, Organisation, User
from opennrm.cases.ages import age_band
from opennrm.cases.models import Case, CaseExploitation, StatusDecision
from opennrm.cases.services.common import case_event, check_choices, require
from opennrm.cases.vocabularies import (
    CaseStatus,
    DecisionKind,
    DecisionMakingBody,
    ExploitationType,
    ForcedLabourIndustry,
    MethodOfControl,
    MethodOfRecruitment,
    NRMStage,
    ReferralReason,
    RelationshipToTrafficker,
    SexExploitationType,
    TraffickingStatus,
    WebsiteOrApp,
)
from opennrm.core import geo
from opennrm.core.concurrency import claim_version
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.core.references import new_reference
from opennrm.core.workflow import Workflow
from opennrm.hotline.models import Contact
from opennrm.hotline.services import contact_link_person
from opennrm.hotline.vocabularies import Outcome
from opennrm.people.models import Person
from opennrm.people.services import PersonDetails, person_create

# The one table of allowed NRM stage moves. Closed cases can only be reopened into identification.
ALLOWED_STAGE_MOVES: dict[str, frozenset[str]] = {
    NRMStage.IDENTIFICATION: frozenset({NRMStage.IMMEDIATE_ASSISTANCE, NRMStage.CLOSED}),
    NRMStage.IMMEDIATE_ASSISTANCE: frozenset(
        {NRMStage.LONG_TERM_ASSISTANCE, NRMStage.RETURN_REINTEGRATION, NRMStage.CLOSED}
    ),
    NRMStage.LONG_TERM_ASSISTANCE: frozenset({NRMStage.RETURN_REINTEGRATION, NRMStage.CLOSED}),
    NRMStage.RETURN_REINTEGRATION: frozenset({NRMStage.LONG_TERM_ASSISTANCE, NRMStage.CLOSED}),
    NRMStage.CLOSED: frozenset({NRMStage.IDENTIFICATION}),
}

STALE_CASE_MESSAGE = gettext_lazy(
    "Someone else changed this case while you were editing. Reload the page to see their "
    "changes, then apply yours again."
)
CASE_STAGES = Workflow(
    model=Case,
    states=NRMStage,
    moves=ALLOWED_STAGE_MOVES,
    refused=gettext_lazy("A case cannot move from “%(state)s” to “%(to)s”."),
    stale=STALE_CASE_MESSAGE,
    state_field="nrm_stage",
    version_field="version",
    changed_at_field="stage_changed_at",
    permissions=dict.fromkeys(NRMStage.values, Permission.CHANGE_CASE_STAGE),
)


@dataclass(frozen=True)
class CaseDetails:
    identified_on: date
    exploitation_types: list[str]
    identification_region: str = ""
    identification_province: str = ""
    country_of_recruitment: str = ""
    country_of_exploitation: str = ""
    age_when_trafficked: int | None = None
    relationship_to_trafficker: str = ""
    methods_of_recruitment: list[str] = field(default_factory=list)
    methods_of_control: list[str] = field(default_factory=list)
    recruitment_websites_and_apps: list[str] = field(default_factory=list)
    exploitation_websites_and_apps: list[str] = field(default_factory=list)
    types_of_sex_exploitation: list[str] = field(default_factory=list)
    forced_labour_industry: str = ""
    narrative: str = ""
    case_owner: User | None = None
    referring_organisation: Organisation | None = None
    incoming_referral_date: date | None = None
    reason_for_incoming_referral: str = ""
    incoming_referral_details: str = ""


def _clean_case(details: CaseDetails, organisation: Organisation) -> dict[str, object]:
    if not details.exploitation_types:
        raise ApplicationError(
            _("Choose at least one form of exploitation (or 'Other')."), field="exploitation_types"
        )
    if details.identified_on > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field="identified_on")
    region = geo.checked_place(
        details.identification_region,
        details.identification_province,
        fields=("identification_region", "identification_province"),
    )
    for country_field in ("country_of_recruitment", "country_of_exploitation"):
        code = getattr(details, country_field)
        if code and not geo.is_country(code):
            raise ApplicationError(_("Unknown country code."), field=country_field)
    if details.age_when_trafficked is not None and not 0 <= details.age_when_trafficked <= 110:
        raise ApplicationError(_("Age is out of range."), field="age_when_trafficked")
    if details.relationship_to_trafficker and (
        details.relationship_to_trafficker not in RelationshipToTrafficker.values
    ):
        raise ApplicationError(_("Unknown value."), field="relationship_to_trafficker")
    if details.forced_labour_industry and (
        details.forced_labour_industry not in ForcedLabourIndustry.values
    ):
        raise ApplicationError(_("Unknown value."), field="forced_labour_industry")
    if details.reason_for_incoming_referral and (
        details.reason_for_incoming_referral not in ReferralReason.values
    ):
        raise ApplicationError(_("Unknown value."), field="reason_for_incoming_referral")
    if details.incoming_referral_date and details.incoming_referral_date > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field="incoming_referral_date")
    if details.referring_organisation is not None and (
        details.referring_organisation.pk == organisation.pk
    ):
        raise ApplicationError(
            _("A case cannot be referred by the organisation that owns it."),
            field="referring_organisation",
        )
    if (
        details.case_owner is not None
        and not Membership.objects.filter(
            user=details.case_owner, organisation=organisation, is_active=True
        ).exists()
    ):
        raise ApplicationError(
            _("The case worker must be a member of the owning organisation."), field="case_owner"
        )
    return {
        "identified_on": details.identified_on,
        "identification_region": region,
        "identification_province": details.identification_province,
        "country_of_recruitment": details.country_of_recruitment.upper(),
        "country_of_exploitation": details.country_of_exploitation.upper(),
        "age_when_trafficked": details.age_when_trafficked,
        "relationship_to_trafficker": details.relationship_to_trafficker,
        "methods_of_recruitment": check_choices(
            details.methods_of_recruitment, MethodOfRecruitment.values, "methods_of_recruitment"
        ),
        "methods_of_control": check_choices(
            details.methods_of_control, MethodOfControl.values, "methods_of_control"
        ),
        "recruitment_websites_and_apps": check_choices(
            details.recruitment_websites_and_apps,
            WebsiteOrApp.values,
            "recruitment_websites_and_apps",
        ),
        "exploitation_websites_and_apps": check_choices(
            details.exploitation_websites_and_apps,
            WebsiteOrApp.values,
            "exploitation_websites_and_apps",
        ),
        "types_of_sex_exploitation": check_choices(
            details.types_of_sex_exploitation,
            SexExploitationType.values,
            "types_of_sex_exploitation",
        ),
        "forced_labour_industry": details.forced_labour_industry,
        "narrative": details.narrative.strip(),
        "referring_organisation": details.referring_organisation,
        "incoming_referral_date": details.incoming_referral_date,
        "reason_for_incoming_referral": details.reason_for_incoming_referral,
        "incoming_referral_details": details.incoming_referral_details.strip(),
        "case_owner": details.case_owner,
    }


def _set_exploitations(case: Case, types: list[str]) -> None:
    wanted = set(check_choices(types, ExploitationType.values, "exploitation_types"))
    current = set(case.exploitations.values_list("exploitation_type", flat=True))
    CaseExploitation.objects.filter(case=case, exploitation_type__in=current - wanted).delete()
    CaseExploitation.objects.bulk_create(
        [CaseExploitation(case=case, exploitation_type=t) for t in sorted(wanted - current)]
    )


def case_open(
    *,
    actor: Membership,
    person: PersonDetails,
    details: CaseDetails,
    initial_status: str = TraffickingStatus.POSSIBLE,
    decision_making_body: str = DecisionMakingBody.OTHER,
    contact: Contact | None = None,
) -> Case:
    """Register a person and open their case in the identification stage; when it comes from a
    hotline contact (obtained by the caller through access_contact), link that contact."""
    require(actor, Permission.CREATE_CASE)
    values = _clean_case(details, actor.organisation)
    # Whoever opens the case works on it until someone else is named.
    values["case_owner"] = values["case_owner"] or actor.user
    if initial_status not in TraffickingStatus.values:
        raise ApplicationError(_("Unknown trafficking status."), field="initial_status")
    if decision_making_body not in DecisionMakingBody.values:
        raise ApplicationError(_("Unknown decision-making body."), field="decision_making_body")
    check_choices(details.exploitation_types, ExploitationType.values, "exploitation_types")
    with transaction.atomic():
        registered = person_create(actor=actor, details=person)
        now = timezone.now()
        for _attempt in range(5):
            case = Case(
                reference_code=new_reference("C"),
                person=registered,
                owner_organisation=actor.organisation,
                stage_changed_at=now,
                trafficking_status=initial_status,
                age_band=age_band(registered.birth_date, details.identified_on),
                **values,
            )
            try:
                with transaction.atomic():
                    case.save(force_insert=True)
                break
            except IntegrityError:
                continue
        else:  # pragma: no cover
            raise ApplicationError(_("Could not allocate a reference; try again."))
        _set_exploitations(case, details.exploitation_types)
        StatusDecision.objects.create(
            case=case,
            status=initial_status,
            kind=DecisionKind.INITIAL,
            decided_on=details.identified_on,
            decision_making_body=decision_making_body,
            decided_by_organisation=actor.organisation,
            recorded_by=actor.user,
        )
        case_event(actor, case, "case.opened", person_id=str(registered.pk))
        if contact is not None:
            contact_link_person(
                actor=actor, contact=contact, person=registered, outcome=Outcome.CASE_OPENED
            )
    return case


def case_update(
    *, actor: Membership, case: Case, expected_version: int, details: CaseDetails
) -> Case:
    require(actor, Permission.EDIT_CASE)
    values = _clean_case(details, case.owner_organisation)
    with transaction.atomic():
        case.version = claim_version(Case, case.pk, expected_version, str(STALE_CASE_MESSAGE))
        changed = sorted(k for k, v in values.items() if getattr(case, k) != v)
        for key, value in values.items():
            setattr(case, key, value)
        case.age_band = age_band(case.person.birth_date, case.identified_on)
        case.save(update_fields=[*values.keys(), "age_band", "updated_at"])
        before = set(case.exploitations.values_list("exploitation_type", flat=True))
        _set_exploitations(case, details.exploitation_types)
        if before != set(details.exploitation_types):
            changed.append("exploitation_types")
        case_event(actor, case, "case.updated", fields=changed)
    return case


def case_change_stage(
    *,
    actor: Membership,
    case: Case,
    expected_version: int,
    to_stage: str,
    closure_reason: str = "",
) -> Case:
    require(actor, Permission.CHANGE_CASE_STAGE)
    if to_stage not in NRMStage.values:
        raise ApplicationError(_("Unknown stage."), field="to_stage")
    CASE_STAGES.check(case, to_stage, field="to_stage")
    if to_stage == NRMStage.CLOSED and not closure_reason.strip():
        raise ApplicationError(_("Give the reason for closing the case."), field="closure_reason")
    if (
        to_stage in {NRMStage.IMMEDIATE_ASSISTANCE, NRMStage.LONG_TERM_ASSISTANCE}
        and case.trafficking_status == TraffickingStatus.NOT_A_VICTIM
    ):
        raise ApplicationError(
            _("The person was found not to be a victim; record a review decision first."),
            field="to_stage",
        )
    changes: dict[str, object] = {}
    if to_stage == NRMStage.CLOSED:
        changes = {"status": CaseStatus.CLOSED, "closure_reason": closure_reason.strip()}
    elif case.nrm_stage == NRMStage.CLOSED:
        changes = {"status": CaseStatus.ACTIVE, "closure_reason": ""}

    def after(moved: Case, from_stage: str) -> None:
        case_event(actor, moved, "case.stage_changed", from_stage=from_stage, to_stage=to_stage)

    return CASE_STAGES.step(
        case,
        to_stage,
        actor=actor,
        expected_version=expected_version,
        changes=changes,
        after=after,
        field="to_stage",
    )


def age_bands_refresh(actor: Membership, person: Person, created: bool) -> None:
    """A person's date of birth changed: their cases' age bands follow (same transaction)."""
    for case in Case.objects.filter(person=person).only("pk", "identified_on"):
        band = age_band(person.birth_date, case.identified_on)
        Case.objects.filter(pk=case.pk).exclude(age_band=band).update(age_band=band)
