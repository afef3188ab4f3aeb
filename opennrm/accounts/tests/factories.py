import factory

from opennrm.accounts.models import Membership, Organisation, OrganisationType, User
from opennrm.accounts.roles import Role


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Synthetic organisation {n}")
    short_name = factory.Sequence(lambda n: f"ORG{n}")
    org_type = OrganisationType.NGO
    region = "MA-01"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password-1")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CASE_MANAGER
