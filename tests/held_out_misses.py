"""The known misses of the held-out batches (tests/articles/batches.yaml, role: held_out):
gold events their first run missed, each with why, xfailed strictly by tests/test_events.py.

Whoever writes rules does not open this file: the reasons describe the held-out articles, and
a rule chosen from them would be tuned on the batch that is to judge it. When a batch leaves
held_out, its entries move to KNOWN_MISSES in tests/test_events.py."""
from __future__ import annotations

HELD_OUT_MISSES: dict[tuple[str, str], str] = {
    # The twentieth fresh batch (eight articles written for issue 11 in session 30 by twentieth30,
    # gold before any run, audited by its writer to docs/gold_conventions.md; listed in
    # tests/articles/batches.yaml): its first run's misses (on f62e282's code), each with what the run
    # gave (read off the run, not explained). Session 30's rules, merged after that run, fixed none of
    # them.
    ('portsmouth_treaty_exhibition_catalogue_1905', 'The President had offered his good offices to both governments in June'):
        "dated 2005-06-01..2005-06-30 ('June'); 2005-05-27..2005-05-28 ('27 and 28 May'), not 1905-06-01..1905-06-30",
    ('portsmouth_treaty_exhibition_catalogue_1905', 'the Russian fleet was destroyed in the Tsushima Strait on 27 and 28 May'):
        "dated 2005-06-01..2005-06-30 ('June'); 2005-05-27..2005-05-28 ('27 and 28 May'), not 1905-05-27..1905-05-28",
    ('portsmouth_treaty_exhibition_catalogue_1905', 'They came ashore at Portsmouth on 8 August'):
        "dated 2005-08-08..2005-08-08 ('8 August'); 2005-08-09..2005-08-09 ('the next day'), not 1905-08-08..1905-08-08",
    ('portsmouth_treaty_exhibition_catalogue_1905', "the formal sessions opened the next day in the Navy Yard's new stores building"):
        "dated 2005-08-08..2005-08-08 ('8 August'); 2005-08-09..2005-08-09 ('the next day'), not 1905-08-09..1905-08-09",
    ('portsmouth_treaty_exhibition_catalogue_1905', 'The talks stalled through the middle of the month'):
        "dated 2005-06-11..2005-06-20 ('the middle of the month'), not 1905-08-10..1905-08-25",
    ('portsmouth_treaty_exhibition_catalogue_1905', 'The deadlock broke at the session of 29 August'):
        "dated 2005-08-29..2005-08-29 ('29 August'), not 1905-08-29..1905-08-29",
    ('portsmouth_treaty_exhibition_catalogue_1905', 'Witte walked out of the building to tell the waiting reporters'):
        'no row holds the anchor',
    ('portsmouth_treaty_exhibition_catalogue_1905', 'On the day of the signing, crowds in Tokyo who had been promised far more burned police boxes'):
        'no row holds the anchor',
    ('lausanne_treaty_biography_excerpt_1923', "Curzon's train left Lausanne that evening with the conference suspended behind it"):
        "dated 2024-02-04..2024-02-04 ('that evening'), not 1923-02-04..1923-02-04",
    ('agreed_framework_quiz_answers_1994', 'begin to do at the Yongbyon reactor in May 1994'):
        'no row holds the anchor',
    ('agreed_framework_quiz_answers_1994', 'crossed the demilitarized zone at Panmunjom on June 15, 1994'):
        'no row holds the anchor',
    ('agreed_framework_quiz_answers_1994', 'Kim Young-sam of South Korea was due to travel to Pyongyang on July 25'):
        "dated 2024-07-25..2024-07-25 ('July 25'), not 1994-07-25..1994-07-25",
    ('anglo_irish_treaty_corrections_column_1921', 'It was agreed on that date'):
        "dated 1921-07-11..1921-07-11 ('noon on 11 July'), not 1921-07-09..1921-07-09",
    ('anglo_irish_treaty_corrections_column_1921', 'some hours after Lloyd George had warned them'):
        "dated 1921-12-06..1921-12-06 ('Tuesday, 6 December 1921'); 2021-12-11..2021-12-14 ('three days'), not 1921-12-05..1921-12-05",
    ('indo_lanka_accord_daybook_1987', "Gandhi and Jayewardene sign the Indo-Sri Lanka Accord at President's House this afternoon"):
        'status occurred, not planned',
    ('indo_lanka_accord_daybook_1987', 'Joint statement expected afterwards.'):
        'no row holds the anchor',
    ('indo_lanka_accord_daybook_1987', "Gandhi inspects a naval guard of honour at President's House on Thursday morning"):
        "dated 1987-07-23..1987-07-23 ('Thursday morning'), not 1987-07-30..1987-07-30",
    ('indo_lanka_accord_daybook_1987', 'before flying back to New Delhi'):
        "dated 1987-07-23..1987-07-23 ('Thursday morning'), not 1987-07-30..1987-07-30",
    ('indo_lanka_accord_daybook_1987', 'a ceasefire is to take effect within 48 hours of the signing'):
        "dated 1987-07-23..1987-07-25 ('48 hours'); 1987-07-26..1987-07-26 ('72 hours after that'), not 1987-07-29..1987-07-31",
    ('indo_lanka_accord_daybook_1987', 'hand in their weapons within 72 hours after that'):
        "dated 1987-07-23..1987-07-25 ('48 hours'); 1987-07-26..1987-07-26 ('72 hours after that'), not 1987-07-29..1987-08-03",
    ('indo_lanka_accord_daybook_1987', 'External Affairs Ministry briefing on the accord'):
        'no row holds the anchor',
    ('indo_lanka_accord_daybook_1987', 'Tamil Nadu state government expected to comment on the accord.'):
        'no row holds the anchor',
    ('mohali_cricket_diplomacy_sports_page_2011', 'India beat Pakistan by 29 runs'):
        "dated 2011-03-26..2011-03-26 ('Saturday'), not 2011-03-30..2011-03-30",
    ('mohali_cricket_diplomacy_sports_page_2011', "to reach Saturday's World Cup final against Sri Lanka in Mumbai"):
        "dated 2011-03-26..2011-03-26 ('Saturday'), not 2011-04-02..2011-04-02",
    ('mohali_cricket_diplomacy_sports_page_2011', 'who had flown in from Islamabad to Chandigarh on the day of the match'):
        'no row holds the anchor',
    ('mohali_cricket_diplomacy_sports_page_2011', 'In the evening Singh gave a dinner for Gilani and his delegation.'):
        "dated 2011-03-31..2011-03-31 ('the evening'), not 2011-03-30..2011-03-30",
    ('mohali_cricket_diplomacy_sports_page_2011', 'Gilani accepted within a day.'):
        'no row holds the anchor',
    ('mohali_cricket_diplomacy_sports_page_2011', 'Officials on both sides said afterwards'):
        'no row holds the anchor',
    ('chaco_peace_talk_page_1935', 'That is the day the protocol was signed in Buenos Aires'):
        "dated 1935-06-14..1935-06-14 ('noon on 14 June'), not 1935-06-12..1935-06-12",
    ('chaco_peace_talk_page_1935', 'That is the day Paraguay formally declared war'):
        "dated 1932-01-01..1932-12-31 ('almost a year earlier'); 1932-06-15..1932-06-15 ('15 June 1932'), not 1933-05-10..1933-05-10",
    ('suez_ceasefire_debate_brief_1956', 'their representatives signed a protocol on 24 October'):
        "dated 2016-10-24..2016-10-24 ('24 October'), not 1956-10-24..1956-10-24",
    ('suez_ceasefire_debate_brief_1956', 'Israel attacked on 29 October.'):
        "dated 2016-10-29..2016-10-29 ('29 October'), not 1956-10-29..1956-10-29",
    ('suez_ceasefire_debate_brief_1956', 'The next day London and Paris issued their ultimatum'):
        "dated 2016-10-30..2016-10-30 ('The next day'), not 1956-10-30..1956-10-30",
    ('suez_ceasefire_debate_brief_1956', 'in the Security Council they vetoed an American resolution'):
        "dated 2016-10-30..2016-10-30 ('The next day'), not 1956-10-30..1956-10-30",
    ('suez_ceasefire_debate_brief_1956', 'British and French aircraft began bombing Egyptian airfields on 31 October.'):
        "dated 2016-10-31..2016-10-31 ('31 October'), not 1956-10-31..1956-10-31",
    ('suez_ceasefire_debate_brief_1956', 'In the early hours of 2 November the Assembly adopted a resolution'):
        "dated 2016-11-02..2016-11-02 ('2 November'), not 1956-11-02..1956-11-02",
    ('suez_ceasefire_debate_brief_1956', 'Two days later, on a proposal of the Canadian foreign minister, Lester Pearson'):
        "dated 2016-11-04..2016-11-04 ('Two days later'); 2016-11-05..2016-11-05 ('5 November'), not 1956-11-04..1956-11-04",
    ('suez_ceasefire_debate_brief_1956', 'on 5 November it voted to set the force up'):
        "dated 2016-11-04..2016-11-04 ('Two days later'); 2016-11-05..2016-11-05 ('5 November'), not 1956-11-05..1956-11-05",
    ('suez_ceasefire_debate_brief_1956', 'The same day British and French paratroops landed at Port Said'):
        "dated 2016-11-05..2016-11-05 ('The same day'); 2016-11-06..2016-11-06 ('6 November'), not 1956-11-05..1956-11-05",
    ('suez_ceasefire_debate_brief_1956', 'followed by seaborne troops on 6 November'):
        "dated 2016-11-05..2016-11-05 ('The same day'); 2016-11-06..2016-11-06 ('6 November'), not 1956-11-06..1956-11-06",
    ('suez_ceasefire_debate_brief_1956', 'Anthony Eden told the Commons that Britain would cease fire'):
        "dated 2016-11-06..2016-11-06 ('That evening'), not 1956-11-06..1956-11-06",
    ('suez_ceasefire_debate_brief_1956', 'The guns fell silent at midnight on the night of 6-7 November.'):
        "dated 2016-11-06..2016-11-06 ('midnight'); 2016-11-06..2016-11-07 ('6-7 November'), not 1956-11-06..1956-11-07",
    ('suez_ceasefire_debate_brief_1956', 'The first UN troops reached Egypt on 15 November.'):
        "dated 2016-11-15..2016-11-15 ('15 November'), not 1956-11-15..1956-11-15",
    ('suez_ceasefire_debate_brief_1956', 'The last British and French forces left Port Said on 22 December'):
        "dated 2015-12-22..2015-12-22 ('22 December'); 2016-03-01..2016-03-31 ('March'), not 1956-12-22..1956-12-22",
    ('suez_ceasefire_debate_brief_1956', 'Israel pulled out of Sinai and Gaza the following March'):
        "dated 2015-12-22..2015-12-22 ('22 December'); 2016-03-01..2016-03-31 ('March'), not 1957-03-01..1957-03-31",
    ('suez_ceasefire_debate_brief_1956', 'Pearson received the Nobel Peace Prize later that year.'):
        "dated 1957-01-10..1957-12-31 ('later that year'), not 1957-01-01..1957-12-31",
    ('suez_ceasefire_debate_brief_1956', 'Eisenhower was re-elected on 6 November'):
        "dated 2016-11-06..2016-11-06 ('6 November'), not 1956-11-06..1956-11-06",
    ('suez_ceasefire_debate_brief_1956', 'on 5 November, Nikolai Bulganin sent letters to London, Paris and Tel Aviv'):
        "dated 2016-11-05..2016-11-05 ('5 November'), not 1956-11-05..1956-11-05",
    ('suez_ceasefire_debate_brief_1956', 'Soviet tanks crushed the Hungarian uprising on 4 November'):
        "dated 2016-11-04..2016-11-04 ('4 November'), not 1956-11-04..1956-11-04",
}
