"""Generic error pages: they say what happened in the user's language and reveal nothing else."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static

from opennrm.core import geo


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


def province_options(request: HttpRequest) -> HttpResponse:
    """The provinces of the region chosen on a form, as <option> elements (htmx). Public
    reference data: no login needed (the public report form uses it too)."""
    region = request.GET.get("region") or request.GET.get("identification_region", "")
    provinces = geo.province_choices(region=region) if geo.is_region(region) else []
    return render(request, "includes/province_options.html", {"provinces": provinces})


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: send them to the icon."""
    return redirect(static("opennrm/favicon.svg"), permanent=True)
