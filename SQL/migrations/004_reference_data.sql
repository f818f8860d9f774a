-- 004 reference data: the standards nofdb measures (with targets and effective dates) and
-- the A&E four-hour field-test sites.
--
-- supersedes: 06291d706d687cb6c69678d352718326a839a7a2f6813ecd4844ad83f5be8f4e (the release 0.1.0 text of this migration, which also held functions now in SQL/logic)

-- The standards nofdb computes, one row per measure. `direction` says which way is better;
-- `league_domain` places the measure in a NOF-style domain table.
CREATE TABLE dw.dim_standard (
    standard_code  text PRIMARY KEY,
    dataset        text NOT NULL,
    name           text NOT NULL,
    unit           text NOT NULL CHECK (unit IN ('%', 'count', 'minutes', 'weeks')),
    higher_is_better boolean NOT NULL,
    numerator      text,
    denominator    text,
    league_domain  text CHECK (league_domain IN ('urgent_and_emergency_care', 'elective', 'cancer', 'diagnostics')),
    peer_group     text CHECK (peer_group IN ('acute', 'ambulance')),
    in_league      boolean NOT NULL DEFAULT false,   -- scored in nofdb's league tables
    nof_metric_id  text,                             -- the closest official NOF metric, if any
    sort_order     integer NOT NULL,
    -- How England and region figures are made from providers: 'pct' = 100 x sum(numerator) /
    -- sum(denominator); 'mean' = sum(numerator) / sum(denominator); 'sum' = sum of values;
    -- 'bands' = from the providers' summed weekly bands; 'published' = the figure published
    -- for England/regions (centiles cannot be derived from providers' centiles).
    aggregation    text NOT NULL CHECK (aggregation IN ('pct', 'mean', 'sum', 'bands', 'published')),
    -- How a quarter is made from its months: 'pooled' = sums over the three months (flows);
    -- 'last_month' = the quarter's last month (month-end snapshots such as waiting lists);
    -- 'none' = no quarterly figure (centiles).
    quarter_method text NOT NULL CHECK (quarter_method IN ('pooled', 'last_month', 'none'))
);
INSERT INTO dw.dim_standard VALUES
    ('ae_4h_all',        'ae', 'A&E: % within 4 hours, all types (booked appointments included from August 2020)', '%', true,
        'attendances within 4 hours', 'A&E attendances (all types)', 'urgent_and_emergency_care', 'acute', true, 'OF0013', 10, 'pct', 'pooled'),
    ('ae_4h_type1',      'ae', 'A&E: % within 4 hours, type 1 departments', '%', true,
        'type 1 attendances within 4 hours', 'type 1 attendances', 'urgent_and_emergency_care', 'acute', false, NULL, 11, 'pct', 'pooled'),
    ('ae_12h_dta_count', 'ae', 'A&E: patients waiting 12+ hours from decision to admit (trolley waits)', 'count', false,
        'patients waiting 12+ hours from decision to admit', NULL, 'urgent_and_emergency_care', 'acute', false, NULL, 12, 'sum', 'pooled'),
    ('ae_12h_dta_share', 'ae', 'A&E: 12+ hour waits from decision to admit as % of emergency admissions via A&E', '%', false,
        'patients waiting 12+ hours from decision to admit', 'emergency admissions via A&E (all types)', 'urgent_and_emergency_care', 'acute', true, 'OF0014', 13, 'pct', 'pooled'),
    ('amb_c1_mean',      'ambulance', 'Ambulance: Category 1 mean response time', 'minutes', false,
        'total Category 1 response time', 'Category 1 incidents', 'urgent_and_emergency_care', 'ambulance', true, NULL, 20, 'mean', 'pooled'),
    ('amb_c1_p90',       'ambulance', 'Ambulance: Category 1 90th centile response time', 'minutes', false,
        NULL, NULL, 'urgent_and_emergency_care', 'ambulance', true, NULL, 21, 'published', 'none'),
    ('amb_c2_mean',      'ambulance', 'Ambulance: Category 2 mean response time', 'minutes', false,
        'total Category 2 response time', 'Category 2 incidents', 'urgent_and_emergency_care', 'ambulance', true, 'OF0017', 22, 'mean', 'pooled'),
    ('amb_c2_p90',       'ambulance', 'Ambulance: Category 2 90th centile response time', 'minutes', false,
        NULL, NULL, 'urgent_and_emergency_care', 'ambulance', true, NULL, 23, 'published', 'none'),
    ('amb_c3_p90',       'ambulance', 'Ambulance: Category 3 90th centile response time', 'minutes', false,
        NULL, NULL, 'urgent_and_emergency_care', 'ambulance', true, NULL, 24, 'published', 'none'),
    ('amb_c4_p90',       'ambulance', 'Ambulance: Category 4 90th centile response time', 'minutes', false,
        NULL, NULL, 'urgent_and_emergency_care', 'ambulance', true, NULL, 25, 'published', 'none'),
    ('rtt_18w',          'rtt', 'RTT: % of incomplete pathways waiting 18 weeks or less', '%', true,
        'incomplete pathways within 18 weeks', 'incomplete pathways', 'elective', 'acute', true, 'OF0023', 30, 'pct', 'last_month'),
    ('rtt_52w_count',    'rtt', 'RTT: incomplete pathways waiting over 52 weeks', 'count', false,
        'incomplete pathways over 52 weeks', NULL, 'elective', 'acute', false, NULL, 31, 'sum', 'last_month'),
    ('rtt_52w_share',    'rtt', 'RTT: % of incomplete pathways waiting over 52 weeks', '%', false,
        'incomplete pathways over 52 weeks', 'incomplete pathways', 'elective', 'acute', true, 'OF0003', 32, 'pct', 'last_month'),
    ('rtt_median_weeks', 'rtt', 'RTT: median wait of incomplete pathways (weeks, from the weekly bands)', 'weeks', false,
        NULL, 'incomplete pathways', 'elective', 'acute', false, NULL, 33, 'bands', 'last_month'),
    ('rtt_p92_weeks',    'rtt', 'RTT: 92nd percentile wait of incomplete pathways (weeks, from the weekly bands)', 'weeks', false,
        NULL, 'incomplete pathways', 'elective', 'acute', false, NULL, 34, 'bands', 'last_month'),
    ('dm01_6w',          'diagnostics', 'Diagnostics (DM01): % of the waiting list waiting 6 weeks or more', '%', false,
        'patients waiting 6+ weeks', 'total waiting list', 'diagnostics', 'acute', true, NULL, 40, 'pct', 'last_month'),
    ('cancer_fds28',     'cancer', 'Cancer: 28-day Faster Diagnosis Standard (% told within 28 days)', '%', true,
        'within standard', 'total', 'cancer', 'acute', true, 'OF0010', 50, 'pct', 'pooled'),
    ('cancer_31d',       'cancer', 'Cancer: 31-day decision to treat to treatment (% within 31 days)', '%', true,
        'within standard', 'total treated', 'cancer', 'acute', true, NULL, 51, 'pct', 'pooled'),
    ('cancer_62d',       'cancer', 'Cancer: 62-day referral to first treatment (% within 62 days)', '%', true,
        'within standard', 'total treated', 'cancer', 'acute', true, 'OF0011', 52, 'pct', 'pooled');

-- Targets with effective dates. Seeded verbatim from ../shared/reference/standards.csv
-- (columns domain, measure, threshold, direction, effective_from, effective_to, source; a
-- YYYY-MM date means the first of that month). `standard_code` links a row to the measure
-- nofdb computes (NULL when the data cannot measure it, e.g. 12 hours from arrival needs
-- ECDS, or the legacy pre-October-2023 cancer standards the CRS extract does not carry);
-- `target_kind` is 'constitutional' (the standard) or 'interim' (a planning target).
CREATE TABLE dw.standard_target (
    target_id      serial PRIMARY KEY,
    domain         text NOT NULL,
    measure        text NOT NULL,
    threshold      numeric,
    comparator     text NOT NULL,        -- '>=', '<=', '<', 'report_count', 'increase_vs_prior_year', 'report_only'
    effective_from date,                 -- NULL: since before the data
    effective_to   date,                 -- NULL: still in force
    source         text NOT NULL,
    standard_code  text REFERENCES dw.dim_standard,
    target_kind    text NOT NULL CHECK (target_kind IN ('constitutional', 'interim', 'report_only', 'not_computable', 'legacy_not_in_data'))
);
INSERT INTO dw.standard_target
    (domain, measure, threshold, comparator, effective_from, effective_to, source, standard_code, target_kind)
VALUES
    ('A&E', '% attendances admitted/transferred/discharged within 4 hours of arrival (all types) - constitutional standard', 98, '>=', NULL, '2010-06-30'::date, 'digital.nhs.uk/.../hospital-accident--emergency-activity/2020-21/performance-times (''98% up to quarter 1 (end June) 2010'')', 'ae_4h_all', 'constitutional'),
    ('A&E', '% attendances admitted/transferred/discharged within 4 hours of arrival (all types) - constitutional standard', 95, '>=', '2010-07-01'::date, NULL, 'digital.nhs.uk HES A&E 2020-21 performance-times note; nuffieldtrust.org.uk/chart/how-are-the-different-targets-being-missed-in-england', 'ae_4h_all', 'constitutional'),
    ('A&E', '4-hour interim planning target (national; for March 2024)', 76, '>=', '2023-04-01'::date, '2024-03-31'::date, 'neural.org.uk/news/nhs-england-publishes-2023-24-priorities-and-guidance/ (2023/24 planning guidance: ''no less than 76% ... by March 2024'')', 'ae_4h_all', 'interim'),
    ('A&E', '4-hour interim planning target (national; for March 2025)', 78, '>=', '2024-04-01'::date, '2025-03-31'::date, 'nhsconfed.org/publications/202425-nhs-priorities-and-operational-planning-guidance', 'ae_4h_all', 'interim'),
    ('A&E', '4-hour planning target (minimum; in March 2026)', 78, '>=', '2025-04-01'::date, '2026-03-31'::date, '2025/26 priorities and operational planning guidance (github al26152/Langchain docs/priorities-and-operational-planning-guidance-january-2025.md; england.nhs.uk/long-read/2025-26-priorities-and-operational-planning-guidance/)', 'ae_4h_all', 'interim'),
    ('A&E', '4-hour planning target (every trust; by March 2027)', 82, '>=', '2026-04-01'::date, '2027-03-31'::date, 'Medium Term Planning Framework 2026/27-2028/29 (github al26152/Langchain docs/medium-term-planning-framework-delivering-change-together-2026-27-to-2028-29.md)', 'ae_4h_all', 'interim'),
    ('A&E', '4-hour planning target (national; average for year 2028/29)', 85, '>=', '2028-04-01'::date, '2029-03-31'::date, 'Medium Term Planning Framework 2026/27-2028/29 (al26152/Langchain copy)', 'ae_4h_all', 'interim'),
    ('A&E', '% patients admitted/discharged/transferred from ED within 12 hours (from arrival) - higher proportion than 2024/25', NULL, 'increase_vs_prior_year', '2025-04-01'::date, '2026-03-31'::date, '2025/26 planning guidance success measures (al26152/Langchain copy)', NULL, 'not_computable'),
    ('A&E', '% of patients waiting 12+ hours from arrival (RCEM-reported NHS requirement)', 2, '<=', NULL, NULL, 'rcem.ac.uk/data-statistics/ (third-party statement; primary source not seen)', NULL, 'not_computable'),
    ('A&E', 'Patients waiting 12+ hours from decision to admit (trolley waits; MSitAE column)', NULL, 'report_count', NULL, NULL, 'NHSE MSitAE CSV column ''Patients who have waited 12+ hrs from DTA to admission'' (no threshold confirmed)', 'ae_12h_dta_count', 'report_only'),
    ('Ambulance', 'Category 1 mean response time (minutes)', 7, '<=', '2017-08-01'::date, NULL, 'nuffieldtrust.org.uk/resource/ambulance-response-times; nwas.nhs.uk/?p=315; AmbSYS series from Aug-2017 (england.nhs.uk/statistics/statistical-work-areas/ambulance-quality-indicators/)', 'amb_c1_mean', 'constitutional'),
    ('Ambulance', 'Category 1 90th centile response time (minutes)', 15, '<=', '2017-08-01'::date, NULL, 'nuffieldtrust.org.uk/resource/ambulance-response-times; nwas.nhs.uk/?p=315', 'amb_c1_p90', 'constitutional'),
    ('Ambulance', 'Category 2 mean response time (minutes) - constitutional/ARP standard', 18, '<=', '2017-08-01'::date, NULL, 'nwas.nhs.uk/?p=315; londonambulance.nhs.uk/calling-us/17086-2/', 'amb_c2_mean', 'constitutional'),
    ('Ambulance', 'Category 2 90th centile response time (minutes)', 40, '<=', '2017-08-01'::date, NULL, 'nwas.nhs.uk/?p=315; neas.nhs.uk/your-service/999/ambulance-response-programme', 'amb_c2_p90', 'constitutional'),
    ('Ambulance', 'Category 2 mean response time interim target (minutes; average across year)', 30, '<=', '2023-04-01'::date, '2024-03-31'::date, 'nuffieldtrust.org.uk/resource/ambulance-response-times (2023/24 guidance objective 30 minutes)', 'amb_c2_mean', 'interim'),
    ('Ambulance', 'Category 2 mean response time interim target (minutes; average across 2025/26)', 30, '<=', '2025-04-01'::date, '2026-03-31'::date, '2025/26 planning guidance (al26152/Langchain copy)', 'amb_c2_mean', 'interim'),
    ('Ambulance', 'Category 2 mean response time target (minutes; 2026/27)', 25, '<=', '2026-04-01'::date, '2027-03-31'::date, 'Medium Term Planning Framework (al26152/Langchain copy)', 'amb_c2_mean', 'interim'),
    ('Ambulance', 'Category 2 mean response time target (minutes; by end 2028/29) with 90% within 40 minutes', 18, '<=', '2028-04-01'::date, '2029-03-31'::date, 'Medium Term Planning Framework (al26152/Langchain copy)', 'amb_c2_mean', 'interim'),
    ('Ambulance', 'Category 3 90th centile response time (minutes)', 120, '<=', '2017-08-01'::date, NULL, 'nwas.nhs.uk/?p=315; neas.nhs.uk ARP page', 'amb_c3_p90', 'constitutional'),
    ('Ambulance', 'Category 4 90th centile response time (minutes)', 180, '<=', '2017-08-01'::date, NULL, 'nwas.nhs.uk/?p=315; neas.nhs.uk ARP page', 'amb_c4_p90', 'constitutional'),
    ('Elective (RTT)', '% incomplete pathways waiting <=18 weeks - constitutional standard', 92, '>=', NULL, NULL, 'publications.parliament.uk/pa/cm201719/cmselect/cmpubacc/1750/175006.htm; nuffieldtrust.org.uk chart (no more than 8% >18 weeks)', 'rtt_18w', 'constitutional'),
    ('Elective (RTT)', '% incomplete pathways waiting <=18 weeks - national target by March 2026 (every trust min +5 pp)', 65, '>=', '2025-04-01'::date, '2026-03-31'::date, '2025/26 planning guidance (al26152/Langchain copy)', 'rtt_18w', 'interim'),
    ('Elective (RTT)', '% waiting <=18 weeks for first appointment - national target by March 2026', 72, '>=', '2025-04-01'::date, '2026-03-31'::date, '2025/26 planning guidance (al26152/Langchain copy)', NULL, 'not_computable'),
    ('Elective (RTT)', '% of total waiting list waiting >52 weeks - by March 2026', 1, '<', '2025-04-01'::date, '2026-03-31'::date, '2025/26 planning guidance (al26152/Langchain copy)', 'rtt_52w_share', 'interim'),
    ('Elective (RTT)', '% waiting <=18 weeks - national 2026/27 target (every trust min +7 pp or 65%)', 70, '>=', '2026-04-01'::date, '2027-03-31'::date, 'Medium Term Planning Framework (al26152/Langchain copy)', 'rtt_18w', 'interim'),
    ('Elective (RTT)', '% waiting <=18 weeks - 2028/29 target (constitutional standard)', 92, '>=', '2028-04-01'::date, '2029-03-31'::date, 'Medium Term Planning Framework (al26152/Langchain copy)', 'rtt_18w', 'interim'),
    ('Diagnostics (DM01)', '% of patients waiting 6+ weeks for a diagnostic test - constitutional standard', 1, '<=', NULL, NULL, 'nuffieldtrust.org.uk/chart/how-are-the-different-targets-being-missed-in-england; King''s Fund via wired-gov.net 2024-06-19 (''99% ... less than six weeks'')', 'dm01_6w', 'constitutional'),
    ('Diagnostics (DM01)', '% waiting 6+ weeks - interim ambition (95% tested within 6 weeks by March 2025)', 5, '<=', '2023-04-01'::date, '2025-03-31'::date, 'neural.org.uk (2023/24 guidance); nhsconfed.org (2024/25 guidance)', 'dm01_6w', 'interim'),
    ('Diagnostics (DM01)', '% waiting 6+ weeks - national 2026/27 target (every system +3 pp or 20% or better)', 14, '<=', '2026-04-01'::date, '2027-03-31'::date, 'Medium Term Planning Framework (al26152/Langchain copy)', 'dm01_6w', 'interim'),
    ('Diagnostics (DM01)', '% waiting 6+ weeks - 2028/29 target', 1, '<=', '2028-04-01'::date, '2029-03-31'::date, 'Medium Term Planning Framework (al26152/Langchain copy)', 'dm01_6w', 'interim'),
    ('Cancer', 'Two-week wait: urgent suspected cancer referral to first seen (% within 14 days)', 93, '>=', NULL, '2023-09-30'::date, 'publications.parliament.uk PAC 1750; tecowling.quarto.pub/policy-current-standards.html (retired Oct-2023)', NULL, 'legacy_not_in_data'),
    ('Cancer', 'Two-week wait breast symptomatic (cancer not initially suspected) (% within 14 days)', 93, '>=', NULL, '2023-09-30'::date, 'UNCONFIRMED threshold (garbled studylib.net 2012-13 framework table); standard itself: ruh.nhs.uk cancer wait times page', NULL, 'legacy_not_in_data'),
    ('Cancer', '31-day decision to treat to first definitive treatment (%)', 96, '>=', NULL, '2023-09-30'::date, 'qualitywatch.org.uk/indicator/waiting-times-cancer-treatment', 'cancer_31d', 'constitutional'),
    ('Cancer', '31-day subsequent treatment - surgery (%)', 94, '>=', NULL, '2023-09-30'::date, 'qualitywatch.org.uk/indicator/waiting-times-cancer-treatment', NULL, 'legacy_not_in_data'),
    ('Cancer', '31-day subsequent treatment - anti-cancer drug regimen (%)', 98, '>=', NULL, '2023-09-30'::date, 'qualitywatch.org.uk/indicator/waiting-times-cancer-treatment', NULL, 'legacy_not_in_data'),
    ('Cancer', '31-day subsequent treatment - radiotherapy (%)', 94, '>=', NULL, '2023-09-30'::date, 'qualitywatch.org.uk/indicator/waiting-times-cancer-treatment', NULL, 'legacy_not_in_data'),
    ('Cancer', '62-day urgent GP (USC) referral to first treatment (%)', 85, '>=', NULL, '2023-09-30'::date, 'publications.parliament.uk PAC 1750; nuffieldtrust.org.uk chart', 'cancer_62d', 'constitutional'),
    ('Cancer', '62-day NHS screening programme referral to first treatment (%)', 90, '>=', NULL, '2023-09-30'::date, 'UNCONFIRMED (garbled studylib.net 2012-13 framework table only)', NULL, 'legacy_not_in_data'),
    ('Cancer', '62-day consultant upgrade to first treatment (no national threshold)', NULL, 'report_only', NULL, '2023-09-30'::date, 'UNCONFIRMED that no threshold existed; route itself: canceralliance.co.uk/professionals/early-diagnosis/cancer-waiting-times', NULL, 'legacy_not_in_data'),
    ('Cancer', '28-day Faster Diagnosis Standard (% diagnosed/ruled out within 28 days) - reported since Oct-2021', 75, '>=', '2021-10-01'::date, '2023-09-30'::date, 'canceralliance.co.uk CWT page (''reported by NHS trusts since October 2021''); tecowling.quarto.pub (introduced 2021 with 75% objective)', 'cancer_fds28', 'constitutional'),
    ('Cancer', '28-day Faster Diagnosis Standard (%) - one of 3 standards from 1 Oct 2023', 75, '>=', '2023-10-01'::date, NULL, 'england.nhs.uk/clinically-led-review-nhs-access-standards/cancer/', 'cancer_fds28', 'constitutional'),
    ('Cancer', '28-day FDS planning target by March 2025', 77, '>=', '2024-04-01'::date, '2025-03-31'::date, 'tecowling.quarto.pub/policy-planning-guidance.html (2024/25 guidance)', 'cancer_fds28', 'interim'),
    ('Cancer', '28-day FDS planning target by March 2026 (then maintain at new threshold 80% in 2026/27)', 80, '>=', '2025-04-01'::date, '2027-03-31'::date, '2025/26 planning guidance; Medium Term Planning Framework (al26152/Langchain copies)', 'cancer_fds28', 'interim'),
    ('Cancer', '31-day decision to treat to treatment - combined first+subsequent (%)', 96, '>=', '2023-10-01'::date, NULL, 'england.nhs.uk/clinically-led-review-nhs-access-standards/cancer/', 'cancer_31d', 'constitutional'),
    ('Cancer', '31-day combined - every trust by March 2027', 94, '>=', '2026-04-01'::date, '2027-03-31'::date, 'Medium Term Planning Framework (al26152/Langchain copy)', 'cancer_31d', 'interim'),
    ('Cancer', '62-day referral (USC+screening+consultant upgrade) to first treatment - combined (%)', 85, '>=', '2023-10-01'::date, NULL, 'england.nhs.uk/clinically-led-review-nhs-access-standards/cancer/; canceralliance.co.uk CWT page', 'cancer_62d', 'constitutional'),
    ('Cancer', '62-day combined planning target by March 2025', 70, '>=', '2024-04-01'::date, '2025-03-31'::date, 'tecowling.quarto.pub/policy-planning-guidance.html (2024/25 guidance)', 'cancer_62d', 'interim'),
    ('Cancer', '62-day combined planning target by March 2026', 75, '>=', '2025-04-01'::date, '2026-03-31'::date, '2025/26 planning guidance (al26152/Langchain copy)', 'cancer_62d', 'interim'),
    ('Cancer', '62-day combined - every trust by March 2027', 80, '>=', '2026-04-01'::date, '2027-03-31'::date, 'Medium Term Planning Framework (al26152/Langchain copy)', 'cancer_62d', 'interim');

-- The 14 trusts in the A&E four-hour field test (Clinical Review of Standards), which did not
-- report four-hour performance. Seeded from ../shared/reference/ae_field_test_sites.csv;
-- sources: NHS England, "Publication of May A&E data" (June 2019),
-- https://www.england.nhs.uk/statistics/wp-content/uploads/sites/2/2019/06/Publication-of-May-AE-data.pdf;
-- Nuffield Trust 12/09/2019; dates checked against the MSitAE files (../shared/docs/NOF_METHOD.md §3).
CREATE TABLE dw.ae_field_test_site (
    org_code                 text PRIMARY KEY,
    org_name                 text NOT NULL,
    first_month_not_reported date NOT NULL,
    last_month_not_reported  date NOT NULL,
    note                     text
);
INSERT INTO dw.ae_field_test_site VALUES
    ('RGT', 'CAMBRIDGE UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', '2019-05-01'::date, '2023-05-01'::date, NULL),
    ('RQM', 'CHELSEA AND WESTMINSTER HOSPITAL NHS FOUNDATION TRUST', '2019-05-01'::date, '2023-05-01'::date, NULL),
    ('RDU', 'FRIMLEY HEALTH NHS FOUNDATION TRUST', '2019-05-01'::date, '2023-05-01'::date, NULL),
    ('RYJ', 'IMPERIAL COLLEGE HEALTHCARE NHS TRUST', '2019-05-01'::date, '2023-05-01'::date, NULL),
    ('RNQ', 'KETTERING GENERAL HOSPITAL NHS FOUNDATION TRUST', '2019-05-01'::date, '2023-05-01'::date, NULL),
    ('RC9', 'LUTON AND DUNSTABLE UNIVERSITY HOSPITAL NHS FOUNDATION TRUST (BEDFORDSHIRE HOSPITALS NHS FOUNDATION TRUST from Apr-2020; same code)', '2019-05-01'::date, '2023-05-01'::date, 'From 2020-04 RC9 = Bedfordshire Hospitals (L&D + Bedford Hospital RC1); Bedford''s 4h breaches (RC1 reported 888 T1 breaches Mar-2020) also disappear Apr-2020..May-2023'),
    ('RXF', 'MID YORKSHIRE HOSPITALS NHS TRUST', '2019-05-01'::date, '2023-05-01'::date, NULL),
    ('RVW', 'NORTH TEES AND HARTLEPOOL NHS FOUNDATION TRUST', '2019-05-01'::date, '2023-05-01'::date, NULL),
    ('RX1', 'NOTTINGHAM UNIVERSITY HOSPITALS NHS TRUST', '2019-05-01'::date, '2023-05-01'::date, NULL),
    ('RK9', 'UNIVERSITY HOSPITALS PLYMOUTH NHS TRUST', '2019-05-01'::date, '2023-05-01'::date, NULL),
    ('RD3', 'POOLE HOSPITAL NHS FOUNDATION TRUST (to Sep-2020; merged into R0D Oct-2020)', '2019-05-01'::date, '2020-09-01'::date, 'Code ceased after Sep-2020 (merged into R0D Oct-2020)'),
    ('R0D', 'UNIVERSITY HOSPITALS DORSET NHS FOUNDATION TRUST (successor to RD3 + RDZ from Oct-2020)', '2020-10-01'::date, '2023-05-01'::date, 'Whole merged trust (incl. former Royal Bournemouth RDZ, which reported 4h data to Sep-2020) shows zero over-4h from Oct-2020'),
    ('RHU', 'PORTSMOUTH HOSPITALS (UNIVERSITY) NHS TRUST', '2019-05-01'::date, '2023-05-01'::date, NULL),
    ('RFR', 'THE ROTHERHAM NHS FOUNDATION TRUST', '2019-05-01'::date, '2023-05-01'::date, NULL),
    ('RGR', 'WEST SUFFOLK NHS FOUNDATION TRUST', '2019-05-01'::date, '2023-05-01'::date, NULL);
