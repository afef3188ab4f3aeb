"""directory.py: the service directory; referral.py: sending, answering, following referrals;
link.py: the one-time link pages for recipients without an account."""
