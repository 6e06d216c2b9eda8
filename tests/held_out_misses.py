"""The known misses of the held-out batches (tests/articles/batches.yaml, role: held_out):
gold events their first run missed, each with why, xfailed strictly by tests/test_events.py.

Whoever writes rules does not open this file: the reasons describe the held-out articles, and
a rule chosen from them would be tuned on the batch that is to judge it. When a batch leaves
held_out, its entries move to KNOWN_MISSES in tests/test_events.py."""
from __future__ import annotations

HELD_OUT_MISSES: dict[tuple[str, str], str] = {
    # The eighteenth fresh batch (eight articles written for issue 11 in session 28 by eighteenth28,
    # gold before any run, audited by its writer to docs/gold_conventions.md; listed in
    # tests/articles/batches.yaml): its first run's misses, each with what the run gave (read off
    # the run, not explained).
    ('brioni_declaration_museum_panels_1991', 'The answer came on 27 June'):
        "dated 2021-06-27..2021-06-27 ('27 June'), not 1991-06-27..1991-06-27",
    ('brioni_declaration_museum_panels_1991', "The evening before, units of the Yugoslav People's Army had left their barracks"):
        'no row holds the anchor',
    ('brioni_declaration_museum_panels_1991', 'The war that followed lasted ten days'):
        'no row holds the anchor',
    ('brioni_declaration_museum_panels_1991', "sent its foreign ministers' troika to Yugoslavia at the end of June"):
        "dated 2021-06-21..2021-06-30 ('the end of June'), not 1991-06-21..1991-06-30",
    ('brioni_declaration_museum_panels_1991', 'on 1 July the Croatian Stjepan Mesić'):
        "dated 2021-07-01..2021-07-01 ('1 July'); 2021-05-01..2021-05-31 ('May'), not 1991-07-01..1991-07-01",
    ('brioni_declaration_museum_panels_1991', 'whose election the Serbian members had blocked since May'):
        "dated 2021-07-01..2021-07-01 ('1 July'); 2021-05-01..2021-05-31 ('May'), not 1991-05-01..1991-05-31",
    ('brioni_declaration_museum_panels_1991', 'On Sunday 7 July the ministers of the troika'):
        "dated 2021-07-07..2021-07-07 ('Sunday 7 July'), not 1991-07-07..1991-07-07",
    ('brioni_declaration_museum_panels_1991', 'After a day of argument they agreed a text'):
        'no row holds the anchor',
    ('brioni_declaration_museum_panels_1991', "Slovenia's parliament approved the declaration on 10 July"):
        "dated 2021-07-10..2021-07-10 ('10 July'), not 1991-07-10..1991-07-10",
    ('brioni_declaration_museum_panels_1991', 'On 18 July the federal presidency decided to withdraw the army from Slovenia'):
        "dated 2021-07-18..2021-07-18 ('18 July'), not 1991-07-18..1991-07-18",
    ('brioni_declaration_museum_panels_1991', 'over the summer the fighting moved there'):
        "dated 2021-06-01..2021-08-31 ('summer'), not 1991-06-21..1991-09-22",
    ('chittagong_hill_tracts_guidebook_1997', 'From the late 1970s the government moved hundreds of thousands of Bengali settlers into the hills'):
        'no row holds the anchor',
    ('laos_neutrality_on_this_day_1962', 'of fourteen governments today signed a declaration guaranteeing the neutrality'):
        "dated 2012-07-23..2012-07-23 ('today'), not 1962-07-23..1962-07-23",
    ('laos_neutrality_on_this_day_1962', 'At the start of 1961 the Pathet Lao and their neutralist allies'):
        "dated 1961-01-01..1961-04-30 ('the start of 1961'); 2012-03-01..2012-03-31 ('March'), not 1961-01-01..1961-01-31",
    ('laos_neutrality_on_this_day_1962', 'A ceasefire was proclaimed in early May'):
        "dated 2012-05-01..2012-05-10 ('early May'), not 1961-05-01..1961-05-10",
    ('laos_neutrality_on_this_day_1962', 'In early June, Kennedy and Nikita Khrushchev, meeting in Vienna'):
        "dated 2012-06-01..2012-06-10 ('early June'), not 1961-06-01..1961-06-10",
    ('laos_neutrality_on_this_day_1962', 'American military advisers left by the October deadline'):
        'no row holds the anchor',
    ('laos_neutrality_on_this_day_1962', 'The coalition itself broke down within a year'):
        'no row holds the anchor',
    ('new_caledonia_referendum_what_we_know_2021', 'are called to the polls on Sunday'):
        "dated 2021-12-05..2021-12-05 ('Sunday'), not 2021-12-12..2021-12-12",
    ('nicaragua_sapoa_radio_bulletin_1988', 'Offensive military operations are to stop across the country for sixty days starting on the first of April'):
        "dated 1988-04-01..1988-04-30 ('April'), not 1988-04-01..1988-04-01",
    ('nicaragua_sapoa_radio_bulletin_1988', "During the first fifteen days the Resistance's units inside the country are to move into zones"):
        "dated 1988-03-28..1988-03-28 ('Monday'), not 1988-04-01..1988-04-15",
    ('nicaragua_sapoa_radio_bulletin_1988', 'in Managua on the sixth of April'):
        "dated 1988-04-01..1988-04-30 ('April'), not 1988-04-06..1988-04-06",
    ('rhodes_armistice_lecture_1949', 'An Israeli offensive in December carried its forces into Sinai'):
        "dated 2008-12-01..2008-12-31 ('December'); 1949-01-07..1949-01-07 ('7 January 1949'), not 1948-12-01..1948-12-31",
    ('rhodes_armistice_lecture_1949', 'and on 24 February they signed'):
        "dated 2009-02-24..2009-02-24 ('24 February'), not 1949-02-24..1949-02-24",
    ('somalia_djibouti_ngo_field_blog_2008', 'the Ethiopian troops who have been in the country since the end of 2006'):
        "dated 2008-06-01..2008-06-30 ('June'); 2006-09-01..2006-12-31 ('the end of 2006'), not 2006-11-15..2006-12-31",
    ('somalia_djibouti_ngo_field_blog_2008', 'the rout of the Islamic Courts by Ethiopian troops in the last days of 2006'):
        "dated 2007-01-01..2007-12-31 ('2007'); 2006-01-01..2006-12-31 ('2006'), not 2006-12-20..2006-12-31",
    ('sudan_addis_ababa_finding_aid_1972', 'met for preparatory talks in Addis Ababa late in 1971'):
        "dated 1971-01-01..1971-12-31 ('1971'), not 1971-09-01..1971-12-31",
    ('sudan_addis_ababa_finding_aid_1972', 'in September of that year imposed Islamic law across the country'):
        "dated 1983-06-01..1983-06-30 ('June 1983'); 1972-01-01..1972-12-31 ('1972'), not 1983-09-01..1983-09-30",
}
