"""``manage.py seed_demo``: load the demo province, its staff and a few hundred questions.

Idempotent: units, categories and accounts are keyed by their codes and usernames, questions by
the idempotency key ``demo:<n>``, so running it again changes nothing and creates no duplicates
(a larger ``--questions`` adds only the missing ones).

Every question is walked through the real services in ``questions.services`` by the staff
member whose job it is (intake routes, the unit's head assigns and approves, the officer
drafts), with timestamps that move forward in working hours, so the demo holds nothing the
product itself could not have produced: events, deadlines and the redacted public versions
included. A seeded ``random.Random`` makes the demo reproducible (apart from tracking codes and
tokens, which are secrets and always random).
"""

from __future__ import annotations

import contextlib
import logging
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test import override_settings
from django.utils.translation import gettext as _

from helpdesk import clock, demo_archive, demo_data, folding
from questions import importing, receipt, services, transitions
from questions.models import STAFF_ENTERED_CHANNELS, Question, Role, StaffProfile, Status
from routing import deadlines
from routing.models import Category, Unit

DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"
KEY_PREFIX = "demo:"

# The first questions cover every status and path, so even a small demo (--questions 20) shows
# the whole lifecycle; later ones are drawn with these weights.
FIRST_PLAN = [
    Status.PUBLISHED,
    "published_transferred",
    Status.ANSWERED,
    "in_progress_overdue",
    Status.ROUTED,
    Status.RECEIVED,
    Status.AWAITING_CITIZEN,
    Status.AWAITING_APPROVAL,
    Status.REOPENED,
    Status.REJECTED,
    Status.MERGED,
    Status.WITHDRAWN,
    "legacy",
    "legacy",
    "received_overdue",
]
WEIGHTS = {
    Status.PUBLISHED: 38,
    Status.ANSWERED: 10,
    Status.IN_PROGRESS: 10,
    Status.ROUTED: 5,
    Status.RECEIVED: 5,
    Status.AWAITING_CITIZEN: 4,
    Status.AWAITING_APPROVAL: 6,
    Status.REOPENED: 3,
    Status.REJECTED: 7,
    Status.MERGED: 4,
    Status.WITHDRAWN: 4,
}
OPEN_PLANS = {
    Status.ROUTED,
    Status.IN_PROGRESS,
    Status.AWAITING_CITIZEN,
    Status.AWAITING_APPROVAL,
}


def _rng(*parts: object) -> random.Random:
    # Reproducible demo content, one stream per purpose and question, so that question n is
    # the same whatever --questions says. Not for secrets (tracking codes use `secrets`).
    return random.Random(":".join(map(str, parts)))  # noqa: S311


def _ascii(text: str) -> str:
    return folding.fold(text).lower()


@dataclass
class Tally:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)

    def count(self, kind: str, created: bool) -> None:
        (self.created if created else self.existing)[kind] += 1


class Command(BaseCommand):
    help = (
        "Load the demo province (units with history, categories, one account per role and unit) "
        "and walk a few hundred generated questions through the real lifecycle. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--questions",
            type=int,
            default=300,
            metavar="N",
            help="How many demo questions to have (default 300; 0 for reference data only).",
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed (same seed, same demo)."
        )
        parser.add_argument(
            "--send-mail",
            action="store_true",
            help=(
                "Send the citizen e-mails and SMS through the configured backends (default: "
                "discard)."
            ),
        )
        parser.add_argument(
            "--no-train",
            dest="train",
            action="store_false",
            help="Do not train the routing model on the demo's answered questions.",
        )
        parser.add_argument(
            "--archive",
            type=int,
            default=None,
            metavar="N",
            help=(
                "Import N answered questions per demo subject as the province's earlier "
                "archive, for the router to learn from (default: 2 with 200 questions or more, "
                "else 0)."
            ),
        )

    def handle(
        self, *args, questions: int, seed: int, send_mail: bool, train: bool, **options
    ) -> None:
        if getattr(settings, "PRODUCTION", False):
            # Accounts with passwords printed in the README have no place in production.
            raise CommandError(
                _(
                    "seed_demo refuses to run with HELPDESK_PRODUCTION set: it creates accounts "
                    "whose passwords are public."
                )
            )
        questions = max(questions, 0)
        # Hundreds of receipts to invented example.com addresses are noise, not a demo.
        backend = settings.EMAIL_BACKEND if send_mail else DUMMY_MAIL
        # The demo walks every question by hand, to a planned status: a routing model left by
        # an earlier run must not route the questions meant to wait for the intake desk.
        no_autoroute = {**settings.HELPDESK, "AUTOROUTE_THRESHOLD": 2}
        # Publications are indexed in one go at the end: one rebuild is much faster than an
        # index write per question, and a new install has no index to write to yet.
        search_log = logging.getLogger("search.services")
        level = search_log.level
        search_log.setLevel(logging.ERROR)
        # The tasks run here, two lines each (running, successful): hundreds of lines the user
        # would scroll past to find the logins. Failures still show.
        tasks_log = logging.getLogger("django_tasks")
        tasks_level = tasks_log.level
        tasks_log.setLevel(logging.WARNING)
        try:
            # Its questions' tasks (mails, routing) run here as each commits, with the two
            # settings above, rather than later in the worker with the real ones (decision 0016).
            run_here = {
                alias: {**config, "OPTIONS": {**config.get("OPTIONS", {}), "RUN_ON_COMMIT": True}}
                for alias, config in settings.TASKS.items()
            }
            # Without a mail or SMS gateway, the SMS channel prints each message on standard
            # output: hundreds of receipts to invented numbers, discarded like the e-mails.
            sms = contextlib.nullcontext() if send_mail else contextlib.redirect_stdout(StringIO())
            with (
                override_settings(EMAIL_BACKEND=backend, HELPDESK=no_autoroute, TASKS=run_here),
                sms,
            ):
                seeder = Seeder(seed=seed, verbosity=options.get("verbosity", 1), out=self.stdout)
                seeder.reference_data()
                seeder.questions(questions)
                archive = options.get("archive")
                seeder.archive(2 if archive is None and questions >= 200 else archive or 0)
        finally:
            search_log.setLevel(level)
            tasks_log.setLevel(tasks_level)
        call_command("rebuild_index", no_progress=True, stdout=self.stdout, stderr=self.stderr)
        if train:
            # Learn routing from the demo's answered questions, so new questions are routed.
            call_command("train_router", stdout=self.stdout, stderr=self.stderr)
        self._report(seeder)  # last: the demo logins are what the user needs to read

    def _report(self, seeder: Seeder) -> None:
        tally, w = seeder.tally, self.stdout.write
        w(self.style.MIGRATE_HEADING(_("Demo province: %(name)s") % {"name": "tỉnh An Hòa"}))
        kinds = {
            "units": _("units"),
            "categories": _("categories"),
            "users": _("users"),
            "questions": _("questions"),
            "archive": _("earlier archive"),
        }
        for kind, label in kinds.items():
            w(
                _("  %(kind)-11s %(created)4d created, %(existing)4d already there")
                % {
                    "kind": label,
                    "created": tally.created[kind],
                    "existing": tally.existing[kind],
                }
            )
        if tally.statuses:
            w(_("Questions by status:"))
            for status in Status:
                w(f"  {status.value:<18} {tally.statuses[status.value]:4d}")
        w("")
        w(self.style.MIGRATE_HEADING(_("Demo logins")))
        rows = [(_("username"), _("role"), _("unit"), _("password"))]
        rows += [
            (username, role, unit_name, demo_data.ROLE_PASSWORDS[role])
            for username, role, unit_name in seeder.logins
        ]
        widths = [max(len(str(row[i])) for row in rows) for i in range(4)]
        for index, row in enumerate(rows):
            w("  " + "  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)))
            if index == 0:
                w("  " + "  ".join("-" * width for width in widths))
        w("")
        w(
            self.style.WARNING(
                _(
                    "These are DEMO credentials, printed for everyone to read. Never load the "
                    "demo into a production database; change or remove these accounts before "
                    "real use."
                )
            )
        )


def channel_for(draw: float) -> str:
    """The channel of a demo question for a draw in [0, 1), by demo_data.CHANNELS' shares."""
    total = sum(share for _channel, share in demo_data.CHANNELS)
    for channel, share in demo_data.CHANNELS:
        draw -= share / total
        if draw < 0:
            return channel
    return demo_data.CHANNELS[-1][0]


class WorkTime:
    """Moves time forward realistically: staff act in office hours on working days (using the
    same calendar as the deadlines), citizens at any reasonable hour."""

    DAY_START, DAY_END = 8, 17

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.calendar = deadlines.working_calendar()

    def _day_start(self, day) -> datetime:
        return datetime.combine(day, time(self.DAY_START), tzinfo=self.tz)

    def _next_working_day_start(self, day) -> datetime:
        day += timedelta(days=1)
        while not self.calendar.is_working_day(day):
            day += timedelta(days=1)
        return self._day_start(day)

    def snap(self, moment: datetime) -> datetime:
        local = moment.astimezone(self.tz)
        day = local.date()
        if not self.calendar.is_working_day(day) or local.hour >= self.DAY_END:
            return self._next_working_day_start(day)
        if local.hour < self.DAY_START:
            return self._day_start(day)
        return local

    def staff(self, after: datetime, low: float, high: float) -> datetime:
        """``after`` plus a random number of working hours between ``low`` and ``high``."""
        minutes = self.rng.uniform(low, high) * 60
        local = self.snap(after)
        while True:
            end = datetime.combine(local.date(), time(self.DAY_END), tzinfo=self.tz)
            available = (end - local).total_seconds() / 60
            if minutes <= available:
                return local + timedelta(minutes=minutes)
            minutes -= available
            local = self._next_working_day_start(local.date())

    def citizen(self, after: datetime, low: float, high: float) -> datetime:
        """``after`` plus ``low``–``high`` real hours, moved out of the night."""
        local = (after + timedelta(hours=self.rng.uniform(low, high))).astimezone(self.tz)
        if local.hour < 6 or local.hour >= 23:
            next_morning = local.date() + timedelta(days=1 if local.hour >= 23 else 0)
            local = datetime.combine(next_morning, time(6), tzinfo=self.tz) + timedelta(
                minutes=self.rng.randrange(30, 240)
            )
        return local


class Seeder:
    def __init__(self, *, seed: int, verbosity: int = 1, out=None) -> None:
        self.seed = seed
        self.verbosity = verbosity
        self.out = out
        self.tally = Tally()
        self.units: dict[str, Unit] = {}
        self.categories: dict[str, Category] = {}
        self.users: dict[str, object] = {}
        self.logins: list[tuple[str, str, str]] = []
        self._password_ok: dict[tuple[str, str], bool] = {}
        self._hashes: dict[str, str] = {}

    # --- reference data ------------------------------------------------------------------------

    @transaction.atomic
    def reference_data(self) -> None:
        self._units()
        self._categories()
        self._staff()

    def _unit(self, spec: dict, kind: str) -> Unit:
        unit, created = Unit.objects.update_or_create(
            code=spec["code"],
            defaults={
                "kind": kind,
                "name": spec["name"],
                "name_en": spec["name_en"],
                "valid_from": spec.get("valid_from", demo_data.DISTRICTS_ABOLISHED_ON),
                "valid_to": spec.get("valid_to"),
                "email": spec.get("email", ""),
            },
        )
        self.tally.count("units", created)
        self.units[unit.code] = unit
        return unit

    def _units(self) -> None:
        office = self._unit(demo_data.OFFICE, Unit.Kind.OFFICE)
        for spec in demo_data.DEPARTMENTS:
            self._unit(spec, Unit.Kind.DEPARTMENT)
        for spec in demo_data.VERTICAL_AGENCIES:
            self._unit(spec, Unit.Kind.VERTICAL)
        for spec in demo_data.COMMUNES:
            self._unit(spec, Unit.Kind.COMMUNE)
        for spec in demo_data.HISTORICAL_UNITS:
            unit = self._unit(spec, spec["kind"])
            unit.successor = self.units[spec["successor"]]
            unit.save(update_fields=["successor"])
        del office

    def _categories(self) -> None:
        for order, (code, name, name_en, unit_code, days) in enumerate(demo_data.CATEGORIES):
            category, created = Category.objects.update_or_create(
                code=code,
                defaults={
                    "name": name,
                    "name_en": name_en,
                    "default_unit": self.units[unit_code],
                    "answer_within_days": days,
                    "sort_order": (order + 1) * 10,
                    "is_active": True,
                },
            )
            self.tally.count("categories", created)
            self.categories[code] = category

    def _password_hash(self, role: str) -> str:
        # One hash per role: hashing is deliberately slow (~0.3 s), and these accounts share
        # their demo password anyway.
        if role not in self._hashes:
            self._hashes[role] = make_password(demo_data.ROLE_PASSWORDS[role])
        return self._hashes[role]

    def _has_demo_password(self, user, role: str) -> bool:
        if not user.has_usable_password() or not user.password:
            return False  # check_password would hash anyway, to hide timing: skip it
        key = (user.password, role)
        if key not in self._password_ok:
            self._password_ok[key] = check_password(demo_data.ROLE_PASSWORDS[role], user.password)
        return self._password_ok[key]

    def _account(
        self,
        username: str,
        role: str,
        unit: Unit | None,
        first_name: str,
        last_name: str,
        *,
        active: bool = True,
    ):
        User = get_user_model()
        is_admin = role == Role.ADMIN
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@anhoa.example.gov.vn",
                "is_active": active,
                "is_staff": is_admin,
                "is_superuser": is_admin,
            },
        )
        if active and not self._has_demo_password(user, role):
            user.password = self._password_hash(role)
            user.save(update_fields=["password"])
        elif not active and user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
        StaffProfile.objects.update_or_create(
            user=user,
            defaults={
                "role": role,
                "unit": unit,
                "display_name_en": demo_data.staff_name_en(
                    username, unit.name_en if unit else "", historical=not active
                ),
            },
        )
        self.tally.count("users", created)
        self.users[username] = user
        if active:
            self.logins.append((username, role, unit.name if unit else "—"))
        return user

    def _staff(self) -> None:
        for username, role, unit_code, first, last in demo_data.PROVINCE_STAFF:
            self._account(username, role, self.units.get(unit_code), first, last)
        for spec in (*demo_data.DEPARTMENTS, *demo_data.VERTICAL_AGENCIES, *demo_data.COMMUNES):
            unit = self.units[spec["code"]]
            self._account(f"head.{spec['short']}", Role.HEAD, unit, "Lãnh đạo", unit.name)
            self._account(f"officer.{spec['short']}", Role.OFFICER, unit, "Chuyên viên", unit.name)
        # Staff of the merged departments: kept (inactive) because old questions name them.
        for spec in demo_data.HISTORICAL_UNITS:
            if "short" in spec:
                unit = self.units[spec["code"]]
                for prefix, role in (("head", Role.HEAD), ("officer", Role.OFFICER)):
                    self._account(
                        f"{prefix}.{spec['short']}", role, unit, "Cán bộ", unit.name, active=False
                    )

    def head(self, unit: Unit):
        return self.users[f"head.{self._short(unit)}"]

    def officer(self, unit: Unit):
        return self.users[f"officer.{self._short(unit)}"]

    def _short(self, unit: Unit) -> str:
        for spec in (
            *demo_data.DEPARTMENTS,
            *demo_data.VERTICAL_AGENCIES,
            *demo_data.COMMUNES,
            *demo_data.HISTORICAL_UNITS,
        ):
            if spec["code"] == unit.code:
                return spec["short"]
        raise KeyError(unit.code)

    # --- questions -------------------------------------------------------------------------------

    def archive(self, per_subject: int) -> None:
        """The province's earlier answered questions, imported as a real province would
        (helpdesk/demo_archive.py): history for the router, unpublished."""
        if per_subject <= 0:
            return
        tz = ZoneInfo(settings.TIME_ZONE)
        lines = demo_archive.archive_lines(
            seed=self.seed, per_subject=per_subject, now=clock.now(), tz=tz
        )
        report = importing.import_questions(enumerate(lines, start=1))
        self.tally.created["archive"] += report.imported
        self.tally.existing["archive"] += report.skipped
        if report.rejected:  # the demo's own data: a rejected line is a bug in it
            line, reason = report.rejected[0]
            raise CommandError(f"demo archive, line {line}: {reason}")

    def plan(self, n: int) -> str:
        if n <= len(FIRST_PLAN):
            return FIRST_PLAN[n - 1]
        rng = _rng(self.seed, "plan", n)
        statuses, weights = zip(*WEIGHTS.items(), strict=True)
        status = rng.choices(statuses, weights)[0]
        if status in OPEN_PLANS and rng.random() < 0.3:
            return f"{status}_overdue"
        return status

    def subject_index(self, n: int) -> int:
        """Question ``n``'s subject. Published ones take the subjects in a shuffled order, one
        each, so no title appears twice in the archive while subjects last; the others draw at
        random, as citizens ask again what others asked."""
        count = len(demo_data.SUBJECTS)
        if not hasattr(self, "_subjects"):
            self._subjects: list[int] = []
            self._subject_order = list(range(count))
            self._subjects_published = 0
            _rng(self.seed, "subject-order").shuffle(self._subject_order)
        while len(self._subjects) < n:
            m = len(self._subjects) + 1
            if self.plan(m).removesuffix("_transferred") == Status.PUBLISHED:
                index = self._subject_order[self._subjects_published % count]
                self._subjects_published += 1
            else:
                index = _rng(self.seed, "subject", m).randrange(count)
            self._subjects.append(index)
        return self._subjects[n - 1]

    def questions(self, count: int) -> None:
        existing = set(
            Question.objects.filter(idempotency_key__startswith=KEY_PREFIX).values_list(
                "idempotency_key", flat=True
            )
        )
        self.now = clock.now()
        legacy_seen = 0
        for n in range(1, count + 1):
            plan = self.plan(n)
            if plan == "legacy":
                legacy_seen += 1
            key = f"{KEY_PREFIX}{n}"
            if key in existing:
                self.tally.count("questions", False)
            else:
                with transaction.atomic():
                    walker = QuestionWalker(self, n, plan, legacy_index=legacy_seen - 1)
                    walker.run(key)
                self.tally.count("questions", True)
        self.tally.statuses.update(
            Question.objects.filter(idempotency_key__startswith=KEY_PREFIX).values_list(
                "status", flat=True
            )
        )


class QuestionWalker:
    """Generates question ``n`` and walks it through the services to its planned status."""

    def __init__(self, seeder: Seeder, n: int, plan: str, *, legacy_index: int = 0) -> None:
        self.s = seeder
        self.n = n
        self.plan = plan
        self.overdue = plan.endswith("_overdue")
        self.status = plan.removesuffix("_overdue").removesuffix("_transferred")
        self.transferred = plan.endswith("_transferred")
        self.legacy_index = legacy_index
        self.rng = _rng(seeder.seed, "question", n)
        self.time = WorkTime(self.rng)
        self.intake = seeder.users[self.rng.choice(["intake", "intake", "intake2"])]

    # --- the asker and the text ------------------------------------------------------------------

    def _asker(self) -> dict[str, str]:
        rng = self.rng
        female = rng.random() < 0.5
        family = rng.choice(demo_data.FAMILY_NAMES)
        middle = rng.choice(demo_data.MIDDLE_FEMALE if female else demo_data.MIDDLE_MALE)
        given = rng.choice(demo_data.GIVEN_FEMALE if female else demo_data.GIVEN_MALE)
        name = f"{family} {middle} {given}"
        contact = rng.random()
        email = phone = ""
        if contact < 0.9:
            local = f"{_ascii(given)}.{_ascii(family)}{rng.randrange(10, 99)}"
            email = f"{local}@{rng.choice(demo_data.EMAIL_DOMAINS)}"
        if contact < 0.7 or contact >= 0.9:
            phone = rng.choice(demo_data.PHONE_PREFIXES) + f"{rng.randrange(10**7):07d}"
        return {"name": name, "email": email, "phone": phone}

    def _fill(self, template: str, values: dict[str, str]) -> str:
        return template.format_map(values)

    def _values(self, asker: dict[str, str], commune: dict | None) -> dict[str, str]:
        rng = self.rng
        phone = asker["phone"]
        return {
            "name": asker["name"],
            "email": asker["email"],
            "phone_spaced": f"{phone[:4]} {phone[4:7]} {phone[7:]}" if phone else "",
            "place": commune["in_text"] if commune else "",
            "province": demo_data.PROVINCE_NAME,
            "year": str(rng.randrange(1995, 2016)),
            "years": str(rng.randrange(3, 16)),
            "last_year": str(self.s.now.year - 1),
            "grade": str(rng.randrange(1, 6)),
            "area": str(rng.choice([60, 80, 95, 120, 150, 200, 240, 300, 450, 600])),
            "parcel": str(rng.randrange(12, 480)),
            "sheet": str(rng.randrange(2, 40)),
        }

    def _compose(self, subject: dict, asker: dict, commune: dict | None) -> tuple[str, str]:
        rng = self.rng
        values = self._values(asker, commune)
        ask = rng.choice(subject["asks"])
        openers = [o for o in demo_data.OPENERS if commune or "{place}" not in o]
        closers = [
            c
            for c in demo_data.CLOSERS
            if (asker["phone"] or "{phone_spaced}" not in c)
            and (asker["email"] or "{email}" not in c)
        ]
        parts = [rng.choice(openers), ask, rng.choice(closers)]
        body = " ".join(self._fill(p, values) for p in parts if p)
        return self._fill(rng.choice(subject["titles"]), values), body

    # --- running ---------------------------------------------------------------------------------

    def run(self, key: str) -> Question:
        if self.status == "legacy":
            return self._legacy(key)
        if self.status == Status.REJECTED:
            return self._rejected(key)
        if self.status == Status.MERGED:
            return self._merged(key)
        return self._normal(key)

    def _submit(self, key, *, title, body, asker, at, category=None, commune=None, consent=None):
        rng = self.rng
        question, _created = receipt.question_submit(
            title=title,
            body=body,
            name=asker["name"],
            email=asker["email"],
            phone=asker["phone"],
            category=category,
            commune=commune,
            publish_consent=rng.random() < 0.75 if consent is None else consent,
            source=(source := self._channel(rng.random(), at)),
            idempotency_key=key,
            at=at,
            # A question typed in at the desk (counter, phone, post) names who entered it.
            entered_by=self.intake if source in STAFF_ENTERED_CHANNELS else None,
        )
        return question

    def _channel(self, draw: float, at: datetime) -> str:
        """The channel of a question for a draw in [0, 1), by demo_data.CHANNELS' shares; the
        desk takes calls and visits in office hours only (outside them: the web form)."""
        channel = channel_for(draw)
        if channel in STAFF_ENTERED_CHANNELS and self.time.snap(at) != at:
            return "web"
        return channel

    def _received_at(self, days_ago_low: float, days_ago_high: float) -> datetime:
        local = (
            self.s.now - timedelta(days=self.rng.uniform(days_ago_low, days_ago_high))
        ).astimezone(self.time.tz)
        moment = datetime.combine(
            local.date(), time(self.rng.randrange(6, 23)), tzinfo=self.time.tz
        )
        moment += timedelta(minutes=self.rng.randrange(60))
        # Today's questions arrived earlier today, not later.
        latest = self.s.now - timedelta(minutes=self.rng.randrange(10, 300))
        return min(moment, latest)

    def _ages(self) -> tuple[float, float]:
        if self.status == Status.RECEIVED:
            return (5, 9) if self.overdue else (0, 1.5)
        if self.overdue:
            return (30, 70)
        if self.status in OPEN_PLANS:
            return (2, 14)
        if self.status == Status.REOPENED:
            return (10, 60)
        return (4, 180)

    def _normal(self, key: str) -> Question:
        rng = self.rng
        subject = demo_data.SUBJECTS[self.s.subject_index(self.n)]
        needs_place = any("{place}" in a for a in subject["asks"])
        commune = rng.choice(demo_data.COMMUNES) if needs_place or rng.random() < 0.6 else None
        category = self.s.categories[subject["category"]]
        target = self._target_unit(subject, commune, category)
        first_unit, transfer_note = target, ""
        wants_transfer = self.transferred or (
            self.status not in (Status.RECEIVED, Status.ROUTED, Status.WITHDRAWN)
            and rng.random() < 0.12
        )
        if wants_transfer and subject.get("misrouted"):
            code, transfer_note = subject["misrouted"]
            first_unit = self.s.units[code]
        elif wants_transfer and target.kind == Unit.Kind.COMMUNE:
            first_unit = category.default_unit
            transfer_note = (
                f"Nội dung thuộc thẩm quyền giải quyết của {target.name}; chuyển để trả lời "
                "theo thẩm quyền."
            )
        asker = self._asker()
        title, body = self._compose(subject, asker, commune)
        consent = True if self.status == Status.PUBLISHED else rng.random() < 0.75
        steps = self._steps(first_unit, target, transfer_note, consent=consent)
        # Place the question in time so that its last step has already happened.
        received = self._received_at(*self._ages())
        for _attempt in range(6):
            times = self._schedule(received, steps)
            if not times or times[-1] < self.s.now - timedelta(minutes=10):
                break
            received -= (times[-1] - self.s.now) + timedelta(days=1)
        question = self._submit(
            key,
            title=title,
            body=body,
            asker=asker,
            at=received,
            category=category,
            commune=self.s.units[commune["code"]] if commune else None,
            consent=consent,
        )
        answer = self._answer_text(subject, target)
        for (action, *args), at in zip(steps, times, strict=False):
            question = self._do(question, action, args, at, answer=answer, refs=subject["refs"])
        if question.status == Status.PUBLISHED:
            Question.objects.filter(pk=question.pk).update(view_count=rng.randrange(5, 900))
        return question

    def _target_unit(self, subject: dict, commune: dict | None, category: Category) -> Unit:
        if subject.get("unit"):
            return self.s.units[subject["unit"]]
        if subject.get("commune_level") and commune:
            return self.s.units[commune["code"]]
        return category.default_unit

    def _steps(
        self, first_unit: Unit, target: Unit, transfer_note: str, *, consent: bool
    ) -> list[tuple]:
        """The planned moves, each ``(action, unit or text…)``."""
        rng, status = self.rng, self.status
        if status == Status.RECEIVED:
            return []
        if status == Status.WITHDRAWN and rng.random() < 0.5:
            return [("withdraw",)]
        steps: list[tuple] = [("route", first_unit)]
        if first_unit != target:
            if status == Status.ROUTED:
                return steps
            steps += [("transfer", first_unit, target, transfer_note)]
        if status in (Status.ROUTED, Status.WITHDRAWN):
            return steps + ([("withdraw",)] if status == Status.WITHDRAWN else [])
        steps += [("assign", target)]
        if status == Status.IN_PROGRESS:
            return steps + ([("draft", target)] if rng.random() < 0.5 else [])
        clarify = status == Status.AWAITING_CITIZEN or rng.random() < 0.12
        if clarify:
            steps += [("request_clarification", target)]
            if status == Status.AWAITING_CITIZEN:
                return steps
            steps += [("citizen_reply",)]
        steps += [("draft", target), ("submit", target)]
        if rng.random() < 0.15:
            steps += [("return", target), ("draft", target), ("submit", target)]
        if status == Status.AWAITING_APPROVAL:
            return steps
        steps += [("approve", target)]
        # "answered" ones are those without consent or still waiting for the editors.
        if status == Status.PUBLISHED or (status == Status.REOPENED and consent):
            steps += [("publish",)]
        if status == Status.REOPENED:
            if rng.random() < 0.5:
                steps += [("rate", 2)]
            return [*steps, ("reopen",)]
        if rng.random() < 0.45:
            score = rng.choices([5, 4, 3, 2], [45, 30, 15, 10])[0]
            steps += [("rate", score)]
        return steps

    # Working hours each move takes after the previous one (citizen moves: real hours).
    GAPS = {
        "route": (0.5, 12),
        "transfer": (2, 20),
        "assign": (0.5, 10),
        "request_clarification": (2, 20),
        "citizen_reply": (5, 72),
        "draft": (4, 40),
        "submit": (0.2, 6),
        "return": (2, 16),
        "approve": (1, 20),
        "publish": (2, 24),
        "rate": (2, 200),
        "reopen": (24, 400),
        "withdraw": (10, 150),
    }

    def _schedule(self, received: datetime, steps: list[tuple]) -> list[datetime]:
        times, moment = [], received
        slow = self.overdue or self.rng.random() < 0.12
        for action, *_args in steps:
            low, high = self.GAPS[action]
            if action == "draft" and slow:
                low, high = 60, 130  # answered late: 8–16 working days of drafting
            if self.overdue and action in ("route", "assign"):
                high *= 2
            if transitions.CATALOGUE[action].by_citizen:
                moment = self.time.citizen(moment, low, high)
            else:
                moment = self.time.staff(moment, low, high)
            times.append(moment)
        return times

    def _answer_text(self, subject: dict, unit: Unit) -> str:
        values = {"unit": unit.name}
        opener = self.rng.choice(demo_data.ANSWER_OPENERS).format_map(values)
        closer = self.rng.choice(demo_data.ANSWER_CLOSERS).format_map(values)
        return f"{opener}\n\n{subject['answer']}\n\n{closer}"

    def _do(self, question: Question, action: str, args: list, at: datetime, *, answer, refs):
        """Make the planned move ``action`` (a catalogue name) by the person whose move it is."""
        rng, s = self.rng, self.s
        actor, data = None, {}  # no actor: the citizen's move
        if action == "route":
            actor, data = self.intake, {"unit": args[0]}
        elif action == "transfer":
            from_unit, to_unit, note = args
            actor, data = s.head(from_unit), {"to_unit": to_unit, "reason": note}
        elif action == "assign":
            actor, data = s.head(args[0]), {"officer": s.officer(args[0])}
        elif action == "request_clarification":
            message = rng.choice(demo_data.CLARIFICATION_REQUESTS)
            actor, data = s.officer(args[0]), {"message": message}
        elif action == "citizen_reply":
            data = {"message": rng.choice(demo_data.CITIZEN_REPLIES)}
        elif action == "draft":
            actor, data = s.officer(args[0]), {"body": answer, "legal_references": refs}
        elif action == "submit":
            actor = s.officer(args[0])
        elif action == "return":
            actor, data = s.head(args[0]), {"reason": rng.choice(demo_data.RETURN_REASONS)}
        elif action == "approve":
            actor = s.head(args[0])
        elif action == "publish":
            if not question.publish_consent:
                return question
            actor, data = self.intake, services.proposed_public_version(question)
        elif action == "rate":
            score = args[0]
            data = {"score": score, "comment": rng.choice(demo_data.RATING_COMMENTS[score])}
        elif action == "reopen":
            data = {"reason": rng.choice(demo_data.REOPEN_REASONS)}
        elif action == "withdraw":
            data = {"reason": rng.choice(demo_data.WITHDRAW_REASONS)}
        else:
            raise ValueError(action)
        done = services.perform(action, question=question, actor=actor, at=at, data=data)
        return done if isinstance(done, Question) else question  # a draft returns its answer

    # --- special paths ---------------------------------------------------------------------------

    def _rejected(self, key: str) -> Question:
        rng = self.rng
        index = 0 if self.n <= len(FIRST_PLAN) else rng.randrange(len(demo_data.REJECTED))
        item = demo_data.REJECTED[index]
        commune = rng.choice(demo_data.COMMUNES)
        asker = self._asker()
        values = self._values(asker, commune)
        received = self._received_at(3, 150)
        rejected_at = self.time.staff(received, 0.5, 12)
        if rejected_at > self.s.now:
            received -= timedelta(days=3)
            rejected_at = self.time.staff(received, 0.5, 12)
        question = self._submit(
            key,
            title=item["title"],
            body=self._fill(item["body"], values),
            asker=asker,
            at=received,
            commune=self.s.units[commune["code"]],
            consent=False,
        )
        return services.question_reject(
            question=question, reason=item["reason"], actor=self.intake, at=rejected_at
        )

    def _merged(self, key: str) -> Question:
        """A second citizen asks what another already asked: merged into the earlier one."""
        rng, s = self.rng, self.s
        candidates = [
            k
            for k in range(1, self.n)
            if s.plan(k) not in ("legacy", Status.REJECTED, Status.MERGED, Status.WITHDRAWN)
        ]
        target_n = rng.choice(candidates) if candidates else None
        target = (
            Question.objects.get(idempotency_key=f"{KEY_PREFIX}{target_n}") if target_n else None
        )
        if target is None:
            self.status = Status.RECEIVED
            return self._normal(key)
        subject = demo_data.SUBJECTS[s.subject_index(target_n)]
        commune = next(
            (c for c in demo_data.COMMUNES if target.commune and c["code"] == target.commune.code),
            rng.choice(demo_data.COMMUNES),
        )
        asker = self._asker()
        title, body = self._compose(subject, asker, commune)
        received = self.time.citizen(target.received_at, 24, 24 * 12)
        merged_at = self.time.staff(received, 0.5, 10)
        if merged_at > s.now:
            received = self.time.citizen(target.received_at, 1, 3)
            merged_at = min(self.time.staff(received, 0.2, 2), s.now - timedelta(minutes=5))
            received = min(received, merged_at - timedelta(minutes=5))
        question = self._submit(
            key,
            title=title,
            body=body,
            asker=asker,
            at=received,
            category=target.category,
            commune=s.units[commune["code"]],
        )
        return services.question_merge(
            question=question, into=target, actor=self.intake, at=merged_at
        )

    def _legacy(self, key: str) -> Question:
        """An answer from before the March 2025 merger, by a unit that no longer exists."""
        s = self.s
        item = demo_data.LEGACY[self.legacy_index % len(demo_data.LEGACY)]
        unit = s.units[item["unit"]]
        received = datetime.combine(item["received"], time(9, 15), tzinfo=self.time.tz)
        asker = self._asker()
        question = self._submit(
            key,
            title=item["title"],
            body=item["body"],
            asker=asker,
            at=received,
            category=s.categories[item["category"]],
            consent=True,
        )
        answer = item["answer"]
        steps = [
            ("route", unit),
            ("assign", unit),
            ("draft", unit),
            ("submit", unit),
            ("approve", unit),
            ("publish",),
        ]
        # Its staff have left (their accounts are inactive); they were active back then.
        former = [s.head(unit), s.officer(unit)]
        self._set_active(former, True)
        for (action, *args), at in zip(steps, self._schedule(received, steps), strict=True):
            question = self._do(question, action, args, at, answer=answer, refs=item["refs"])
        self._set_active(former, False)
        return question

    @staticmethod
    def _set_active(users: list, active: bool) -> None:
        for user in users:
            user.is_active = active
            user.save(update_fields=["is_active"])
