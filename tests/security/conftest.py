"""The browser fixtures of tests/e2e (Debian's chromium through Playwright), for the pages
whose headers only a real browser can judge: does the CSP leave them working?"""

from tests.e2e.conftest import browser, new_page, screenshot  # noqa: F401
