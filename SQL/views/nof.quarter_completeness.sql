-- Which quarters every loaded monthly dataset covers in full: the default quarter of the
-- league and segment reports is the latest complete one, so a league is never scored on the
-- one or two months that have arrived of a new quarter.
CREATE VIEW nof.quarter_completeness AS
WITH loaded AS (
    SELECT DISTINCT dataset FROM audit.load_slice
     WHERE dataset IN ('ae', 'ambulance', 'rtt', 'cancer', 'diagnostics')
), quarters AS (
    SELECT DISTINCT p.quarter_start
      FROM audit.load_slice s JOIN dw.dim_period p ON p.period = s.period
     WHERE s.dataset IN (SELECT dataset FROM loaded)
), months AS (
    SELECT q.quarter_start, d.dataset,
           (SELECT count(*) FROM audit.load_slice s
             WHERE s.dataset = d.dataset AND s.period >= q.quarter_start
               AND s.period < (q.quarter_start + interval '3 months')::date) AS months
      FROM quarters q CROSS JOIN loaded d
)
SELECT m.quarter_start, p.quarter_code, p.quarter_label,
       count(*) FILTER (WHERE m.months = 3) AS datasets_complete,
       count(*) AS datasets_loaded,
       coalesce(string_agg(m.dataset || ' ' || m.months || '/3', ', ' ORDER BY m.dataset) FILTER (WHERE m.months < 3), '') AS incomplete,
       bool_and(m.months = 3) AS complete
  FROM months m JOIN dw.dim_period p ON p.period = m.quarter_start
 GROUP BY m.quarter_start, p.quarter_code, p.quarter_label;
COMMENT ON VIEW nof.quarter_completeness IS 'For each NHS financial quarter with data: whether every loaded monthly dataset (A&E, ambulance, RTT, cancer, diagnostics) has all three months. Reports default to the latest complete quarter. Grain: quarter.';
COMMENT ON COLUMN nof.quarter_completeness.quarter_start IS 'First month of the quarter (first day).';
COMMENT ON COLUMN nof.quarter_completeness.quarter_code IS 'Quarter as nofdb takes it on the command line, e.g. 2024-Q3.';
COMMENT ON COLUMN nof.quarter_completeness.quarter_label IS 'Quarter as the NOF files write it, e.g. Q3 2024/25.';
COMMENT ON COLUMN nof.quarter_completeness.datasets_complete IS 'How many loaded datasets have all three months.';
COMMENT ON COLUMN nof.quarter_completeness.datasets_loaded IS 'How many monthly datasets are loaded at all (any month).';
COMMENT ON COLUMN nof.quarter_completeness.incomplete IS 'The datasets short of three months, with the months they have, e.g. rtt 1/3.';
COMMENT ON COLUMN nof.quarter_completeness.complete IS 'True when every loaded dataset has all three months of the quarter.';
