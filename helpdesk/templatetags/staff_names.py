"""``{{ staff_names|name_of:user.pk }}``: a person as the workspace names them, "Full name
(Role)", from the dict the view fetched in one query (helpdesk/workspace/selectors.staff_names);
the username only for an account the dict does not know."""

from django import template

register = template.Library()


@register.filter
def name_of(names: dict, user) -> str:
    if user is None or user == "":
        return ""
    key = getattr(user, "pk", user)
    if key in (names or {}):
        return names[key]
    return user.get_username() if hasattr(user, "get_username") else str(user)
