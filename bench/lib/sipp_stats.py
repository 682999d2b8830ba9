#!/usr/bin/env python3
"""Reads the final line of sipp -trace_stat files (';'-separated, a header line first) and
prints shell assignments for bench/run.sh: the caller's successful and failed calls, and the
retransmissions and unexpected messages of every file given (caller and callees together).
Usage: sipp_stats.py CALLER_STAT.csv [CALLEE_STAT.csv ...]"""
import csv
import sys


def last_row(path):
    try:
        f = open(path, newline="")
    except OSError:  # sipp did not start: no counters, so nothing counts as answered
        return {}
    with f:
        rows = [r for r in csv.reader(f, delimiter=";") if r]
    if len(rows) < 2:
        return {}
    return dict(zip(rows[0], rows[-1]))


def number(row, name):
    try:
        return int(float(row.get(name, "0") or 0))
    except ValueError:
        return 0


UNEXPECTED = ("FailedUnexpectedMessage(C)", "OutOfCallMsgs(C)", "DeadCallMsgs(C)")

caller = last_row(sys.argv[1])
rows = [caller] + [last_row(p) for p in sys.argv[2:]]
ok = number(caller, "SuccessfulCall(C)")
failed = sum(number(r, "FailedCall(C)") for r in rows)
retrans = sum(number(r, "Retransmissions(C)") for r in rows)
unexpected = sum(number(r, name) for r in rows for name in UNEXPECTED)
print(f"ok={ok} failed={failed} retrans={retrans} unexpected={unexpected}")
