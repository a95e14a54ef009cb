#!/usr/bin/env python3
"""Holds odaat's counting rule against python-dateutil's relativedelta.

Usage: relativedelta_check.py CALENDAR_ORACLE

Generates (start, end) pairs from a fixed seed: starts spread over 1900-01-01..2200-12-31
with extra weight on month ends and 29 February, ends a small, medium or large step later;
plus every pair in an exhaustive block (each start from 2023-12-01 to 2025-03-31 against
each end up to 70 days later). All pairs go through calendar_oracle in one run, and every
answer is compared with Python's:

    days       (end - start).days
    duration   relativedelta(end, start).years, .months, .days
    plus_1m    start + relativedelta(months=1)
    plus_12m   start + relativedelta(years=1)

Prints TAP, one line per group of checks with the first mismatches as comments, and exits 1
on any mismatch.
"""

import calendar
import random
import subprocess
import sys
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

SEED = 20250131
RANDOM_PAIRS = 200_000
FIRST = date(1900, 1, 1)
LAST = date(2200, 12, 31)
BLOCK_FIRST = date(2023, 12, 1)
BLOCK_LAST = date(2025, 3, 31)
BLOCK_SPAN = 70
SHOWN = 5

LEAP_YEARS = [y for y in range(FIRST.year, LAST.year + 1) if calendar.isleap(y)]


def random_start(rng):
    """A start: mostly uniform, with extra weight on month ends and 29 February."""
    r = rng.random()
    if r < 0.60:
        return FIRST + timedelta(days=rng.randrange((LAST - FIRST).days + 1))
    if r < 0.85:
        year = rng.randint(FIRST.year, LAST.year)
        month = rng.randint(1, 12)
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(rng.choice(LEAP_YEARS), 2, 29)


def random_end(rng, start):
    """An end on or after start: a small, medium or large step, kept within the range."""
    r = rng.random()
    if r < 0.40:
        step = rng.randint(0, 100)
    elif r < 0.75:
        step = rng.randint(0, 3 * 366)
    else:
        step = rng.randint(0, 150 * 366)
    return min(start + timedelta(days=step), LAST)


def generate():
    rng = random.Random(SEED)
    pairs = []
    for _ in range(RANDOM_PAIRS):
        start = random_start(rng)
        pairs.append((start, random_end(rng, start)))
    block = []
    start = BLOCK_FIRST
    while start <= BLOCK_LAST:
        for step in range(BLOCK_SPAN + 1):
            block.append((start, start + timedelta(days=step)))
        start += timedelta(days=1)
    return pairs, block


def run_oracle(oracle, pairs):
    """Returns the oracle's answer lines, or (None, reason) when it failed."""
    text = "".join(f"{s.isoformat()} {e.isoformat()}\n" for s, e in pairs)
    try:
        done = subprocess.run(
            [oracle], input=text, capture_output=True, text=True, check=False
        )
    except OSError as err:
        return None, f"cannot run {oracle}: {err}"
    if done.returncode != 0:
        reason = done.stderr.strip() or "no message"
        return None, f"exit status {done.returncode}: {reason}"
    lines = done.stdout.splitlines()
    if len(lines) != len(pairs):
        return None, f"{len(lines)} answers for {len(pairs)} pairs"
    return lines, None


def ymd(fields):
    """Years, months and days from an answer, as people read them."""
    return f"{fields[1]}y {fields[2]}m {fields[3]}d"


class Group:
    """One TAP line: a named set of checks and the first few mismatches."""

    def __init__(self, name):
        self.name = name
        self.checked = 0
        self.failed = 0
        self.shown = []

    def check(self, ok, describe):
        self.checked += 1
        if not ok:
            self.failed += 1
            if len(self.shown) < SHOWN:
                self.shown.append(describe())


def main():
    if len(sys.argv) != 2:
        print("usage: relativedelta_check.py CALENDAR_ORACLE", file=sys.stderr)
        return 2

    pairs, block = generate()
    everything = pairs + block
    groups = [
        Group("days: (end - start).days"),
        Group("duration: relativedelta(end, start) years, months, days"),
        Group("add one month: start + relativedelta(months=1)"),
        Group("add one year: start + relativedelta(years=1)"),
        Group(f"exhaustive block: {BLOCK_FIRST}..{BLOCK_LAST}, ends up to {BLOCK_SPAN} days on"),
    ]

    print(f"1..{len(groups) + 1}")
    print(f"# {len(pairs)} random pairs (seed {SEED}) and {len(block)} exhaustive pairs")
    lines, failure = run_oracle(sys.argv[1], everything)
    if lines is None:
        print("not ok 1 - calendar_oracle answers every pair")
        print(f"# {failure}")
        for number, group in enumerate(groups, start=2):
            print(f"not ok {number} - {group.name} # the oracle gave no answers")
        return 1
    print(f"ok 1 - calendar_oracle answers all {len(everything)} pairs")

    days, duration, plus_1m, plus_12m, exhaustive = groups
    month_on = {}
    year_on = {}
    for index, ((start, end), line) in enumerate(zip(everything, lines)):
        pair = f"{start} {end}"
        fields = line.split(" ")
        if start not in month_on:
            month_on[start] = (start + relativedelta(months=1)).isoformat()
            year_on[start] = (start + relativedelta(years=1)).isoformat()
        delta = relativedelta(end, start)
        want = [
            str((end - start).days),
            str(delta.years),
            str(delta.months),
            str(delta.days),
            month_on[start],
            year_on[start],
        ]
        if index >= len(pairs):
            exhaustive.check(
                fields == want, lambda: f"{pair}: oracle '{line}', dateutil '{' '.join(want)}'"
            )
            continue
        if len(fields) != 6:
            fields = (fields + [""] * 6)[:6]
        days.check(
            fields[0] == want[0],
            lambda: f"{pair}: oracle {fields[0]}, dateutil {want[0]}",
        )
        duration.check(
            fields[1:4] == want[1:4],
            lambda: f"{pair}: oracle {ymd(fields)}, dateutil {ymd(want)}",
        )
        plus_1m.check(
            fields[4] == want[4],
            lambda: f"{start} + 1 month: oracle {fields[4]}, dateutil {want[4]}",
        )
        plus_12m.check(
            fields[5] == want[5],
            lambda: f"{start} + 1 year: oracle {fields[5]}, dateutil {want[5]}",
        )

    status = 0
    for number, group in enumerate(groups, start=2):
        if group.failed == 0:
            print(f"ok {number} - {group.name} ({group.checked} checks)")
            continue
        status = 1
        print(f"not ok {number} - {group.name} ({group.failed} of {group.checked} differ)")
        for text in group.shown:
            print(f"# {text}")
    return status


if __name__ == "__main__":
    sys.exit(main())
