"""Staff sessions end with the browser, and in any case ``SESSION_COOKIE_AGE`` after login.

Only staff log in (citizens never have an account), so every login is a staff login. With
``set_expiry(0)`` the cookie has no date and dies with the browser, while the server still
expires the session ``SESSION_COOKIE_AGE`` (``HELPDESK_SESSION_HOURS``) after it was last
saved, which for a staff session is the login.
"""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in, dispatch_uid="helpdesk.accounts.browser_session")
def end_staff_sessions_with_the_browser(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session.set_expiry(0)
