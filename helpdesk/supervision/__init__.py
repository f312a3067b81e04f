"""Supervision: timeliness dashboard, fair ranking, exports, reports API, transparency page."""
