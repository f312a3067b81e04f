from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .archive import published_public_rows


class ArchiveSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        return published_public_rows().order_by("pk")

    def location(self, item):
        return reverse("questions:archive_detail", args=[item.pk])

    def lastmod(self, item):
        return item.published_at


class PagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["questions:home", "questions:archive", "questions:ask"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PagesSitemap, "archive": ArchiveSitemap}
