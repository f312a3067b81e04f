"""gunicorn settings for production: ``gunicorn -c python:helpdesk.gunicorn_conf helpdesk.wsgi``.

The access log writes method, path and status, never the query string (``%(U)s``, not the
request line ``%(r)s`` nor ``%(q)s``) and never the Referer: the first visit of a private
link carries its secret as ``?token=…``, a pasted link reaches ``/lookup/?code=…``, and a
Referer may repeat either. gunicorn's loggers also get the filter that masks tokens, e-mails,
ID numbers and phones in whatever else they write (helpdesk/logging.py). Workers, binding and
the rest stay on the command line.
"""

import logging

from helpdesk.logging import PersonalDataFilter

accesslog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'


def post_worker_init(worker):
    # After gunicorn set up its loggers in this process: a logger's filters stay when its
    # handlers are replaced (log reopening on SIGUSR1).
    for name in ("gunicorn.access", "gunicorn.error"):
        logging.getLogger(name).addFilter(PersonalDataFilter())
