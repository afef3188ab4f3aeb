from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation
from opennrm.core.fields import EncryptedTextField
from opennrm.core.models import BaseModel, SubjectKey
from opennrm.people.vocabularies import DocumentType, EducationLevel, Gender, MaritalStatus


class Person(BaseModel):
    """A presumed or identified victim (HTCDS `prs_`). Identifying values are encrypted; the
    `*_index` columns are keyed hashes used for exact lookup only."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = ""

    reference_code = models.CharField(_("reference"), max_length=16, unique=True)
    registered_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="registered_persons",
        verbose_name=_("registered by"),
    )
    # Names in both scripts (prs_FirstName / prs_SecondName; MiddleName is folded into given).
    given_name_latin = EncryptedTextField(_("given name (Latin script)"), blank=True)
    family_name_latin = EncryptedTextField(_("family name (Latin script)"), blank=True)
    given_name_arabic = EncryptedTextField(_("given name (Arabic script)"), blank=True)
    family_name_arabic = EncryptedTextField(_("family name (Arabic script)"), blank=True)
    alias = EncryptedTextField(_("other names or aliases"), blank=True)
    name_latin_index = models.CharField(max_length=40, blank=True, db_index=True)
    name_arabic_index = models.CharField(max_length=40, blank=True, db_index=True)
    alias_index = models.CharField(max_length=40, blank=True, db_index=True)
    # Partial date of birth: "YYYY", "YYYY-MM" or "YYYY-MM-DD".
    birth_date = EncryptedTextField(_("date of birth"), blank=True)
    gender = models.CharField(
        _("gender"), max_length=24, choices=Gender.choices, default=Gender.UNKNOWN
    )
    citizenships = models.JSONField(_("citizenship"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    marital_status = models.CharField(
        _("marital status"), max_length=24, choices=MaritalStatus.choices, blank=True
    )
    number_of_children = models.PositiveSmallIntegerField(
        _("number of children"), null=True, blank=True
    )
    education = models.CharField(
        _("highest level of education"), max_length=40, choices=EducationLevel.choices, blank=True
    )
    phone = EncryptedTextField(_("phone"), blank=True)
    phone_index = models.CharField(max_length=40, blank=True, db_index=True)
    email = EncryptedTextField(_("email"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    deceased = models.BooleanField(_("deceased"), default=False)
    # Set when a reviewer merged this record into another: the record is kept (a merge can be
    # undone), its cases, contacts and screenings moved to the surviving person.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_records"
    )
    version = models.PositiveIntegerField(default=1)
    # The person's own data key (crypto-shredding). Empty for records made before per-person
    # keys, whose values are under the installation's data key.
    subject_key = models.OneToOneField(
        SubjectKey, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Set when the person's identifying values were erased (a request or retention): the record
    # keeps what figures need (gender, citizenship, its cases' facts) and nothing that names.
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.reference_code

    @property
    def display_name_latin(self) -> str:
        return f"{self.given_name_latin} {self.family_name_latin}".strip()

    @property
    def display_name_arabic(self) -> str:
        return f"{self.given_name_arabic} {self.family_name_arabic}".strip()


class IdentityDocument(BaseModel):
    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "person"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    document_type = models.CharField(_("type"), max_length=32, choices=DocumentType.choices)
    number = EncryptedTextField(_("number"))
    number_index = models.CharField(max_length=40, db_index=True)
    issuing_country = models.CharField(_("issuing country"), max_length=2, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    held_by_person = models.BooleanField(
        _("held by the person"),
        default=True,
        help_text=_("Untick when the document is withheld, e.g. by an employer."),
    )

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self) -> str:
        return f"{self.get_document_type_display()}"
