"""The known misses of the held-out batches (tests/articles/batches.yaml, role: held_out):
gold events their first run missed, each with why, xfailed strictly by tests/test_events.py.

Whoever writes rules does not open this file: the reasons describe the held-out articles, and
a rule chosen from them would be tuned on the batch that is to judge it. When a batch leaves
held_out, its entries move to KNOWN_MISSES in tests/test_events.py."""
from __future__ import annotations

HELD_OUT_MISSES: dict[tuple[str, str], str] = {
    # The nineteenth fresh batch (eight articles written for issue 11 in session 29 by nineteenth29,
    # gold before any run, audited by its writer and by conval29 to docs/gold_conventions.md; listed in
    # tests/articles/batches.yaml): its first run's misses, each with what the run gave (read off
    # the run, not explained).
    ('congo_lusaka_ceasefire_trade_press_1999', 'sent troops to rescue him later that August'):
        "dated 1997-08-01..1997-08-31 ('August'), not 1998-08-03..1998-08-31",
    ('eta_ceasefire_debate_rebuttal_2007', 'On 29 December, at his end-of-year press conference in Madrid'):
        "dated 2007-12-29..2007-12-29 ('29 December'); 2008-01-01..2008-12-31 ('a year's time'), not 2006-12-29..2006-12-29",
    ('honduras_accord_pool_report_2009', 'Speaking to the pool afterwards'):
        'no row holds the anchor',
    ('honduras_accord_pool_report_2009', 'Insulza was due to issue a statement from Washington tonight'):
        'status occurred, not planned',
    ('mindanao_mnlf_oral_history_1996', 'ran into the final days of August 1996'):
        "dated 1996-08-01..1996-08-31 ('August 1996'), not 1996-08-24..1996-08-31",
}
