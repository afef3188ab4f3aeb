import pytest

from opennrm.accounts.services import user_create
from opennrm.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("password", ["short-pw-1", "password1234", "123456789012"])
def test_user_create_refuses_weak_passwords(password):
    with pytest.raises(ApplicationError):
        user_create(username="new.user", password=password)


def test_user_create_accepts_long_passphrase():
    user = user_create(username="new.user", password="correct horse battery staple " * 2)
    assert user.check_password("correct horse battery staple " * 2)


def test_user_create_refuses_taken_username_whatever_the_case():
    user_create(username="amina", password="a-long-enough-passphrase")
    with pytest.raises(ApplicationError):
        user_create(username="AMINA", password="a-long-enough-passphrase")
