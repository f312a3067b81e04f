"""Staff accounts: login throttling on every way in, two-factor authentication, short sessions.

- :mod:`.throttling`: django-axes counts failed logins per account and per client address in
  the database; the workspace login, the admin login and API tokens all go through it.
- :mod:`.two_factor`: who must have a second factor, and checking a code (django-otp: TOTP
  apps, and backup codes for a lost phone).
- :mod:`.forms`, :mod:`.views`: the login form (password, plus the code when the account has
  an authenticator) and the two-factor page (enrol, confirm, new backup codes).
- :mod:`.middleware`: a privileged account without a verified second factor, when one is
  required, is sent to the two-factor page before anything else.
- :mod:`.admin_site`: the Django admin asks for the same code.

Decision 0011 says why these libraries and these settings.
"""
