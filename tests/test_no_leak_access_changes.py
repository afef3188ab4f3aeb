"""Access that changes after the fact: a case transferred away takes its person out of the
former owner's reach (intake suggestions, review queue, merge), and a user acting for two
organisations sees, in each, only that organisation's notices."""

import pytest
from django.urls import reverse

from opennrm.accounts.models import Notification
from opennrm.accounts.tests.factories import MembershipFactory, OrganisationFactory
from opennrm.cases.tests.factories import open_case, person_details
from opennrm.matching.models import DuplicateCandidate
from opennrm.referrals.services import transfer_accept, transfer_propose
from opennrm.referrals.tests.factories import referral_consent, send_referral

pytestmark = pytest.mark.django_db


def test_transfer_then_merge_reaches_nothing_of_the_new_owner(client, login, case_manager):
    first = open_case(case_manager)
    second = open_case(case_manager, person=person_details(given_name_latin="Selma"))
    candidate = DuplicateCandidate.objects.get()
    new_owner = MembershipFactory(role="case_manager")
    referral_consent(case_manager, second, new_owner.organisation)
    transfer_accept(
        actor=new_owner,
        transfer=transfer_propose(
            actor=case_manager,
            case=second,
            to_organisation=new_owner.organisation,
            reason="Moved to the new owner's region.",
        ),
    )
    supervisor = MembershipFactory(organisation=case_manager.organisation, role="supervisor")
    for reviewer in (case_manager, supervisor):
        login(client, reviewer)
        queue = client.get(reverse("matching:review")).content.decode()
        assert str(candidate.pk) not in queue and second.person.reference_code not in queue
        pair = reverse("matching:pair", kwargs={"candidate_id": candidate.pk})
        assert client.get(pair).status_code == 404
        for survivor in (first.person_id, second.person_id):
            decided = client.post(
                reverse("matching:pair_decide", kwargs={"candidate_id": candidate.pk}),
                {"decision": "merge", "survivor": str(survivor)},
            )
            assert decided.status_code == 404
        lookup = client.post(
            reverse("matching:lookup"),
            {"given_name_latin": "Selma", "family_name_latin": "Testaoui"},
        ).content.decode()
        assert "Salma" in lookup  # its own person is suggested...
        assert "Selma" not in lookup and second.person.reference_code not in lookup  # not theirs
    second.refresh_from_db()
    first.person.refresh_from_db()
    assert second.person_id != first.person_id and first.person.merged_into_id is None


def test_two_memberships_never_mix_notices(client, login, case_manager):
    shelter = MembershipFactory(role="service_provider")
    twin = MembershipFactory(
        user=shelter.user, organisation=OrganisationFactory(), role="hotline_operator"
    )
    referral = send_referral(case_manager, shelter.organisation)
    assert Notification.objects.filter(user=shelter.user).exists()
    login(client, twin)
    for path in ("/", reverse("accounts:notifications")):
        body = client.get(path).content.decode()
        assert referral.reference_code not in body and referral.case.reference_code not in body
