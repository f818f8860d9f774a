CREATE VIEW nof.league_metric AS
SELECT m.league, m.peer_group, m.standard_code, m.metric_id, s.name AS standard_name, s.league_domain AS domain, m.scoring, m.note
  FROM dw.league_metric m JOIN dw.dim_standard s ON s.standard_code = m.standard_code;
COMMENT ON VIEW nof.league_metric IS 'The metrics of nofdb''s two league tables: nof (the NHS Oversight Framework 2025/26 metrics these five datasets provide, with official ids; OF0014 needs ECDS data and is not scored) and operational (nofdb''s own: 12-hour waits from decision to admit, 31-day cancer, DM01, Category 1 and the centiles too). Grain: league x peer group x metric.';
COMMENT ON COLUMN nof.league_metric.league IS 'nof or operational.';
COMMENT ON COLUMN nof.league_metric.peer_group IS 'acute, specialist or ambulance.';
COMMENT ON COLUMN nof.league_metric.standard_code IS 'The standard (see nof.standard).';
COMMENT ON COLUMN nof.league_metric.metric_id IS 'Official NOF metric id, e.g. OF0013 (nof table only).';
COMMENT ON COLUMN nof.league_metric.standard_name IS 'The standard in words.';
COMMENT ON COLUMN nof.league_metric.domain IS 'The domain table it counts in.';
COMMENT ON COLUMN nof.league_metric.scoring IS 'percentile (1.00-4.00 by percentile rank) or target_in_force (1.00 when the target in force is met, else 2.00-4.00).';
COMMENT ON COLUMN nof.league_metric.note IS 'Notes on the metric.';
