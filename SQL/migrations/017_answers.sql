-- 017 what the reports need to answer a reader's question: how is my trust doing, against
-- England, its peers and the target, and from how much data.
-- * Short standard labels, for tables that must read at 80 columns.
-- * The league marts record how many NOF domains each organisation was scored in: an overall
--   ranking from one domain claims more than its data.
-- * How many metrics the NOF method scores each peer group on, where NHS England has said.
-- * Thresholds for the flags a reader must see (small numbers, stale figures), as data.
-- * Each organisation's rank among its peers for every standard and month (a mart, refreshed
--   with the league), so a trust's comparators cost an index lookup.
-- * Loads of files written by `nofdb sample` are marked, so figures from them say they are
--   synthetic.
ALTER TABLE dw.dim_standard ADD COLUMN short_name text;
UPDATE dw.dim_standard SET short_name = CASE standard_code
    WHEN 'ae_4h_all'        THEN 'A&E within 4 hours'
    WHEN 'ae_4h_type1'      THEN 'A&E type 1 within 4 hours'
    WHEN 'ae_12h_dta_count' THEN 'A&E 12-hour trolley waits'
    WHEN 'ae_12h_dta_share' THEN 'A&E 12-hour trolley waits (% of admissions)'
    WHEN 'amb_c1_mean'      THEN 'Category 1 mean'
    WHEN 'amb_c1_p90'       THEN 'Category 1 90th centile'
    WHEN 'amb_c2_mean'      THEN 'Category 2 mean'
    WHEN 'amb_c2_p90'       THEN 'Category 2 90th centile'
    WHEN 'amb_c3_p90'       THEN 'Category 3 90th centile'
    WHEN 'amb_c4_p90'       THEN 'Category 4 90th centile'
    WHEN 'rtt_18w'          THEN 'RTT within 18 weeks'
    WHEN 'rtt_52w_count'    THEN 'RTT waits over 52 weeks'
    WHEN 'rtt_52w_share'    THEN 'RTT over 52 weeks (%)'
    WHEN 'rtt_median_weeks' THEN 'RTT median wait'
    WHEN 'rtt_p92_weeks'    THEN 'RTT 92nd centile wait'
    WHEN 'dm01_6w'          THEN 'Diagnostics 6+ weeks'
    WHEN 'cancer_fds28'     THEN 'Cancer 28-day FDS'
    WHEN 'cancer_31d'       THEN 'Cancer 31-day'
    WHEN 'cancer_62d'       THEN 'Cancer 62-day'
    ELSE name END;
ALTER TABLE dw.dim_standard ALTER COLUMN short_name SET NOT NULL;

ALTER TABLE dw.mart_league ADD COLUMN domains_scored integer NOT NULL DEFAULT 0;

CREATE TABLE dw.nof_method_scope (
    method_year   text NOT NULL,
    peer_group    text NOT NULL,
    nof_metrics   integer NOT NULL,
    source        text NOT NULL,
    PRIMARY KEY (method_year, peer_group)
);
INSERT INTO dw.nof_method_scope VALUES
    ('2025/26', 'acute', 22, 'Northern Care Alliance NHS Foundation Trust, an acute trust, reports being measured on 22 indicators (NOF news, 9 Sep 2025); Annex A of the NOF 2025/26 lists them (not available to nofdb)');

CREATE TABLE dw.flag_rule (
    name     text PRIMARY KEY,
    value    numeric NOT NULL,
    meaning  text NOT NULL
);
INSERT INTO dw.flag_rule VALUES
    ('small_numbers_denominator', 20,
     'A provider rate made from fewer than this many patients, pathways or attendances (its denominator) is flagged small numbers: one or two patients move it by whole percentage points.'),
    ('peers_minimum', 10,
     'A provider''s rank among its peers and the peers'' median are shown only when at least this many peers report the standard that month: a rank of 1 of 1 compares nothing.'),
    ('stale_months', 2,
     'A standard whose newest figure is more than this many months before the period a report is about is flagged stale and shown "as of" its month, not as current.');

CREATE TABLE dw.mart_peer (
    period         date NOT NULL,
    standard_code  text NOT NULL REFERENCES dw.dim_standard,
    org_code       text NOT NULL,
    peer_group     text NOT NULL,
    peer_rank      integer NOT NULL,
    peers_ranked   integer NOT NULL,
    peer_median    numeric,
    PRIMARY KEY (period, standard_code, org_code)
);
CREATE INDEX mart_peer_org_idx ON dw.mart_peer (org_code, standard_code, period);

ALTER TABLE audit.load_log ADD COLUMN sample boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN audit.load_log.sample IS 'The file was written by nofdb sample (listed in its folder''s sample manifest): synthetic figures.';
