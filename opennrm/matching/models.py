from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation, User
from opennrm.core.fields import EncryptedTextField
from opennrm.core.models import BaseModel
from opennrm.people.models import Person


class PersonMatchKey(models.Model):
    """A blocking key of a person: a keyed hash (never the name itself) of one reading of the
    full name, of a name with the year of birth, or of the phone. Candidates for "is this
    person already known?" are the persons sharing a key."""

    # The unique (person, key) constraint serves lookups by person; the (key, person) index
    # answers "who shares these keys?" from the index alone, without visiting the table (at a
    # million persons the rows of one key lie on as many pages as there are persons).
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="match_keys", db_index=False
    )
    key = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="one_row_per_person_key")
        ]
        indexes = [models.Index(fields=["key", "person"], name="match_key_then_person")]

    def __str__(self) -> str:
        return self.key


class MatchModel(BaseModel):
    """A trained Splink model (its settings with m and u probabilities), kept with its
    training date; the newest active one scores candidate pairs."""

    trained_at = models.DateTimeField(_("trained at"))
    records = models.PositiveIntegerField(_("records trained on"))
    settings = models.JSONField(_("Splink settings and parameters"))
    notes = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-trained_at"]

    def __str__(self) -> str:
        return f"model {self.trained_at:%Y-%m-%d %H:%M}"


class AlertState(models.TextChoices):
    OPEN = "Open", _("To review")
    CONNECTED = "Connected", _("Organisations put in touch")
    DISMISSED = "Dismissed", _("Dismissed")


class CrossOrganisationAlert(BaseModel):
    """Two organisations may hold the same person. Only the national commission's data
    protection officer sees it (references, organisations, score; no names) and decides whether
    to put the organisations in touch. Neither organisation learns of it otherwise."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    other_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    other_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    probability = models.FloatField(_("match probability"))
    agreeing = models.JSONField(_("fields that agree"), default=list)
    state = models.CharField(
        _("state"), max_length=12, choices=AlertState.choices, default=AlertState.OPEN
    )
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "other_person"], name="one_alert_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.person} ~ {self.other_person}"


class CandidateState(models.TextChoices):
    OPEN = "Open", _("To review")
    MERGED = "Merged", _("Merged")
    NOT_SAME = "NotSame", _("Not the same person")


class DuplicateCandidate(BaseModel):
    """Two records of one organisation that may be the same person, for its reviewers.
    "Not the same person" is remembered: the pair does not come back."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    other_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField(_("match probability"))
    agreeing = models.JSONField(_("fields that agree"), default=list)
    state = models.CharField(
        _("state"), max_length=12, choices=CandidateState.choices, default=CandidateState.OPEN
    )
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["state", "-probability"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "other_person"], name="one_candidate_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ~ {self.other_person}"


class Merge(BaseModel):
    """A merge, with what moved, so that it can be undone exactly."""

    candidate = models.ForeignKey(
        DuplicateCandidate, on_delete=models.PROTECT, null=True, blank=True, related_name="merges"
    )
    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    moved = models.JSONField(default=dict)  # {"cases": [...], "contacts": [...], ...}
    merged_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.merged} -> {self.survivor}"


class MatchKeyState(models.Model):
    """The rules that built the stored blocking keys (one row). Keys built by other rules (an
    upgrade, a new hashing key) miss persons at intake until `match_keys_rebuild`."""

    fingerprint = models.CharField(_("key rules fingerprint"), max_length=64)
    built_at = models.DateTimeField(_("built at"))
    persons = models.PositiveIntegerField(_("persons keyed"), default=0)

    def __str__(self) -> str:
        return f"keys {self.fingerprint[:12]} ({self.built_at:%Y-%m-%d %H:%M})"


class LinkageState(models.TextChoices):
    QUEUED = "Queued", _("Waiting to start")
    RUNNING = "Running", _("Being linked")
    DONE = "Done", _("Ready")
    FAILED = "Failed", _("Failed")


class LinkageJob(BaseModel):
    """A file of records deduplicated in the background from the batch page, for its requester
    alone. What identifies anyone (the file, its name, the clusters, the records left for
    review, an error quoting a value) is kept encrypted; the file itself is dropped as soon as
    it is linked, the results when they expire (OPENNRM_LINKAGE_KEEP_DAYS) or are deleted."""

    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    file_name = EncryptedTextField(editable=False)
    threshold = models.FloatField(_("threshold"))
    # The sender says the file's births on 1 January are real dates, not the placeholder for
    # a year of birth only.
    january_first_is_date = models.BooleanField(default=False)
    state = models.CharField(
        _("state"), max_length=8, choices=LinkageState.choices, default=LinkageState.QUEUED
    )
    stage = models.CharField(max_length=60, blank=True)  # the step under way, in English
    source = EncryptedTextField(blank=True, editable=False)  # the CSV, until linked
    clusters = EncryptedTextField(blank=True, editable=False)  # id, cluster_id, probability
    review = EncryptedTextField(blank=True, editable=False)  # JSON: records left for review
    error = EncryptedTextField(blank=True, editable=False)  # may quote a value of the file
    # What the file held and what was found: counts only, nothing identifying.
    summary = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("file linkage")
        verbose_name_plural = _("file linkages")
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="linkage_job_mine")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.state}"

    @property
    def is_pending(self) -> bool:
        return self.state in {LinkageState.QUEUED, LinkageState.RUNNING}
