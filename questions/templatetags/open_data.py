"""``{% open_data_licence %}``: the licence of the open dataset, for the archive's footer."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def open_data_licence() -> str:
    return settings.HELPDESK_OPEN_DATA["LICENCE"]
