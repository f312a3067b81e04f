"""Officially announced day swaps and extra days off, 2025-2026 (docs/design.md#legal-facts).

Each year the Prime Minister decides the five days of Tết and the second National Day day
(Labour Code 2019 Art. 112(3)) and may swap a weekday next to a holiday for a Saturday
("hoán đổi ngày làm việc", the Saturday being "làm bù") for the civil service. The ministry in
charge announces it: the Bộ Lao động - Thương binh và Xã hội up to the 2025 notice, the Bộ Nội vụ
since it took over that ministry's labour remit in March 2025.

The PyPI package ``holidays`` (VN) carries some of these and lags others, so the records here are
*overrides*: they win over the package (``routing.calendar.WorkingCalendar``). The lead loads
them into an admin-editable table; keep this module plain data with no Django imports.

Only what could be established is listed. Confidence and the way each fact was checked are in
the comment above each pair; none of the primary PDFs was read directly (see
docs/decisions/0002-working-day-calendar.md). Days the package already gets right and that no
announcement changed (Tết 2025 27-31/1, Tết 2026 16-20/2, Hùng Kings 2026 made up on Mon 27/4,
Quốc khánh 2025 on Mon 1/9 + Tue 2/9 with no swap, 30/4-1/5/2026 with no swap) are not repeated
here; the tests pin them against the package so a package upgrade that changes them fails loudly.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, NamedTuple

OverrideKind = Literal["off", "working"]

OFF: OverrideKind = "off"
WORKING: OverrideKind = "working"


class AnnouncedDay(NamedTuple):
    """One dated override: ``kind`` "off" makes the day a day off, "working" a working day."""

    day: date
    kind: OverrideKind
    note: str  # Vietnamese, shown to citizens in "how your deadline was computed"
    source: str  # the announcing document, as precisely as it could be established


ANNOUNCED_DAYS: tuple[AnnouncedDay, ...] = (
    # --- 2025 -------------------------------------------------------------------------------
    # 30/4-1/5/2025: Friday 2 May off, swapped for Saturday 26 April (5 days off, 30/4-4/5).
    # Confidence: high. The notice is numbered 6150/TB-BLĐTBXH (issued by the labour ministry,
    # not the Bộ Nội vụ, in late 2024; 3 December 2024 per secondary sources — the date is not
    # checked against the original). holidays 0.109 carries the same swap.
    AnnouncedDay(
        date(2025, 4, 26),
        WORKING,
        "Làm bù cho thứ Sáu 02/5/2025 (hoán đổi ngày làm việc dịp 30/4 - 1/5)",
        "Thông báo 6150/TB-BLĐTBXH (2024)",
    ),
    AnnouncedDay(
        date(2025, 5, 2),
        OFF,
        "Nghỉ hoán đổi dịp 30/4 - 1/5 (làm bù thứ Bảy 26/4/2025)",
        "Thông báo 6150/TB-BLĐTBXH (2024)",
    ),
    # Quốc khánh 2025: Mon 1/9 + Tue 2/9 are the two statutory days (same notice), no swap —
    # nothing to override. Tết 2025: Mon 27 - Fri 31 January, no swap.
    # --- 2026 -------------------------------------------------------------------------------
    # Tết Dương lịch 2026: Friday 2 January off, swapped for Saturday 10 January (NOT Saturday
    # 27 December 2025), 4 days off 1-4/1/2026.
    # Confidence: high. The Deputy Prime Minister approved the Bộ Nội vụ's proposal by Công văn
    # 12729/VPCP-KGVX of 25/12/2025 (reported by baohiemxahoi.gov.vn and the national press);
    # the Bộ Nội vụ announced it the same day (its own document number was not established).
    # holidays 0.109 does not carry this swap at all.
    AnnouncedDay(
        date(2026, 1, 2),
        OFF,
        "Nghỉ Tết Dương lịch, hoán đổi sang thứ Bảy 10/01/2026",
        "Công văn 12729/VPCP-KGVX ngày 25/12/2025; thông báo của Bộ Nội vụ cùng ngày",
    ),
    AnnouncedDay(
        date(2026, 1, 10),
        WORKING,
        "Làm bù cho thứ Sáu 02/01/2026 (hoán đổi ngày làm việc dịp Tết Dương lịch)",
        "Công văn 12729/VPCP-KGVX ngày 25/12/2025; thông báo của Bộ Nội vụ cùng ngày",
    ),
    # Quốc khánh 2026 (2/9 is a Wednesday): the statutory days are Tue 1/9 + Wed 2/9, and
    # Monday 31 August is swapped for Saturday 22 August, 5 days off 29/8-2/9/2026. There is
    # no Friday-4/9 swap.
    # Confidence: medium-high. Two independent secondary sources agree (holidays 0.109, citing
    # a thuvienphapluat.vn summary; a third-party holiday table citing Thông báo 9441/TB-BNV,
    # the Bộ Nội vụ's 2026 Tết/Quốc khánh notice). The notice number and its issue date (late
    # 2025) were not checked against the original.
    AnnouncedDay(
        date(2026, 8, 22),
        WORKING,
        "Làm bù cho thứ Hai 31/8/2026 (hoán đổi ngày làm việc dịp Quốc khánh 2/9)",
        "Thông báo 9441/TB-BNV (2025) — số hiệu theo nguồn thứ cấp",
    ),
    AnnouncedDay(
        date(2026, 8, 31),
        OFF,
        "Nghỉ hoán đổi dịp Quốc khánh 2/9 (làm bù thứ Bảy 22/8/2026)",
        "Thông báo 9441/TB-BNV (2025) — số hiệu theo nguồn thứ cấp",
    ),
    # Ngày Văn hóa Việt Nam, 24/11 (a Tuesday in 2026): a new paid day off, chosen by the
    # Politburo's Nghị quyết 80-NQ/TW (January 2026) and enacted, per a secondary source, by
    # Nghị quyết 28/2026/QH16 Art. 2, in force 1/7/2026. It is not in Labour Code Art. 112(1),
    # so it is not made up when it falls on a weekend.
    # Confidence: medium. holidays 0.109 also has it from 2026. Early-2026 press (Nghị quyết
    # 30/NQ-CP) still described it as pending a Labour Code amendment; the resolution number
    # was not checked against the original. Whether a swap around it (e.g. Monday 23/11 off)
    # was decided for 2026 could NOT be established: none is listed.
    AnnouncedDay(
        date(2026, 11, 24),
        OFF,
        "Ngày Văn hóa Việt Nam",
        "Nghị quyết 28/2026/QH16, Điều 2 — số hiệu theo nguồn thứ cấp (Nghị quyết 80-NQ/TW)",
    ),
)
