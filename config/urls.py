from django.contrib import admin
from django.urls import include, path

from opennrm.cases import views as case_views
from opennrm.core import views as core_views
from opennrm.hotline import public as hotline_public
from opennrm.stats import public as stats_public

admin.site.site_header = "OpenNRM"

urlpatterns = [
    path("", case_views.home, name="home"),
    path("accounts/", include("opennrm.accounts.urls")),
    path("calendar/", include("opennrm.accounts.calendar_urls")),
    path("geo/provinces/", core_views.province_options, name="province_options"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", core_views.favicon),
    path("cases/", include("opennrm.cases.urls")),
    path("hotline/", include("opennrm.hotline.urls")),
    path("", include("opennrm.referrals.urls")),
    path("centres/", include("opennrm.shelters.urls")),
    path("returns/", include("opennrm.reintegration.urls")),
    path("justice/", include("opennrm.justice.urls")),
    path("feedback/", include("opennrm.voice.urls")),
    path("stats/", include("opennrm.stats.urls")),
    path("matching/", include("opennrm.matching.urls")),
    path("system/backups/", include("opennrm.backups.urls")),
    path("privacy/", include("opennrm.privacy.urls")),
    path("statistics/", stats_public.statistics, name="public_statistics"),
    path("statistics/<slug:key>.csv", stats_public.export_csv, name="public_statistics_csv"),
    path("report/", hotline_public.report, name="public_report"),
    path("report/thanks/", hotline_public.thanks, name="public_report_thanks"),
    path("api/", include("opennrm.api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "opennrm.core.views.bad_request"
handler403 = "opennrm.core.views.permission_denied"
handler404 = "opennrm.core.views.page_not_found"
handler500 = "opennrm.core.views.server_error"
