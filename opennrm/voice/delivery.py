"""Sending a feedback code to the person: by e-mail (Django's mail), or by SMS through the
gateway configured in OPENNRM_SMS_GATEWAY_URL (an HTTP endpoint taking {"to", "text"} as
JSON, with OPENNRM_SMS_GATEWAY_TOKEN as a bearer token). The message names neither the person
nor the organisation; the address or number is used once and not kept. A failed delivery is
logged, never raised: the code stays valid and the worker can still give it by hand."""

from __future__ import annotations

import json
import logging
import urllib.request
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
SMS_TIMEOUT_SECONDS = 10


def code_message(
    code: str, expires_on: date, languages: tuple[str, ...] = ("fr", "ar", "en")
) -> str:
    link = f"{settings.OPENNRM_BASE_URL.rstrip('/')}/feedback/"
    lines = []
    for language in languages:
        with translation.override(language):
            lines.append(
                _(
                    "Tell us what you think, without giving your name: open %(link)s and type "
                    "the code %(code)s (valid until %(date)s; it works once)."
                )
                % {"link": link, "code": code, "date": expires_on.isoformat()}
            )
    return "\n\n".join(lines)


def send_code_by_email(address: str, code: str, expires_on: date) -> None:
    try:
        send_mail("OpenNRM", code_message(code, expires_on), None, [address])
    except OSError:
        logger.exception("feedback code e-mail failed")


def send_code_by_sms(mobile: str, code: str, expires_on: date) -> None:
    """French and Arabic only: an SMS is short, and these are the country's languages."""
    body = json.dumps({"to": mobile, "text": code_message(code, expires_on, ("fr", "ar"))})
    request = urllib.request.Request(  # noqa: S310 - the administrator's configured https URL
        settings.OPENNRM_SMS_GATEWAY_URL,
        data=body.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {settings.OPENNRM_SMS_GATEWAY_TOKEN}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=SMS_TIMEOUT_SECONDS):  # noqa: S310
            pass
    except OSError:
        logger.exception("feedback code SMS failed")
