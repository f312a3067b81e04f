"""A QR code of a private link, drawn on the server as inline SVG.

Both receipts that hand a citizen their private link use it: the one the intake desk prints
at the counter (helpdesk.workspace.intake_views) and the one a citizen sees after asking
online (questions.views). The link holds the secret token, so the code is drawn here and put
in the page itself: no image URL (the token would sit in an access log and a Referer), no
external QR service (a third party would receive every token), no ``data:`` image (which the
strict ``img-src`` would block) and no script.
"""

from __future__ import annotations


def qr_svg(text: str, *, title: str) -> str:
    """``text`` as a QR code: ``<svg>`` markup, safe to put in a template as it is.

    Error correction "M" (15 %) survives a creased or smudged print. A ``viewBox`` instead of a
    fixed width and height lets the page's CSS size it (a phone screen, 5 cm on paper) without
    blurring: it stays vector. ``title`` is escaped by segno.
    """
    import segno  # only where a code is drawn: not in every process that imports the views

    return segno.make(text, error="m").svg_inline(
        scale=4, border=2, dark="#000", light="#fff", title=title, omitsize=True
    )
