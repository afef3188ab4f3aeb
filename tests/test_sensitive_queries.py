"""Static rule: a model that holds encrypted personal data is never queried from a view, a form,
an API serializer or a template tag. Those layers reach it through the selectors (`access_*`
and `*_visible_to`), which check who may see what, or through the services, which also audit.

The sensitive models are found, not listed: every model with an encrypted field. A query is
`Model.objects` / `Model._default_manager` on one of them; `Model.objects.none()` (an empty
placeholder for a choice field) is allowed."""

from __future__ import annotations

import ast
from pathlib import Path

from django.apps import apps

from opennrm.core.fields import EncryptedTextField

ROOT = Path(__file__).resolve().parent.parent / "opennrm"
PRESENTATION_MODULES = {"views", "forms", "serializers", "urls", "admin"}
PRESENTATION_PACKAGES = {"views", "templatetags", "api"}
MANAGERS = {"objects", "_default_manager", "_base_manager"}


def sensitive_models() -> set[str]:
    return {
        model.__name__
        for model in apps.get_models()
        if any(isinstance(f, EncryptedTextField) for f in model._meta.concrete_fields)
    }


def is_presentation(path: Path) -> bool:
    stem = path.stem
    return (
        stem in PRESENTATION_MODULES
        or stem.endswith(("_views", "_forms"))
        or any(part in PRESENTATION_PACKAGES for part in path.relative_to(ROOT).parts[:-1])
    )


def queries_in(source: str, models: set[str]) -> list[tuple[str, int]]:
    """(model, line) of every query of a sensitive model in this source."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Attribute)
            and node.attr in MANAGERS
            and isinstance(node.value, ast.Name)
            and node.value.id in models
        ):
            continue
        chained = parents.get(node)
        if isinstance(chained, ast.Attribute) and chained.attr == "none":
            continue
        found.append((node.value.id, node.lineno))
    return found


def violations(models: set[str]) -> list[str]:
    return [
        f"{path.relative_to(ROOT.parent)}:{line} queries {model}"
        for path in sorted(ROOT.rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts and is_presentation(path)
        for model, line in queries_in(path.read_text(encoding="utf-8"), models)
    ]


def test_the_sensitive_models_are_those_with_encrypted_values():
    found = sensitive_models()
    assert {"Person", "Case", "CaseNote", "Referral", "Contact", "IdentityDocument"} <= found
    assert "Organisation" not in found


def test_no_view_form_or_serializer_queries_a_sensitive_model():
    assert violations(sensitive_models()) == []


def test_the_rule_finds_a_query_and_allows_an_empty_placeholder():
    source = (
        "from opennrm.cases.models import Case\n"
        "def case_list(request):\n"
        "    empty = Case.objects.none()\n"
        "    return Case.objects.filter(pk=request.GET['id'])\n"
    )
    assert queries_in(source, {"Case"}) == [("Case", 4)]
    assert is_presentation(ROOT / "cases" / "views" / "lists.py")
    assert is_presentation(ROOT / "referrals" / "referral_forms.py")
    assert not is_presentation(ROOT / "cases" / "selectors.py")
