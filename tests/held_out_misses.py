"""The known misses of the held-out batches (tests/articles/batches.yaml, role: held_out):
gold events their first run missed, each with why, xfailed strictly by tests/test_events.py.

Whoever writes rules does not open this file: the reasons describe the held-out articles, and
a rule chosen from them would be tuned on the batch that is to judge it. When a batch leaves
held_out, its entries move to KNOWN_MISSES in tests/test_events.py."""
from __future__ import annotations

HELD_OUT_MISSES: dict[tuple[str, str], str] = {
    # The twenty-first fresh batch (eight articles written for issue 11 in session 31 by fresh31, gold
    # before any run, audited by its writer to docs/gold_conventions.md; listed in
    # tests/articles/batches.yaml): its first run (on 1100bf6) missed 51; session 31's rules, merged
    # after that run, fixed six. The 45 left, each with what the run on the session's final code gives
    # (read off the run, not explained).
    ('aburi_accord_ama_1967', 'After the killings in the North that autumn'):
        "dated 2022-09-01..2022-11-30 ('autumn'); 2021-07-01..2021-07-31 ('July'), not 1966-09-01..1966-11-30",
    ('aburi_accord_ama_1967', 'the murder of Aguiyi-Ironsi in the July coup'):
        "dated 2022-09-01..2022-11-30 ('autumn'); 2021-07-01..2021-07-31 ('July'), not 1966-07-01..1966-07-31",
    ('aburi_accord_ama_1967', 'The Aburi meeting on 4 and 5 January'):
        "dated 2022-01-04..2022-01-05 ('4 and 5 January'), not 1967-01-04..1967-01-05",
    ('aburi_accord_ama_1967', 'On the second day the council adopted a communique'):
        "dated 2022-01-05..2022-01-05 ('the second day'), not 1967-01-05..1967-01-05",
    ('aburi_accord_ama_1967', 'the recordings were circulating in the East within weeks'):
        "dated 2022-01-12..2022-02-16 ('weeks'), not 1967-01-05..1967-02-28",
    ('aburi_accord_ama_1967', 'Gowon held a press conference later that month'):
        "dated 2022-01-06..2022-01-31 ('later that month'), not 1967-01-06..1967-01-31",
    ('aburi_accord_ama_1967', 'which Ojukwu called a betrayal'):
        "dated 2022-01-06..2022-01-31 ('later that month'), not 1967-01-06..1967-01-31",
    ('aburi_accord_ama_1967', 'was promulgated on 17 March'):
        "dated 2021-03-17..2021-03-17 ('17 March'), not 1967-03-17..1967-03-17",
    ('aburi_accord_ama_1967', 'Ojukwu rejected it because it let the centre declare an emergency'):
        "dated 2021-03-17..2021-03-17 ('17 March'), not 1967-03-17..1967-03-31",
    ('aburi_accord_ama_1967', 'On 27 May Gowon declared a state of emergency'):
        "dated 2021-05-27..2021-05-27 ('27 May'), not 1967-05-27..1967-05-27",
    ('aburi_accord_ama_1967', 'Three days later Ojukwu proclaimed the Republic of Biafra.'):
        "dated 2021-05-30..2021-05-30 ('Three days later'), not 1967-05-30..1967-05-30",
    ('aburi_accord_ama_1967', 'The first shots came on 6 July.'):
        "dated 2021-07-06..2021-07-06 ('6 July'), not 1967-07-06..1967-07-06",
    ('aburi_accord_ama_1967', 'Ankrah tried through the spring'):
        "dated 2022-03-01..2022-05-31 ('spring'), not 1967-03-01..1967-05-31",
    ('cod_war_oslo_history_journal_1976', 'on a Tuesday afternoon in Oslo'):
        "dated 1976-01-01..1976-12-31 ('Forty years ago'); 2016-06-01..2016-08-31 ('this summer'); 2016-09-27..2016-09-27 ('Tuesday afternoon'), not 1976-06-01..1976-06-01",
    ('cod_war_oslo_history_journal_1976', 'expired the following month'):
        "dated 1973-01-01..1973-12-31 ('1973'); 1973-02-01..1974-01-31 ('the following month'), not 1975-11-01..1975-11-30",
    ('cod_war_oslo_history_journal_1976', 'The warships were ordered out at once'):
        'no row holds the anchor',
    ('cod_war_oslo_history_journal_1976', 'the two countries resumed relations soon afterwards'):
        'no row holds the anchor',
    ('cod_war_oslo_history_journal_1976', 'The last of the trawlers came home before Christmas'):
        "dated 2015-12-25..2015-12-25 ('Christmas'); 2016-03-01..2016-05-31 ('spring'), not 1976-12-01..1976-12-24",
    ('cod_war_oslo_history_journal_1976', 'some were sold for scrap in the spring'):
        "dated 2015-12-25..2015-12-25 ('Christmas'); 2016-03-01..2016-05-31 ('spring'), not 1977-03-01..1977-05-31",
    ('cod_war_oslo_history_journal_1976', 'the last of them leaving the grounds on 2 June'):
        "dated 2016-06-02..2016-06-02 ('2 June'), not 1976-06-02..1976-06-02",
    ('locarno_auction_lot_1925', 'The photograph was taken on the steps of the courthouse on the morning of the first session'):
        'no row holds the anchor',
    ('locarno_auction_lot_1925', 'Stresemann\'s is dated in his own hand "Locarno 12.X.25"'):
        'no row holds the anchor',
    ('locarno_auction_lot_1925', 'a dinner given by the British delegation at the Grand Hotel on 9 October'):
        "dated 2025-10-09..2025-10-09 ('9 October'), not 1925-10-09..1925-10-09",
    ('locarno_auction_lot_1925', 'The next day, a Saturday, the principal delegates spent the afternoon on the lake'):
        "dated 2025-10-10..2025-10-10 ('The next day'); 2025-10-18..2025-10-18 ('Saturday'), not 1925-10-10..1925-10-10",
    ('locarno_auction_lot_1925', 'arrived in the second week to negotiate their arbitration treaties with Germany'):
        'no row holds the anchor',
    ('locarno_auction_lot_1925', 'Benito Mussolini made a theatrical appearance on the 15th'):
        "dated 2025-10-15..2025-10-15 ('the 15th'), not 1925-10-15..1925-10-15",
    ('locarno_auction_lot_1925', 'were initialled on the evening of 16 October'):
        "dated 2025-10-16..2025-10-16 ('16 October'), not 1925-10-16..1925-10-16",
    ('locarno_auction_lot_1925', 'Chamberlain was made a Knight of the Garter that December'):
        "dated 1926-12-01..1926-12-31 ('December'); 1925-01-01..1925-12-31 ('1925'); 1926-01-01..1926-12-31 ('1926'), not 1925-12-01..1925-12-31",
    ('munich_film_review_1938', 'waited all evening without being admitted'):
        'no row holds the anchor',
    ('munich_film_review_1938', 'The agreement was signed a little after one in the morning.'):
        "dated 1938-09-29..1938-09-29 ('the morning'), not 1938-09-30..1938-09-30",
    ('munich_film_review_1938', 'being handed the terms at half past two'):
        'no row holds the anchor',
    ('munich_film_review_1938', 'Later that morning Chamberlain called on Hitler at his flat'):
        "dated 1938-09-29..1938-09-29 ('that morning'); 1938-09-29..1938-09-29 ('that afternoon'), not 1938-09-30..1938-09-30",
    ('munich_film_review_1938', 'wave at Heston that afternoon'):
        "dated 1938-09-29..1938-09-29 ('that morning'); 1938-09-29..1938-09-29 ('that afternoon'), not 1938-09-30..1938-09-30",
    ('munich_film_review_1938', 'where the government accepted the terms the same day'):
        "dated 1938-09-29..1938-09-29 ('the same day'); 1938-10-01..1938-10-01 ('1 October'), not 1938-09-30..1938-09-30",
    ('shepherdstown_council_minutes_2000', 'The talks opened on the Monday as planned.'):
        "dated 2000-01-10..2000-01-10 ('Monday'), not 2000-01-03..2000-01-03",
    ('shepherdstown_council_minutes_2000', 'The President flew in by helicopter that afternoon'):
        "dated 2000-01-10..2000-01-10 ('that afternoon'), not 2000-01-03..2000-01-03",
    ('shepherdstown_council_minutes_2000', 'closed to through traffic from the evening of January 2 until this morning'):
        "dated 2000-01-02..2000-01-02 ('January 2'); 2000-01-11..2000-01-11 ('this morning'), not 2000-01-02..2000-01-11",
    ('shepherdstown_council_minutes_2000', 'Carried 5-0.'):
        'no row holds the anchor',
    ('shepherdstown_council_minutes_2000', 'Council adopted, 5-0, a resolution thanking the residents of the town'):
        'no row holds the anchor',
    ('soviet_japanese_declassified_note_1956', 'released its latest tranche of declassified diplomatic files on 26 December'):
        "dated 1956-12-26..1956-12-26 ('26 December'), not 2018-12-26..2018-12-26",
    ('soviet_japanese_declassified_note_1956', 'the Japanese and Russian leaders agreed at Singapore in November'):
        "dated 1955-01-01..1956-12-31 ('1955-56'); 1956-11-01..1956-11-30 ('November'), not 2018-11-01..2018-11-30",
    ('soviet_japanese_declassified_note_1956', 'The cabinet refused.'):
        'no row holds the anchor',
    ('tartu_peace_philatelic_bulletin_1920', 'the heaviest fighting of the war came in those weeks'):
        'no row holds the anchor',
    ('tartu_peace_philatelic_bulletin_1920', "Late in January the Russian foreign ministry's spokeswoman, Maria Zakharova, said"):
        "dated 2020-01-01..2020-01-31 ('January'); 1940-01-01..1940-12-31 ('1940'), not 2020-01-20..2020-01-31",
    ('tartu_peace_philatelic_bulletin_1920', 'signed at Moscow on 12 July'):
        "dated 2019-07-12..2019-07-12 ('12 July'); 1920-08-11..1920-08-11 ('11 August 1920'), not 1920-07-12..1920-07-12",
}
