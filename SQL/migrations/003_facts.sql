-- 003 facts: one table per dataset at the published grain, LIST-partitioned by period
-- (first day of the month; NOF facts use the first day of the quarter). A load writes each
-- (dataset, period) slice once, straight into a fresh partition, and swaps it in atomically.
-- NULL means "not reported / not applicable" and is kept apart from 0 everywhere.
--
-- supersedes: 599e14a6b04ae055c717499d8abd32749dd8a6aa664a91b88903461e03fe4e3a (the release 0.1.0 text of this migration, which also held functions now in SQL/logic)
-- depends: dw.region_code_for (the generated column fact_ae.region_code calls it)

-- A&E attendances and emergency admissions (MSitAE monthly provider CSV), as reported.
-- Four-hour columns hold what the file says, including the field-test sites' zeros; the
-- nof views apply the field-test rule.
CREATE TABLE dw.fact_ae (
    period              date NOT NULL,
    org_code            text NOT NULL,
    parent_name         text,
    region_code         text GENERATED ALWAYS AS (dw.region_code_for(parent_name)) STORED,
    att_type1           integer NOT NULL,
    att_type2           integer NOT NULL,
    att_other           integer NOT NULL,
    att_booked_type1    integer,        -- NULL before the August 2020 layout
    att_booked_type2    integer,
    att_booked_other    integer,
    over4_type1         integer NOT NULL,
    over4_type2         integer NOT NULL,
    over4_other         integer NOT NULL,
    over4_booked_type1  integer,
    over4_booked_type2  integer,
    over4_booked_other  integer,
    dta_4_to_12         integer NOT NULL,
    dta_12_plus         integer NOT NULL,
    emadm_type1         integer NOT NULL,
    emadm_type2         integer NOT NULL,
    emadm_other_ae      integer NOT NULL,
    emadm_other         integer NOT NULL    -- 'Other emergency admissions' (not via A&E)
) PARTITION BY LIST (period);

-- Ambulance Systems Indicators (AmbSYS): every A-code of every org-month in `acodes`
-- ('.' = NULL), and the key measures typed. Times in seconds.
CREATE TABLE dw.fact_ambulance (
    period        date NOT NULL,
    org_code      text NOT NULL,
    org_level     text NOT NULL CHECK (org_level IN ('england', 'region', 'trust')),
    region_code   text,
    contacts      bigint,   -- A0
    calls_answered bigint,  -- A1
    incidents     bigint,   -- A7
    c1_incidents  bigint,   -- A8
    c1_total_s    bigint,   -- A24
    c1_mean_s     bigint,   -- A25
    c1_p90_s      bigint,   -- A26
    c1t_incidents bigint,   -- A9
    c1t_total_s   bigint,   -- A27
    c1t_mean_s    bigint,   -- A28
    c1t_p90_s     bigint,   -- A29
    c2_incidents  bigint,   -- A10
    c2_total_s    bigint,   -- A30
    c2_mean_s     bigint,   -- A31
    c2_p90_s      bigint,   -- A32
    c3_incidents  bigint,   -- A11
    c3_total_s    bigint,   -- A33
    c3_mean_s     bigint,   -- A34
    c3_p90_s      bigint,   -- A35
    c4_incidents  bigint,   -- A12
    c4_total_s    bigint,   -- A36
    c4_mean_s     bigint,   -- A37
    c4_p90_s      bigint,   -- A38
    acodes        jsonb NOT NULL   -- {"A0": 177540, "A114": null, ...}
) PARTITION BY LIST (period);

-- RTT Full CSV: provider x commissioner x part x treatment function. `bands` holds the
-- weekly bands in order (105 to 'Gt 104 Weeks' or 53 to 'Gt 52 Weeks' in older layouts);
-- NULL when the file leaves them blank (Part_3). C_999 rows are totals: never add them to
-- specialty rows.
CREATE TABLE dw.fact_rtt (
    period                   date NOT NULL,
    provider_code            text NOT NULL,
    provider_parent_code     text,
    commissioner_parent_code text,
    commissioner_code        text NOT NULL,
    part                     text NOT NULL,
    treatment_function_code  text NOT NULL,
    bands                    integer[],
    total                    integer,
    unknown_clock_start      integer,
    total_all                integer
) PARTITION BY LIST (period);

-- RTT per provider x part, all specialties (the C_999 rows summed over commissioners),
-- written by the loader in the same pass as fact_rtt.
CREATE TABLE dw.fact_rtt_provider (
    period               date NOT NULL,
    provider_code        text NOT NULL,
    part                 text NOT NULL,
    bands                bigint[],
    total                bigint,
    unknown_clock_start  bigint,
    total_all            bigint,
    commissioner_rows    integer NOT NULL
) PARTITION BY LIST (period);

-- Cancer Waiting Times, CWT CRS provider extract. Counts are numeric: 62-day patients
-- shared between providers count one half each.
CREATE TABLE dw.fact_cancer (
    period           date NOT NULL,
    org_code         text NOT NULL,
    cancer_standard  text NOT NULL,
    stage_route      text NOT NULL,
    modality         text,             -- NULL for 28-day FDS (empty in the file)
    cancer_type      text NOT NULL,
    total_treated    numeric(12,1) NOT NULL,
    within_standard  numeric(12,1) NOT NULL,
    breaches         numeric(12,1) NOT NULL
) PARTITION BY LIST (period);

-- DM01 Monthly Diagnostics, Provider by Test sheet (the providers' Total test rows are
-- checked, not stored; England is the sum of providers). `bands` = 0-<1 ... 12-<13, 13+ weeks.
CREATE TABLE dw.fact_diagnostics (
    period                 date NOT NULL,
    org_code               text NOT NULL,
    region_code            text,
    test_id                smallint NOT NULL,
    total_waiting          integer NOT NULL,
    waiting_6plus          integer NOT NULL,
    waiting_13plus         integer NOT NULL,
    bands                  integer[] NOT NULL,
    planned                integer,
    unscheduled            integer,
    waiting_list_activity  integer
) PARTITION BY LIST (period);

-- Official NHS Oversight Framework data file: one row per trust x quarter x metric.
-- `period` is the first day of the assessment quarter.
CREATE TABLE dw.fact_nof_metric (
    period              date NOT NULL,
    quarter_label       text NOT NULL,
    org_code            text NOT NULL,
    trust_type          text,
    trust_subtype       text,
    region_name         text,
    domain              text,
    sub_domain          text,
    metric_id           text NOT NULL,
    metric_description  text,
    reporting_date      text,
    units               text,
    value               numeric,
    median_value        numeric,
    lower_quartile      numeric,
    upper_quartile      numeric,
    rank                numeric
) PARTITION BY LIST (period);

-- Official NOF league table: one row per trust x quarter.
CREATE TABLE dw.fact_nof_league (
    period                 date NOT NULL,
    quarter_label          text NOT NULL,
    org_code               text NOT NULL,
    trust_type             text,
    trust_subtype          text,
    region_name            text,
    average_score          numeric,
    likely_range_average   text,
    segment                smallint,
    in_financial_deficit   boolean,
    rank                   integer,
    likely_range_rank      text
) PARTITION BY LIST (period);
