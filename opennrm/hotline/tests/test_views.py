import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_every_demo_contact_opens_for_every_role_that_may(client, login):
    """Public web reports have no operator: their page once failed with a 500."""
    from opennrm.demo.generator import seed
    from opennrm.hotline.models import Contact
    from opennrm.hotline.selectors import contacts_visible_to

    world = seed(persons=40, seed_value=11)
    assert Contact.objects.filter(operator__isnull=True).exists()
    opened = 0
    for membership in world.members.values():
        visible = list(contacts_visible_to(membership))
        if not visible:
            continue
        login(client, membership)
        for contact in visible:
            response = client.get(reverse("hotline:contact", kwargs={"contact_id": contact.pk}))
            assert response.status_code == 200, (membership.role, contact.channel)
            opened += 1
    assert opened >= Contact.objects.count()
