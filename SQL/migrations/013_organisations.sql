-- 013 organisations over time: the ODS reference files loaded as datasets (etr.csv / ect.csv
-- trusts, succ.csv successors, each file one slice dated by the newest date it holds), the
-- ICBs with their lifetimes and the April 2026 mergers, each trust's ICB month by month, and
-- ICB rows in the standards mart.

-- ODS NHS trusts (etr.csv) and care trusts (ect.csv), as published: one row per organisation
-- per loaded file. Source: NHS England Organisation Data Service, "NHS Trusts and sites"
-- (https://digital.nhs.uk/services/organisation-data-service), no header row, 27 columns; nofdb
-- keeps columns 1-4, 10-12. period = the month of the newest open or close date in the file.
CREATE TABLE dw.fact_ods_trust (
    period      date NOT NULL,
    org_code    text NOT NULL,
    org_name    text NOT NULL,
    region_code text,
    icb_code    text,
    postcode    text,
    open_date   date NOT NULL,
    close_date  date
) PARTITION BY LIST (period);
COMMENT ON TABLE dw.fact_ods_trust IS 'ODS NHS trusts and care trusts files (etr.csv, ect.csv) as loaded: one row per organisation per file; period dates the file by its newest open or close date.';

-- ODS successor organisations (succ.csv): old code, new code, reason, effective date, and the
-- indicator ODS publishes (1 = not confirmed). Trusts, CCGs, ICBs and sites alike, as published.
CREATE TABLE dw.fact_ods_successor (
    period         date NOT NULL,
    old_code       text NOT NULL,
    new_code       text NOT NULL,
    reason         text,
    effective_from date NOT NULL,
    not_confirmed  boolean NOT NULL
) PARTITION BY LIST (period);
COMMENT ON TABLE dw.fact_ods_successor IS 'ODS successor organisations file (succ.csv) as loaded; period dates the file by its newest effective date.';

-- ICBs, with the dates they existed. Sources (../shared/data/ods, see its README): the 42 ICBs of
-- 1 July 2022 - 31 March 2026 from icb-2024.csv (ONS LSOA 2021 to ICB 2024 lookup, via
-- humaniverse/geographr data/lookup_lsoa21_icb24.rda @ c026be5); the April 2026 mergers (42 -> 36)
-- from icb-2026-successions.csv (rcpch/rcpch-nhs-organisations documentation/docs/developer/
-- icb-history.md @ 2346f35; agrees with the ICB rows of ODS succ.csv). A predecessor that is not
-- itself a successor ends on 31 March 2026; QRL (Hampshire and Isle of Wight) acquired part of
-- Frimley and continues. Refresh from a later official file with UPDATE/INSERT, then nofdb rebuild.
CREATE TABLE dw.icb (
    icb_code    text PRIMARY KEY,
    ons_code    text,
    icb_name    text NOT NULL,
    valid_from  date NOT NULL,
    valid_to    date,
    source      text NOT NULL,
    region_code text
);
COMMENT ON TABLE dw.icb IS 'Integrated care boards with the dates they existed (ICBs began 1 July 2022; 42 became 36 on 1 April 2026).';
CREATE TABLE dw.icb_succession (
    predecessor     text NOT NULL REFERENCES dw.icb (icb_code),
    successor       text NOT NULL REFERENCES dw.icb (icb_code),
    effective_from  date NOT NULL,
    succession_type text NOT NULL CHECK (succession_type IN ('merger', 'split', 'acquisition')),
    PRIMARY KEY (predecessor, successor)
);
COMMENT ON TABLE dw.icb_succession IS 'ICB mergers, splits and acquisitions (April 2026).';
INSERT INTO dw.icb (icb_code, ons_code, icb_name, valid_from, valid_to, source) VALUES
    ('QE1', 'E54000048', 'NHS Lancashire and South Cumbria Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QF7', 'E54000061', 'NHS South Yorkshire Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QGH', 'E54000019', 'NHS Herefordshire and Worcestershire Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QH8', 'E54000026', 'NHS Mid and South Essex Integrated Care Board', '2022-07-01', '2026-03-31', 'icb-2024'),
    ('QHG', 'E54000024', 'NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board', '2022-07-01', '2026-03-31', 'icb-2024'),
    ('QHL', 'E54000055', 'NHS Birmingham and Solihull Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QHM', 'E54000050', 'NHS North East and North Cumbria Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QJ2', 'E54000058', 'NHS Derby and Derbyshire Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QJG', 'E54000023', 'NHS Suffolk and North East Essex Integrated Care Board', '2022-07-01', '2026-03-31', 'icb-2024'),
    ('QJK', 'E54000037', 'NHS Devon Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QJM', 'E54000013', 'NHS Lincolnshire Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QK1', 'E54000015', 'NHS Leicester, Leicestershire and Rutland Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QKK', 'E54000030', 'NHS South East London Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QKS', 'E54000032', 'NHS Kent and Medway Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QM7', 'E54000025', 'NHS Hertfordshire and West Essex Integrated Care Board', '2022-07-01', '2026-03-31', 'icb-2024'),
    ('QMF', 'E54000029', 'NHS North East London Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QMJ', 'E54000028', 'NHS North Central London Integrated Care Board', '2022-07-01', '2026-03-31', 'icb-2024'),
    ('QMM', 'E54000022', 'NHS Norfolk and Waveney Integrated Care Board', '2022-07-01', '2026-03-31', 'icb-2024'),
    ('QNC', 'E54000010', 'NHS Staffordshire and Stoke-on-Trent Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QNQ', 'E54000034', 'NHS Frimley Integrated Care Board', '2022-07-01', '2026-03-31', 'icb-2024'),
    ('QNX', 'E54000064', 'NHS Sussex Integrated Care Board', '2022-07-01', '2026-03-31', 'icb-2024'),
    ('QOC', 'E54000011', 'NHS Shropshire, Telford and Wrekin Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QOP', 'E54000057', 'NHS Greater Manchester Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QOQ', 'E54000051', 'NHS Humber and North Yorkshire Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QOX', 'E54000040', 'NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QPM', 'E54000059', 'NHS Northamptonshire Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QR1', 'E54000043', 'NHS Gloucestershire Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QRL', 'E54000042', 'NHS Hampshire and Isle of Wight Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QRV', 'E54000027', 'NHS North West London Integrated Care Board', '2022-07-01', '2026-03-31', 'icb-2024'),
    ('QSL', 'E54000038', 'NHS Somerset Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QT1', 'E54000060', 'NHS Nottingham and Nottinghamshire Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QT6', 'E54000036', 'NHS Cornwall and the Isles of Scilly Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QU9', 'E54000044', 'NHS Buckinghamshire, Oxfordshire and Berkshire West Integrated Care Board', '2022-07-01', '2026-03-31', 'icb-2024'),
    ('QUA', 'E54000062', 'NHS Black Country Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QUE', 'E54000056', 'NHS Cambridgeshire and Peterborough Integrated Care Board', '2022-07-01', '2026-03-31', 'icb-2024'),
    ('QUY', 'E54000039', 'NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QVV', 'E54000041', 'NHS Dorset Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QWE', 'E54000031', 'NHS South West London Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QWO', 'E54000054', 'NHS West Yorkshire Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QWU', 'E54000018', 'NHS Coventry and Warwickshire Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('QXU', 'E54000063', 'NHS Surrey Heartlands Integrated Care Board', '2022-07-01', '2026-03-31', 'icb-2024'),
    ('QYG', 'E54000008', 'NHS Cheshire and Merseyside Integrated Care Board', '2022-07-01', NULL, 'icb-2024'),
    ('D7T5G', NULL, 'NHS Essex Integrated Care Board', '2026-04-01', NULL, 'icb-2026-successions'),
    ('S0E4D', NULL, 'NHS Thames Valley Integrated Care Board', '2026-04-01', NULL, 'icb-2026-successions'),
    ('S1Y5D', NULL, 'NHS Central East Integrated Care Board', '2026-04-01', NULL, 'icb-2026-successions'),
    ('S9B9J', NULL, 'NHS Surrey and Sussex Integrated Care Board', '2026-04-01', NULL, 'icb-2026-successions'),
    ('T6Y0W', NULL, 'NHS Norfolk and Suffolk Integrated Care Board', '2026-04-01', NULL, 'icb-2026-successions'),
    ('Z9B2Z', NULL, 'NHS West and North London Integrated Care Board', '2026-04-01', NULL, 'icb-2026-successions');
INSERT INTO dw.icb_succession (predecessor, successor, effective_from, succession_type) VALUES
    ('QHG', 'S1Y5D', '2026-04-01', 'merger'),
    ('QUE', 'S1Y5D', '2026-04-01', 'merger'),
    ('QM7', 'S1Y5D', '2026-04-01', 'split'),
    ('QM7', 'D7T5G', '2026-04-01', 'split'),
    ('QH8', 'D7T5G', '2026-04-01', 'merger'),
    ('QJG', 'D7T5G', '2026-04-01', 'split'),
    ('QJG', 'T6Y0W', '2026-04-01', 'split'),
    ('QMM', 'T6Y0W', '2026-04-01', 'merger'),
    ('QNQ', 'S0E4D', '2026-04-01', 'split'),
    ('QNQ', 'S9B9J', '2026-04-01', 'split'),
    ('QNQ', 'QRL', '2026-04-01', 'acquisition'),
    ('QU9', 'S0E4D', '2026-04-01', 'merger'),
    ('QXU', 'S9B9J', '2026-04-01', 'merger'),
    ('QNX', 'S9B9J', '2026-04-01', 'merger'),
    ('QMJ', 'Z9B2Z', '2026-04-01', 'merger'),
    ('QRV', 'Z9B2Z', '2026-04-01', 'merger');

-- Each trust's ICB month by month (dw.refresh_organisation_icb, after an ODS trusts load):
-- basis 'in force' (an ODS file lists it in an ICB that existed that month), 'first ICB' (a month
-- before ICBs began in July 2022: the first ICB it belonged to), or 'nearest file' (no loaded file
-- gives an ICB that existed that month: the nearest file's).
CREATE TABLE dw.organisation_icb_month (
    org_code    text NOT NULL,
    period      date NOT NULL,
    icb_code    text NOT NULL,
    region_code text,
    basis       text NOT NULL CHECK (basis IN ('in force', 'first ICB', 'nearest file')),
    PRIMARY KEY (org_code, period)
);
COMMENT ON TABLE dw.organisation_icb_month IS 'Each trust''s ICB in each month, from the loaded ODS trusts files and the ICBs'' lifetimes.';

-- ICB rows in the standards mart, beside provider, region and England rows.
ALTER TABLE dw.mart_standard DROP CONSTRAINT mart_standard_org_level_check;
ALTER TABLE dw.mart_standard ADD CONSTRAINT mart_standard_org_level_check
    CHECK (org_level IN ('provider', 'icb', 'region', 'england'));
