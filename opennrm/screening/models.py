from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from opennrm.core.models import BaseModel


class Population(models.TextChoices):
    ADULT = "adult", _("Adults")
    CHILD = "child", _("Children (under 18 at the time of exploitation)")


class ExploitationForm(models.TextChoices):
    LABOUR = "labour", _("Labour exploitation")
    SEXUAL = "sexual", _("Sexual exploitation")


class Strength(models.TextChoices):
    STRONG = "strong", _("Strong")
    MEDIUM = "medium", _("Medium")
    WEAK = "weak", _("Weak")


def in_language(texts: dict[str, str]) -> str:
    """The text in the user's language, else French, else whatever exists."""
    language = (get_language() or "fr").split("-")[0]
    return texts.get(language) or texts.get("fr") or next(iter(texts.values()), "")


class IndicatorSet(BaseModel):
    """One list of the identification guide, as data. A screening keeps the set (and so the
    version) it used; a changed list is a new version, never an edit of a used one."""

    slug = models.SlugField(_("identifier"), max_length=60)
    version = models.PositiveIntegerField(_("version"))
    population = models.CharField(_("population"), max_length=8, choices=Population.choices)
    exploitation = models.CharField(
        _("form of exploitation"), max_length=8, choices=ExploitationForm.choices
    )
    title = models.JSONField(_("title (fr, ar, en)"))
    verified = models.BooleanField(
        _("verified against the source"),
        default=False,
        help_text=_("Tick only once every indicator and strength was checked against the source."),
    )
    verification_note = models.JSONField(_("verification note (fr, ar, en)"), default=dict)
    # When a dimension is present: any one of these minimum counts, e.g. {"strong": 1, "weak": 1}.
    dimension_rule = models.JSONField(_("dimension rule"))
    # When the person is a presumed victim: at least one dimension of every group, e.g.
    # [[1, 2, 3], [4], [5, 6]].
    victim_rule = models.JSONField(_("presumed-victim rule"))
    is_active = models.BooleanField(_("offered for new screenings"), default=True)

    class Meta:
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="unique_indicator_set_version")
        ]
        verbose_name = _("indicator set")
        verbose_name_plural = _("indicator sets")

    def __str__(self) -> str:
        return f"{self.slug} v{self.version}"

    @property
    def display_title(self) -> str:
        return in_language(self.title)


class Dimension(models.Model):
    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.CASCADE, related_name="dimensions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.JSONField(_("name (fr, ar, en)"))

    class Meta:
        ordering = ["indicator_set", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_set", "number"], name="unique_dimension_number"
            )
        ]

    def __str__(self) -> str:
        return f"D{self.number} {in_language(self.name)}"


class Indicator(models.Model):
    """Keyed by (set, dimension, indicator): the same sign can weigh differently in two
    dimensions (documents confiscated: medium during recruitment, strong at destination)."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("identifier"), max_length=80)
    strength = models.CharField(_("strength"), max_length=8, choices=Strength.choices)
    text = models.JSONField(_("question wording (fr, ar, en)"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["dimension__number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="unique_indicator_code")
        ]

    def __str__(self) -> str:
        return self.code


class Screening(BaseModel):
    """A screening interview with the identification guide, about one person. It keeps the
    set (and so the version) it used, the indicators found, and the indicative result."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="screenings")
    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.PROTECT, related_name="screenings"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    interviewer = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    current_dimension = models.PositiveSmallIntegerField(default=1)
    answered_dimensions = models.JSONField(default=list)
    skipped_dimensions = models.JSONField(default=list)
    indicators_found = models.ManyToManyField(Indicator, blank=True, related_name="+")
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    presumed_victim = models.BooleanField(_("presumed victim (indicative)"), null=True)
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return f"{self.indicator_set} ({self.created_at:%Y-%m-%d})"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None
