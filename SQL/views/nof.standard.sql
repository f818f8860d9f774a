CREATE VIEW nof.standard AS
SELECT standard_code, dataset, name, short_name, unit, higher_is_better, numerator, denominator, league_domain, peer_group,
       in_league, nof_metric_id, aggregation, quarter_method, sort_order
  FROM dw.dim_standard;
COMMENT ON VIEW nof.standard IS 'The operational standards nofdb measures. Grain: one row per standard.';
COMMENT ON COLUMN nof.standard.standard_code IS 'Key used by nof.standard_performance, e.g. ae_4h_all, rtt_18w.';
COMMENT ON COLUMN nof.standard.short_name IS 'A short label for narrow tables and charts (Category 2 mean, Cancer 62-day).';
COMMENT ON COLUMN nof.standard.dataset IS 'Dataset it is computed from.';
COMMENT ON COLUMN nof.standard.name IS 'Plain-English description.';
COMMENT ON COLUMN nof.standard.unit IS 'Unit of the rate column: %, minutes, weeks or count.';
COMMENT ON COLUMN nof.standard.higher_is_better IS 'True when a higher value is better.';
COMMENT ON COLUMN nof.standard.numerator IS 'What the numerator counts.';
COMMENT ON COLUMN nof.standard.denominator IS 'What the denominator counts.';
COMMENT ON COLUMN nof.standard.league_domain IS 'Domain table it belongs to: urgent_and_emergency_care, elective, cancer, diagnostics.';
COMMENT ON COLUMN nof.standard.peer_group IS 'Peer group scored on it: acute or ambulance.';
COMMENT ON COLUMN nof.standard.in_league IS 'True when nofdb league tables score it.';
COMMENT ON COLUMN nof.standard.nof_metric_id IS 'Closest official NOF metric id, if any (e.g. OF0013).';
COMMENT ON COLUMN nof.standard.aggregation IS 'How England/region figures are made from providers: pct, mean, sum, bands or published.';
COMMENT ON COLUMN nof.standard.quarter_method IS 'How quarters are made from months: pooled, last_month or none.';
COMMENT ON COLUMN nof.standard.sort_order IS 'Display order.';
