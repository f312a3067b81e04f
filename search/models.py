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


# --- The PostgreSQL backend's index (search/backends/postgres.py) ---------------------------
# Created on every database so migrations stay one history; only the "postgres" backend
# (HELPDESK_SEARCH_BACKEND) reads or writes them.


class IndexState(models.Model):
    """One row: the index exists (``rebuild_index`` has run) and its generation, bumped by
    every write in the same transaction, so every node sees when its cached terms are old."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    generation = models.BigIntegerField(default=0)

    class Meta:
        db_table = "search_state"

    def __str__(self) -> str:
        return f"search index generation {self.generation}"


class IndexedDocument(models.Model):
    """One published question as the index knows it: filter values, field lengths (BM25
    needs them), the digest ``check_index`` compares, and the (field, term) keys it was
    indexed under, so an update or removal finds its postings without scanning."""

    id = models.BigIntegerField(primary_key=True)  # the question's pk
    digest = models.CharField(max_length=32)
    category = models.BigIntegerField(default=0)
    unit = models.BigIntegerField(default=0)
    year = models.IntegerField(default=0)
    len_qx = models.IntegerField(default=0)
    len_qf = models.IntegerField(default=0)
    len_qb = models.IntegerField(default=0)
    len_ax = models.IntegerField(default=0)
    len_af = models.IntegerField(default=0)
    len_ab = models.IntegerField(default=0)
    len_mf = models.IntegerField(default=0)
    keys = models.TextField(default="")

    class Meta:
        db_table = "search_document"

    def __str__(self) -> str:
        return f"indexed question {self.pk}"


class Postings(models.Model):
    """The question ids (int32) and term frequencies (uint16) of one term of one field,
    for the ids in one chunk (``id // CHUNK``): a term is a few rows, and a publication
    rewrites only its own chunk's rows."""

    pk = models.CompositePrimaryKey("field", "term", "chunk")
    field = models.CharField(max_length=2)
    term = models.CharField(max_length=200)
    chunk = models.IntegerField()
    count = models.IntegerField()
    ids = models.BinaryField()
    tfs = models.BinaryField()

    class Meta:
        db_table = "search_postings"

    def __str__(self) -> str:
        return f"{self.field}:{self.term} ({self.count})"
