"""Keeping the public search index in step with the archive.

Placeholder until the search index exists: the archive is searched in the database.
"""


def sync_question(question_id: int) -> None:
    return None
