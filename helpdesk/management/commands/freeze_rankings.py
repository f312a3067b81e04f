"""``manage.py freeze_rankings PERIOD``: freeze the ranking of a month (or quarter, or year).

    python manage.py freeze_rankings 2026-10            # after 31 October
    python manage.py freeze_rankings 2026-10 --replace  # correct a frozen month, on purpose
    python manage.py freeze_rankings 2026-11 --force    # a month not yet over (a test run)

The published rank of a month must not move when a late answer arrives in the next one, so the
figures, the weights and the minimum volume of the day are stored (helpdesk.models.
RankingSnapshot) and the pages show the snapshot instead of live figures. A period that has not
ended is refused unless ``--force``; a period already frozen is refused unless ``--replace``.
Run it from cron on the first days of each month, e.g. ``freeze_rankings $(date -d "last
month" +%Y-%m)``. Prints the ranking it froze.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from helpdesk import clock
from helpdesk.models import RankingSnapshot
from helpdesk.periods import PeriodError, parse_period
from helpdesk.supervision import selectors


class Command(BaseCommand):
    help = "Freeze the ranking of units for a period (2026-10, 2026-Q4 or 2026)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("period", help="2026-10 (a month), 2026-Q4 (a quarter) or 2026.")
        parser.add_argument(
            "--force", action="store_true", help="Freeze a period that has not ended yet."
        )
        parser.add_argument(
            "--replace", action="store_true", help="Replace the snapshot of a frozen period."
        )

    def handle(self, *args, period: str, force: bool, replace: bool, **options) -> None:
        try:
            period = parse_period(period)
        except PeriodError as error:
            raise CommandError(str(error)) from None
        if period.kind == "range":
            raise CommandError(_("Only a month, a quarter or a year can be frozen."))
        today = clock.today()
        if period.end >= today and not force:
            raise CommandError(
                _("%(period)s has not ended yet (it ends on %(end)s); use --force to freeze it.")
                % {"period": period.key, "end": period.end.isoformat()}
            )
        with transaction.atomic():
            # Locked so that two freezes of the same period (cron and a person) cannot both
            # pass the "already frozen" check; the unique constraint is the last guard.
            existing = RankingSnapshot.objects.select_for_update().filter(period=period.key).first()
            if existing is not None and not replace:
                raise CommandError(
                    _("%(period)s was frozen on %(when)s; use --replace to freeze it again.")
                    % {"period": period.key, "when": existing.frozen_at.isoformat()}
                )
            ranking = selectors.live_ranking(period, today=today)
            w = ranking.weights
            values = {
                "start": period.start,
                "end": period.end,
                "frozen_at": clock.now(),
                "weights": {"timely": w.timely, "satisfaction": w.satisfaction, "volume": w.volume},
                "min_volume": ranking.min_volume,
                "rows": [row.as_json() for row in ranking.rows],
            }
            if existing is not None:
                RankingSnapshot.objects.filter(pk=existing.pk).update(**values)
            else:
                RankingSnapshot.objects.create(period=period.key, **values)
        self._print(ranking, replaced=existing is not None)

    def _print(self, ranking: selectors.Ranking, *, replaced: bool) -> None:
        verb = _("Replaced") if replaced else _("Froze")
        self.stdout.write(
            _("%(verb)s the ranking of %(period)s: %(ranked)d ranked, %(unranked)d below %(min)d.")
            % {
                "verb": verb,
                "period": ranking.period.key,
                "ranked": len(ranking.ranked),
                "unranked": len(ranking.unranked),
                "min": ranking.min_volume,
            }
        )
        for row in ranking.rows:
            place = f"{row.rank}/{row.rank_of}" if row.rank is not None else "-"
            rate = f"{row.timely_rate * 100:5.1f} %" if row.timely_rate is not None else "    -  "
            self.stdout.write(
                f"{place:>7}  {row.score:6.3f}  {rate}  {row.timely:>5}/{row.decided:<5}  "
                f"{row.unit_code:<20} {row.name}"
            )
