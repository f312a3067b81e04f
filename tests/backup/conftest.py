from tests.privacy_requests.conftest import browser, questions_in  # noqa: F401 (fixtures)
