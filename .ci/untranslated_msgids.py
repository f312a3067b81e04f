"""List the msgids of a reference catalogue that a Vietnamese user would see untranslated.

Usage: untranslated_msgids.py REFERENCE.po — REFERENCE is what makemessages extracts from the
code. A msgid counts as translated when our catalogue (locale/vi, compiled fresh from the .po,
so a stale .mo cannot hide a gap) has it, or when Django or an installed app translates it at
run time (the admin's login template reuses the admin's own strings, for example).
Prints one msgid a line and exits 1 when there is any.
"""

from __future__ import annotations

import gettext
import io
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = "\x04"


def compiled(po: str, *, fill: bool = False) -> dict:
    """The catalogue of ``po`` as Python's gettext reads it; ``fill``: msgstr = msgid first, so
    that the untranslated entries of a freshly extracted catalogue are kept."""
    text = Path(po).read_bytes()
    # The gettext tools from PATH, as Django's compilemessages runs them (S607).
    if fill:
        text = subprocess.run(["msgen", "-"], input=text, capture_output=True, check=True).stdout  # noqa: S607
    mo = subprocess.run(["msgfmt", "-o", "-", "-"], input=text, capture_output=True, check=True)  # noqa: S607
    return gettext.GNUTranslations(io.BytesIO(mo.stdout))._catalog


def main(reference: str) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpdesk.settings")
    import django

    django.setup()
    from django.utils import translation

    ours = compiled(str(ROOT / "locale/vi/LC_MESSAGES/django.po"))
    missing = []
    with translation.override("vi"):
        for key in compiled(reference, fill=True):
            msgid = key[0] if isinstance(key, tuple) else key
            if not msgid or (isinstance(key, tuple) and key[1] != 0) or key in ours:
                continue
            context, _, text = msgid.rpartition(CONTEXT)
            if isinstance(key, tuple):
                shown = (
                    translation.npgettext(context, text, text, 1)
                    if context
                    else (translation.ngettext(text, text, 1))
                )
            else:
                shown = (
                    translation.pgettext(context, text) if context else translation.gettext(text)
                )
            if shown == text:
                missing.append(msgid.replace(CONTEXT, " | "))
    for msgid in sorted(missing):
        print(f"  {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
