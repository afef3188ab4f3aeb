"""The admin site requires a verified second factor, like the rest of the application."""

from django.conf import settings
from django.contrib import admin
from django_otp.admin import OTPAdminSite

if settings.OPENNRM_REQUIRE_MFA:
    admin.site.__class__ = OTPAdminSite
