-- 002 dimensions: periods, regions, organisations (with name history), and the small
-- dimensions of each dataset.

-- Months from April 2010 to March 2040, with NHS financial-year attributes.
CREATE TABLE dw.dim_period (
    period          date PRIMARY KEY,            -- first day of the month
    year            smallint NOT NULL,
    month           smallint NOT NULL,
    month_name      text NOT NULL,               -- 'November 2024'
    month_short     text NOT NULL,               -- 'Nov-24'
    financial_year  text NOT NULL,               -- '2024/25'
    fy_quarter      smallint NOT NULL,           -- 1..4, Q1 = April-June
    quarter_code    text NOT NULL,               -- '2024-Q3' (financial year starting 2024, Q3)
    quarter_label   text NOT NULL,               -- 'Q3 2024/25' (as the NOF files write it)
    quarter_start   date NOT NULL
);
INSERT INTO dw.dim_period
SELECT d::date,
       extract(year FROM d)::smallint,
       extract(month FROM d)::smallint,
       trim(to_char(d, 'Month')) || ' ' || extract(year FROM d),
       to_char(d, 'Mon-YY'),
       fy || '/' || lpad(((fy + 1) % 100)::text, 2, '0'),
       q,
       fy || '-Q' || q,
       'Q' || q || ' ' || fy || '/' || lpad(((fy + 1) % 100)::text, 2, '0'),
       make_date(fy, 4, 1) + make_interval(months => (q - 1) * 3)
FROM generate_series(date '2010-04-01', date '2040-03-01', interval '1 month') AS d,
     LATERAL (SELECT CASE WHEN extract(month FROM d) >= 4 THEN extract(year FROM d)::int
                          ELSE extract(year FROM d)::int - 1 END AS fy) AS f,
     LATERAL (SELECT (((extract(month FROM d)::int + 8) % 12) / 3 + 1)::smallint AS q) AS qq;

-- The seven NHS England regions (codes as in DM01, AmbSYS and ODS).
CREATE TABLE dw.dim_region (
    region_code text PRIMARY KEY,
    region_name text NOT NULL
);
INSERT INTO dw.dim_region VALUES
    ('Y56', 'London'),
    ('Y58', 'South West'),
    ('Y59', 'South East'),
    ('Y60', 'Midlands'),
    ('Y61', 'East of England'),
    ('Y62', 'North West'),
    ('Y63', 'North East and Yorkshire');

-- Maps the region names seen in the files (A&E Parent Org over the years, AmbSYS, DM01, NOF)
-- to a region code. Earlier NHS England regions (2018: 'MIDLANDS AND EAST (EAST)', 'NORTH
-- (CHESHIRE AND MERSEYSIDE)', ...) map to the 2020 region that took over their area.
CREATE FUNCTION dw.region_code_for(name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN n IS NULL OR n = '' THEN NULL
        WHEN n ~ '^Y5[6-9]$|^Y6[0-3]$' THEN n
        WHEN n LIKE '%LONDON%' THEN 'Y56'
        WHEN n LIKE '%SOUTH WEST%' THEN 'Y58'
        WHEN n LIKE '%SOUTH EAST%' THEN 'Y59'
        WHEN n LIKE '%EAST OF ENGLAND%' OR n LIKE '%MIDLANDS AND EAST (EAST)%' OR n = 'EAST' THEN 'Y61'
        WHEN n LIKE '%MIDLANDS%' THEN 'Y60'
        WHEN n LIKE '%NORTH WEST%' OR n LIKE '%CHESHIRE AND MERSEYSIDE%' OR n LIKE '%GREATER MANCHESTER%'
             OR n LIKE '%LANCASHIRE%' THEN 'Y62'
        WHEN n LIKE '%NORTH EAST%' OR n LIKE '%YORKSHIRE%' OR n LIKE '%CUMBRIA AND NORTH EAST%' THEN 'Y63'
        ELSE NULL
    END
    FROM (SELECT upper(btrim(name)) AS n) AS s
$$;
COMMENT ON FUNCTION dw.region_code_for(text) IS 'Region code (Y56-Y63) for a region name or code as written in any NHS England file; NULL when unknown.';

-- Organisations by ODS code. The name and region are the latest seen; the history keeps
-- every name and region/ICB an organisation was reported under.
CREATE TABLE dw.dim_organisation (
    org_code        text PRIMARY KEY,
    org_name        text NOT NULL,
    org_kind        text NOT NULL DEFAULT 'other'
                    CHECK (org_kind IN ('nhs_trust', 'independent', 'gp_practice', 'other')),
    is_ambulance    boolean NOT NULL DEFAULT false,   -- reported as a trust in AmbSYS
    nof_trust_type  text,                             -- 'Acute trust', 'Mental health and community trust', ... from official NOF files
    nof_trust_subtype text,
    region_code     text REFERENCES dw.dim_region,
    icb_code        text,
    icb_name        text,
    first_period    date,
    last_period     date,
    successor_code  text                              -- for merged organisations
);

CREATE TABLE dw.organisation_history (
    org_code        text NOT NULL,
    dataset         text NOT NULL,
    org_name        text NOT NULL,
    parent_code     text,          -- region or ICB code as reported, if any
    parent_name     text,          -- as reported, e.g. 'NHS ENGLAND SOUTH WEST (SOUTH WEST SOUTH)'
    parent_name_key text GENERATED ALWAYS AS (coalesce(parent_name, '')) STORED,
    region_code     text,
    first_period    date NOT NULL,
    last_period     date NOT NULL,
    PRIMARY KEY (org_code, dataset, org_name, parent_name_key)
);
COMMENT ON TABLE dw.organisation_history IS 'Every name and parent (region or ICB) each organisation was reported under, per dataset, with the months seen.';

-- Known mergers: predecessor code -> successor code from a date (ODS succession).
CREATE TABLE dw.organisation_successor (
    old_code       text NOT NULL,
    new_code       text NOT NULL,
    effective_from date NOT NULL,
    note           text,
    PRIMARY KEY (old_code, new_code)
);
-- Source: NHS ODS successor organisations (succ.zip); dates as in ../shared/docs/NOF_METHOD.md §3.
INSERT INTO dw.organisation_successor VALUES
    ('RD3', 'R0D', '2020-10-01', 'Poole Hospital merged into University Hospitals Dorset'),
    ('RDZ', 'R0D', '2020-10-01', 'Royal Bournemouth and Christchurch merged into University Hospitals Dorset'),
    ('RC1', 'RC9', '2020-04-01', 'Bedford Hospital merged into Bedfordshire Hospitals (formerly Luton and Dunstable)');

-- Manual classification for organisations the rules get wrong (e.g. peer group).
CREATE TABLE dw.organisation_override (
    org_code   text PRIMARY KEY,
    peer_group text CHECK (peer_group IN ('acute', 'ambulance', 'non_acute', 'excluded')),
    note       text
);

-- Upserts the organisations seen in one slice of a load: arrays of equal length
-- (code, name, parent code, parent name, region code). Latest period wins for the current
-- name and region; every (name, parent) combination is kept in organisation_history.
CREATE FUNCTION dw.touch_organisations(
    p_dataset text, p_period date, p_codes text[], p_names text[],
    p_parent_codes text[], p_parent_names text[], p_region_codes text[]
) RETURNS void LANGUAGE sql AS $$
    WITH seen AS (
        SELECT DISTINCT ON (code) code, nullif(btrim(name), '') AS name, parent_code, parent_name,
               coalesce(region_code, dw.region_code_for(parent_name)) AS region_code
        FROM unnest(p_codes, p_names, p_parent_codes, p_parent_names, p_region_codes)
             AS u(code, name, parent_code, parent_name, region_code)
        WHERE code IS NOT NULL AND code <> ''
        ORDER BY code
    ), upsert AS (
        INSERT INTO dw.dim_organisation AS o (org_code, org_name, org_kind, region_code, first_period, last_period)
        SELECT code, coalesce(name, code),
               CASE WHEN code ~ '^R[A-Z0-9]{2}$' THEN 'nhs_trust'
                    WHEN code ~ '^[A-Z][0-9]{5}$' THEN 'gp_practice'
                    WHEN code ~ '^(N|A)[A-Z0-9]{2}' THEN 'independent'
                    ELSE 'other' END,
               region_code, p_period, p_period
        FROM seen
        ON CONFLICT (org_code) DO UPDATE SET
            org_name = CASE WHEN p_period >= o.last_period AND EXCLUDED.org_name <> EXCLUDED.org_code
                            THEN EXCLUDED.org_name ELSE o.org_name END,
            region_code = CASE WHEN EXCLUDED.region_code IS NOT NULL AND p_period >= o.last_period
                               THEN EXCLUDED.region_code ELSE coalesce(o.region_code, EXCLUDED.region_code) END,
            first_period = least(o.first_period, p_period),
            last_period = greatest(o.last_period, p_period)
        RETURNING 1
    )
    INSERT INTO dw.organisation_history AS h
        (org_code, dataset, org_name, parent_code, parent_name, region_code, first_period, last_period)
    SELECT code, p_dataset, name, parent_code, parent_name, region_code, p_period, p_period
    FROM seen WHERE name IS NOT NULL
    ON CONFLICT (org_code, dataset, org_name, parent_name_key) DO UPDATE SET
        first_period = least(h.first_period, p_period),
        last_period = greatest(h.last_period, p_period),
        parent_code = coalesce(EXCLUDED.parent_code, h.parent_code),
        region_code = coalesce(EXCLUDED.region_code, h.region_code);
$$;

-- RTT commissioners (ICBs, sub-ICB locations, hubs; NONC = non-English commissioner).
CREATE TABLE dw.dim_commissioner (
    commissioner_code text PRIMARY KEY,
    commissioner_name text,
    parent_code       text,
    parent_name       text
);

-- RTT treatment functions (C_100 ... C_502, X02-X06 groupers, C_999 Total).
CREATE TABLE dw.dim_treatment_function (
    treatment_function_code text PRIMARY KEY,
    treatment_function_name text NOT NULL,
    is_total boolean GENERATED ALWAYS AS (treatment_function_code = 'C_999') STORED
);

CREATE TABLE dw.dim_rtt_part (
    part        text PRIMARY KEY,
    part_code   text NOT NULL,
    description text NOT NULL,
    has_bands   boolean NOT NULL
);
INSERT INTO dw.dim_rtt_part VALUES
    ('1A', 'Part_1A', 'Completed Pathways For Admitted Patients', true),
    ('1B', 'Part_1B', 'Completed Pathways For Non-Admitted Patients', true),
    ('2',  'Part_2',  'Incomplete Pathways', true),
    ('2A', 'Part_2A', 'Incomplete Pathways with DTA', true),
    ('3',  'Part_3',  'New RTT Periods - All Patients', false);

-- DM01 diagnostic tests, as numbered in the Monthly Diagnostics web file.
CREATE TABLE dw.dim_diagnostic_test (
    test_id   smallint PRIMARY KEY,
    test_name text NOT NULL
);
INSERT INTO dw.dim_diagnostic_test VALUES
    (1, 'Magnetic Resonance Imaging'), (2, 'Computed Tomography'), (3, 'Non-obstetric Ultrasound'),
    (4, 'Barium Enema'), (5, 'DEXA Scan'), (6, 'Audiology - Audiology Assessments'),
    (7, 'Cardiology - Echocardiography'), (8, 'Cardiology - Electrophysiology'),
    (9, 'Neurophysiology - Peripheral Neurophysiology'), (10, 'Respiratory physiology - Sleep Studies'),
    (11, 'Urodynamics - Pressures & Flows'), (12, 'Colonoscopy'), (13, 'Flexi Sigmoidoscopy'),
    (14, 'Cystoscopy'), (15, 'Gastroscopy'), (16, 'Total');

-- Cancer waiting-times standards in the CWT CRS provider extract.
CREATE TABLE dw.dim_cancer_standard (
    cancer_standard text PRIMARY KEY,     -- as written in the file
    short_code      text NOT NULL UNIQUE, -- FDS28, D31, D62
    description     text NOT NULL
);
INSERT INTO dw.dim_cancer_standard VALUES
    ('28-day FDS', 'FDS28', 'Four week (28-day) wait from urgent referral to diagnosis or exclusion of cancer'),
    ('31-day Combined', 'D31', 'One month (31-day) wait from decision to treat to first or subsequent treatment'),
    ('62-day Combined', 'D62', 'Two month (62-day) wait from urgent referral, screening or upgrade to first definitive treatment');
