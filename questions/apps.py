from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"

    def ready(self) -> None:
        # search/ indexes documents and knows no questions: the archive tells it which ones
        # (the public fields of published questions), docs/architecture.md.
        from search import services as search

        from .archive import ArchiveDocuments

        search.register_source(ArchiveDocuments())
