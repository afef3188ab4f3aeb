import pytest
from django.template import Context, Template
from django.utils import translation

from opennrm.cases.models import Case
from opennrm.cases.templatetags.case_table import case_rows
from opennrm.cases.tests.factories import open_case, person_details
from opennrm.cases.vocabularies import ExploitationType

pytestmark = pytest.mark.django_db

# The rows as the template engine wrote them before case_rows (the oracle).
TEMPLATE_ROWS = """{% load vocabulary %}{% for case in cases %}
<tr><td><a class="ref" href="{% url 'cases:detail' case_id=case.pk %}">{{ case.reference_code }}</a></td>
<td class="ref">{{ case.person.reference_code }}</td>
<td>{{ case.nrm_stage|label:"NRMStage" }}</td>
<td>{{ case.trafficking_status|label:"TraffickingStatus" }}</td>
<td>{% for e in case.exploitations.all %}<span class="badge text-bg-secondary me-1">{{ e.exploitation_type|label:"ExploitationType" }}</span>{% endfor %}</td>
{% if sortable %}<td><time datetime="{{ case.identified_on|date:'c' }}">{{ case.identified_on|date:"SHORT_DATE_FORMAT" }}</time></td>{% endif %}
<td><time datetime="{{ case.updated_at|date:'c' }}">{{ case.updated_at|date:"SHORT_DATE_FORMAT" }}</time></td></tr>
{% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
@pytest.mark.parametrize("sortable", [True, False])
def test_case_rows_are_the_template_markup_in_every_language(case_manager, language, sortable):
    open_case(case_manager)
    open_case(
        case_manager,
        person=person_details(given_name_latin="Awa", family_name_latin="<b>Ndiaye</b>"),
        exploitation_types=[ExploitationType.SEXUAL_EXPLOITATION, ExploitationType.FORCED_LABOUR],
    )
    cases = list(Case.objects.select_related("person").prefetch_related("exploitations"))
    with translation.override(language):
        expected = Template(TEMPLATE_ROWS).render(Context({"cases": cases, "sortable": sortable}))
        assert str(case_rows(cases, sortable)) == expected
    assert expected.count("<tr>") == 2


def test_case_rows_escape_what_they_show(case_manager):
    case = open_case(case_manager)
    case.reference_code = '<script>"x"</script>'
    html = str(case_rows([case]))
    assert "<script>" not in html
    assert "&lt;script&gt;&quot;x&quot;&lt;/script&gt;" in html
