from django.db import models
from django.utils.translation import gettext_lazy as _


class Synonym(models.Model):
    """A term and the phrases that mean the same, edited by administrators.

    Expanded at query time in both directions: searching "sổ đỏ" also finds "giấy chứng nhận
    quyền sử dụng đất", and the other way round. Matching ignores marks ("so do", "cccd").
    """

    term = models.CharField(_("term"), max_length=100, unique=True)
    expansions = models.TextField(_("means the same as"), help_text=_("One phrase per line."))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return self.term

    def phrases(self) -> list[str]:
        lines = [line.strip() for line in self.expansions.splitlines()]
        return [self.term.strip(), *(line for line in lines if line)]
