from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from opennrm.accounts import security_views, views, webauthn_views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("second-factor/", views.second_factor, name="second_factor"),
    path("second-factor/recovery/", security_views.recovery_login, name="recovery_login"),
    path("second-factor/key/", webauthn_views.key_login, name="key_login"),
    path(
        "security-key/options/<slug:purpose>/",
        webauthn_views.authentication_options,
        name="key_options",
    ),
    path("confirm/", security_views.confirm, name="confirm"),
    path(
        "security/keys/options/",
        webauthn_views.registration_options,
        name="key_registration_options",
    ),
    path("security/keys/add/", webauthn_views.key_add, name="key_add"),
    path("security/keys/<int:key_id>/remove/", webauthn_views.key_remove, name="key_remove"),
    path("security/", security_views.security, name="security"),
    path("security/recovery-codes/", security_views.recovery_codes, name="recovery_codes"),
    path(
        "security/authenticator/replace/",
        security_views.authenticator_replace,
        name="authenticator_replace",
    ),
    path("language/", views.set_language, name="set_language"),
    path("membership/", views.switch_membership, name="switch_membership"),
    path("notifications/", views.notification_list, name="notifications"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/form_page.html",
            success_url=reverse_lazy("home"),
        ),
        name="password_change",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/form_page.html",
            email_template_name="accounts/password_reset_email.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/message_page.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/form_page.html",
            success_url=reverse_lazy("accounts:login"),
        ),
        name="password_reset_confirm",
    ),
]
