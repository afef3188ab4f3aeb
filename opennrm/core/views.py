"""Generic error pages: they say what happened in the user's language and reveal nothing else."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from opennrm.core import geo

# Under /api/ the answer is JSON, as the API's schema says, whatever the error.
API_ERRORS = {
    400: _("The request is not valid."),
    403: _("You do not have permission to perform this action."),
    404: _("Not found."),
    500: _("Something went wrong on our side. The error was recorded."),
}


def _error(request: HttpRequest, status: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(API_ERRORS[status])}, status=status)
    return render(request, f"errors/{status}.html", status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500)


def province_options(request: HttpRequest) -> HttpResponse:
    """The provinces of the region chosen on a form, as <option> elements (htmx). Public
    reference data: no login needed (the public report form uses it too)."""
    region = request.GET.get("region") or request.GET.get("identification_region", "")
    provinces = geo.province_choices(region=region) if geo.is_region(region) else geo.Choices(())
    return render(request, "includes/province_options.html", {"provinces": provinces})


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: send them to the icon."""
    return redirect(static("opennrm/favicon.svg"), permanent=True)
