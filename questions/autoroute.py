"""Automatic routing of a new question, right after its receipt is stored (DESIGN §4).

Placeholder until the routing rules and the learned classifier exist: every question waits for
the intake desk.
"""


def route_new_question(question_id: int) -> None:
    return None
