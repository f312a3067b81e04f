"""The filter that masks identifiers in every log line (helpdesk/logging.py): what it masks,
what it leaves alone, and that it costs microseconds. No database, no Django."""

from __future__ import annotations

import pytest

from helpdesk.logging import mask


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        ("GET /track/X/?token=Yq3k HTTP/1.1", "GET /track/X/?token=[token] HTTP/1.1"),
        ("?code=h%2Ftrack%2F%3Ftoken%3DYq3k&a=1", "?code=h%2Ftrack%2F%3Ftoken%3D[token]&a=1"),
        ("to le.van.hoi@example.com.", "to [email]."),
        ("to le.van.hoi%40example.com", "to [email]"),
        ("CCCD 001203004567, CMND 123456789", "CCCD [id], CMND [id]"),
        ("call 0912 345 678 or 0912.345.678", "call [phone] or [phone]"),
        ("call +84 912 345 678 or 0084912345678", "call [phone] or [phone]"),
        ("landline 024 3825 1234", "landline [phone]"),
        (
            "3ef3c583666041d5a4a0b581001af666.pdf for CCCD 001203004567",
            "3ef3c583666041d5a4a0b581001af666.pdf for CCCD [id]",
        ),
    ],
)  # fmt: skip
def test_the_filter_masks_each_kind_of_identifier(line, masked):
    assert mask(line) == masked


@pytest.mark.parametrize(
    "line",
    [
        "[2026-12-07 03:17:48 +0700] [20163] [INFO] Worker exiting (pid: 20163)",
        '127.0.0.1:52344 - "GET /archive/?q=thue+dat&page=2 HTTP/1.1" 200',
        "took 0.0123456789 s, wrote 1234567890 bytes, version 1.123456789",
        "Hotline 1900 1234, fee 150.000.000 đồng",
        # An attachment's random file name (uuid4 hex) with a run of nine digits in it.
        "could not be deleted: questions/HD-2026-X/3ef3c583666041d5a4a0b581001af666.pdf",
    ],
)
def test_the_filter_leaves_times_addresses_sizes_and_amounts_alone(line):
    assert mask(line) == line
