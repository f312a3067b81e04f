"""Automatic routing reuses the rules and units it read while their stored stamp is unchanged,
and sees a change made in any process on its very next call (docs/decisions/0016)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction

from helpdesk import clock
from routing import services
from routing.models import OrganisationVersion, RoutingRule
from tests.factories import make_unit
from tests.routing import routing_support

models_dir = routing_support.models_dir  # no model: rules decide alone
TEXT = "Xin hỏi thủ tục cấp sổ đỏ cho thửa đất thừa kế cần những giấy tờ gì?"

pytestmark = pytest.mark.django_db


def route():
    return services.decide_unit(title="", body=TEXT, category_id=None, commune_id=None)


def in_another_process(change):
    """Run ``change`` as another process would: this process's snapshot is not told of it."""
    kept = services._organisation
    change()
    services._organisation = kept


@pytest.fixture
def rule(models_dir, land):
    return RoutingRule.objects.create(order=1, name="Sổ đỏ", keywords="so do", unit=land)


def test_routing_reads_the_rules_again_only_when_the_stamp_changed(rule, django_assert_num_queries):
    route()
    with django_assert_num_queries(1):  # the stamp alone
        assert route().rule == rule


def test_a_rule_switched_off_in_another_process_no_longer_routes_the_next_question(rule):
    assert route().rule == rule

    def switch_off():
        rule.is_active = False
        rule.save()

    in_another_process(switch_off)

    assert route().rule is None


def test_a_rule_added_in_another_process_routes_the_next_question(models_dir, land, tax):
    assert route().rule is None

    added = []
    in_another_process(
        lambda: added.append(
            RoutingRule.objects.create(order=1, name="Sổ đỏ", keywords="so do", unit=tax)
        )
    )

    result = route()
    assert result.rule == added[0]
    assert result.suggestions[0].unit == tax


def test_a_unit_closed_in_another_process_is_not_routed_to_by_the_next_question(rule, land):
    assert route().suggestions[0].unit == land

    def close():
        land.valid_to = clock.today() - timedelta(days=1)
        land.save()

    in_another_process(close)

    assert route().rule is None  # its unit closed without a successor: the rule cannot apply


def test_a_change_rolled_back_after_routing_read_it_is_not_kept(rule):
    route()
    with pytest.raises(RuntimeError), transaction.atomic():
        rule.is_active = False
        rule.save()
        assert route().rule is None  # read inside the change's own transaction
        raise RuntimeError

    assert route().rule == rule


def test_the_stamp_read_is_the_stored_row(rule):
    make_unit("so-moi", name="Sở mới")  # a change: a new stamp

    assert services._stored_stamp() == OrganisationVersion.objects.get().stamp


def test_without_its_row_routing_reads_the_tables_every_time(rule, django_assert_num_queries):
    OrganisationVersion.objects.all().delete()
    route()
    with django_assert_num_queries(3):  # the missing stamp, the rules, the units
        assert route().rule == rule
