-- 006 standards mart: one row per period x organisation x standard (x breakdown), with
-- England and region rows computed from providers, refreshed by the loader for the periods
-- each load touches. Reports and league tables read this instead of the raw facts.
--
-- supersedes: bd4e0926fd8353212321d336c0e4363c03cdfdd312720d816bf0637511c1887d (the release 0.1.0 text of this migration, which also held functions now in SQL/logic)

-- The materialised standards: provider rows plus England ('ENG') and region rows made
-- from them. Refreshed per (dataset, period) by the loader in the load's transaction.
CREATE TABLE dw.mart_standard (
    period         date NOT NULL,
    quarter_start  date NOT NULL,    -- the NHS financial quarter holding `period`
    org_level      text NOT NULL CHECK (org_level IN ('provider', 'region', 'england')),
    org_code       text NOT NULL,
    region_code    text,
    standard_code  text NOT NULL REFERENCES dw.dim_standard,
    breakdown      text NOT NULL DEFAULT '',
    numerator      numeric,
    denominator    numeric,
    value          numeric,
    status         text NOT NULL CHECK (status IN ('reported', 'not_reported_field_test', 'not_submitted')),
    providers      integer,          -- for England/region rows: providers with data
    PRIMARY KEY (period, standard_code, org_level, org_code, breakdown)
);
CREATE INDEX mart_standard_org_idx ON dw.mart_standard (org_code, standard_code, period);
CREATE INDEX mart_standard_quarter_idx ON dw.mart_standard (quarter_start, standard_code);
