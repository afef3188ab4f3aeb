from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_second_factor(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.OPENNRM_REQUIRE_MFA:
        return []
    return [
        Warning(
            "OPENNRM_REQUIRE_MFA is off: roles with access to victim data log in without a "
            "second factor. This is meant for the local demo only.",
            id="opennrm.W001",
        )
    ]


@register(Tags.security, deploy=True)
def check_keys_outside_repository(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.OPENNRM_KEYS_JSON:
        return []
    from pathlib import Path

    key_file = Path(settings.OPENNRM_KEY_FILE).resolve()
    if key_file.is_relative_to(Path(settings.BASE_DIR).resolve()):
        return [
            Warning(
                "OPENNRM_KEY_FILE lies inside the application directory; keep encryption keys "
                "on a separate, access-controlled path.",
                id="opennrm.W002",
            )
        ]
    return []
