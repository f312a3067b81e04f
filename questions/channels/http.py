"""One HTTP request to a provider, its failures sorted into "try again" and "give up".

urllib3 (already pinned, used by boto3) rather than a new client: one request, no redirects
followed (a provider that redirects is misconfigured, and following would let a response
send our credentials elsewhere), no hidden retries (ours are the task's, with backoff).
"""

from __future__ import annotations

import urllib3

from .base import PermanentError, RetryableError

# Connections kept per provider host: one per task worker thread (`task_worker --threads`,
# 8 in the systemd unit), with room to spare. urllib3 keeps one by default and, when several
# threads send at once, drops the others after each request with a warning apiece.
POOL_SIZE = 16
_POOL = urllib3.PoolManager(retries=False, maxsize=POOL_SIZE)


def request(
    method: str, url: str, *, body: bytes | None, headers: dict[str, str], timeout: float
) -> urllib3.BaseHTTPResponse:
    """The response of a 2xx answer; raises RetryableError or PermanentError otherwise."""
    try:
        response = _POOL.request(
            method,
            url,
            body=body,
            headers=headers,
            timeout=urllib3.Timeout(total=timeout),
            redirect=False,
            retries=False,
        )
    except urllib3.exceptions.HTTPError as error:  # timeout, refused, reset, TLS failure
        raise RetryableError(f"{type(error).__name__}: {error}") from error
    status = response.status
    if 200 <= status < 300:
        return response
    excerpt = response.data[:300].decode("utf-8", "replace")
    if status >= 500 or status in (408, 429):
        raise RetryableError(f"HTTP {status}: {excerpt}")
    raise PermanentError(f"HTTP {status}: {excerpt}")
