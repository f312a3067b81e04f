"""The officer's desk tests: the search fixtures (a fresh index, real publication) and the
workspace's (questions placed in a status, logged-in clients)."""

from tests.search.conftest import (  # noqa: F401
    index,
    publish,
    search_backend,
    walked,
)
from tests.workspace.conftest import login, place, tax_category, units  # noqa: F401
