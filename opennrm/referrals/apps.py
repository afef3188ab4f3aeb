from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "opennrm.referrals"
    label = "referrals"
    verbose_name = "Referrals"

    def ready(self) -> None:
        from opennrm.cases.services import on_consent_withdrawal
        from opennrm.core.calendar import on_recompute_deadlines
        from opennrm.core.panels import register_case_panel, register_home_panel
        from opennrm.referrals.selectors import (
            referral_case_panel,
            referral_case_rows,
            referral_home_panel,
            transfer_case_panel,
            transfer_case_rows,
            transfer_home_panel,
        )
        from opennrm.referrals.services import (
            referrals_cancel_for_withdrawn_consent,
            transfers_cancel_for_withdrawn_consent,
        )
        from opennrm.referrals.services.referral import referral_deadlines_recompute

        on_recompute_deadlines("referral_answers", referral_deadlines_recompute)
        on_consent_withdrawal(referrals_cancel_for_withdrawn_consent)
        on_consent_withdrawal(transfers_cancel_for_withdrawn_consent)
        register_home_panel(referral_home_panel)
        register_case_panel(referral_case_panel, referral_case_rows)
        register_home_panel(transfer_home_panel)
        register_case_panel(transfer_case_panel, transfer_case_rows)
