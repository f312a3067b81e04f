"""``{{ staff_names|name_of:user.pk }}``: a person as the workspace names them, "Full name
(Role)", from the dict the view fetched in one query (helpdesk/workspace/selectors.staff_names);
for an account the dict does not know, its name in the active language (``staff_name``).

``{{ user|staff_name }}``: the name alone, for staff mails: the English form of the staff
profile when the mail is rendered in English, else the full name, else the username."""

from django import template

from questions.models import staff_display_name

register = template.Library()


@register.filter
def name_of(names: dict, user) -> str:
    if user is None or user == "":
        return ""
    key = getattr(user, "pk", user)
    if key in (names or {}):
        return names[key]
    return staff_display_name(user) if hasattr(user, "get_username") else str(user)


@register.filter
def staff_name(user) -> str:
    if user is None or user == "":
        return ""
    return staff_display_name(user)
