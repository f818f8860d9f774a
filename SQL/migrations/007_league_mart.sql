-- 007 league tables and segments, NOF 2025/26 style, materialised per period by the loader.
-- Method (../shared/docs/NOF_METHOD.md §1.3-1.6): each metric scored 1 (best) to 4; with a
-- standard, sites meeting it score 1.00 and the rest spread over 2.00-4.00 by percentile
-- rank; without one, 1.00-4.00 by percentile rank; ties take the best score; missing data
-- is excluded. Average of available scores (2 dp); segments 1-4 by quartile of the averages;
-- rank by segment then average, standard competition ranking (1, 2, 2, 4).
--
-- supersedes: 94d100233e02a44c35f7f15b4d5784c6fb8944e823e91b25df276694f316af01 (the release 0.1.0 text of this migration, which also held functions now in SQL/logic)

CREATE TABLE dw.mart_league_score (
    period_type   text NOT NULL CHECK (period_type IN ('month', 'quarter')),
    period        date NOT NULL,
    peer_group    text NOT NULL,
    org_code      text NOT NULL,
    standard_code text NOT NULL REFERENCES dw.dim_standard,
    value         numeric,
    status        text NOT NULL,
    threshold     numeric,
    comparator    text,
    target_kind   text,
    met           boolean,
    percentile    numeric,
    score         numeric(4,2),
    PRIMARY KEY (period_type, period, peer_group, standard_code, org_code)
);

CREATE TABLE dw.mart_league (
    period_type     text NOT NULL,
    period          date NOT NULL,
    peer_group      text NOT NULL,
    domain          text NOT NULL,
    org_code        text NOT NULL,
    average_score   numeric(4,2),
    metrics_scored  integer NOT NULL,
    metrics_missing text[] NOT NULL,
    segment         smallint,
    four_hour_not_reported boolean NOT NULL DEFAULT false,
    PRIMARY KEY (period_type, period, peer_group, domain, org_code)
);
