"""Atom feed of newly published answers: public fields only (the archive's public rows)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .archive import published_public_rows

FEED_SIZE = 30


class NewAnswersFeed(Feed):
    feed_type = Atom1Feed
    title = _("Hỏi – Đáp: new answers")
    subtitle = _("Questions to the provincial government, newly answered and published.")
    link = reverse_lazy("questions:archive")

    def items(self):
        return published_public_rows().order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.public_title

    def item_description(self, item):
        # Plain text (the feed generator escapes it): the public question, then the answer and
        # its legal basis as published.
        text = f"{item.public_body}\n\n{item.public_answer}"
        if item.public_legal_references:
            text += f"\n\n{gettext('Legal references')}:\n{item.public_legal_references}"
        return text

    def item_link(self, item):
        return reverse("questions:archive_detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        # The answering agency, never the asker.
        return item.unit.display_name if item.unit else None

    def item_categories(self, item):
        return [item.category.display_name] if item.category else []
