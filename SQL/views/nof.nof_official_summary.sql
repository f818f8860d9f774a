CREATE VIEW nof.nof_official_summary AS
SELECT m.period, m.quarter_label, m.org_code, o.org_name, max(m.trust_type) AS trust_type,
       max(m.trust_subtype) AS trust_subtype, max(m.region_name) AS region_name,
       max(m.value) FILTER (WHERE m.metric_id = 'OF5002') AS average_score,
       dw.average_score(array_agg(m.value) FILTER (WHERE m.metric_id ~ '^OF1' AND m.metric_id NOT IN ('OF1079', 'OF1081')))
           AS recomputed_average_score,
       (max(m.value) FILTER (WHERE m.metric_id = 'OF5003'))::smallint AS unadjusted_segment,
       (max(m.value) FILTER (WHERE m.metric_id = 'OF5004')) = 1 AS finance_override,
       (max(m.value) FILTER (WHERE m.metric_id = 'OF5000'))::smallint AS adjusted_segment,
       (max(m.value) FILTER (WHERE m.metric_id = 'OF5005'))::smallint AS final_segment,
       (max(m.value) FILTER (WHERE m.metric_id = 'OF5007')) = 1 AS in_recovery_support,
       (max(m.rank) FILTER (WHERE m.metric_id = 'OF5000'))::integer AS league_rank,
       (max(m.rank) FILTER (WHERE m.metric_id = 'OF5002'))::integer AS score_rank,
       count(*) FILTER (WHERE m.metric_id ~ '^OF1' AND m.metric_id NOT IN ('OF1079', 'OF1081') AND m.value <> 0)::integer
           AS metrics_scored
  FROM dw.fact_nof_metric m
  LEFT JOIN dw.dim_organisation o ON o.org_code = m.org_code
 GROUP BY m.period, m.quarter_label, m.org_code, o.org_name;
COMMENT ON VIEW nof.nof_official_summary IS 'Official NOF outcome per trust and quarter (the OF5xxx rows), with nofdb''s own recomputation of the average metric score from the published OF1xxx scores. Grain: trust x quarter.';
COMMENT ON COLUMN nof.nof_official_summary.period IS 'First day of the assessment quarter.';
COMMENT ON COLUMN nof.nof_official_summary.quarter_label IS 'Quarter, e.g. Q4 2025/26.';
COMMENT ON COLUMN nof.nof_official_summary.org_code IS 'Trust ODS code.';
COMMENT ON COLUMN nof.nof_official_summary.org_name IS 'Trust name.';
COMMENT ON COLUMN nof.nof_official_summary.trust_type IS 'Trust type (the peer group).';
COMMENT ON COLUMN nof.nof_official_summary.trust_subtype IS 'Trust subtype.';
COMMENT ON COLUMN nof.nof_official_summary.region_name IS 'NHS region as published.';
COMMENT ON COLUMN nof.nof_official_summary.average_score IS 'Official average metric score (OF5002).';
COMMENT ON COLUMN nof.nof_official_summary.recomputed_average_score IS 'nofdb: mean of the non-zero OF1xxx scores (OF1079/OF1081 feed OF1080), 2 dp.';
COMMENT ON COLUMN nof.nof_official_summary.unadjusted_segment IS 'Official unadjusted segment (OF5003).';
COMMENT ON COLUMN nof.nof_official_summary.finance_override IS 'Official financial override flag (OF5004): in deficit or on deficit support.';
COMMENT ON COLUMN nof.nof_official_summary.adjusted_segment IS 'Official adjusted segment (OF5000).';
COMMENT ON COLUMN nof.nof_official_summary.final_segment IS 'Official final segment override (OF5005; 5 = Recovery Support Programme), where published.';
COMMENT ON COLUMN nof.nof_official_summary.in_recovery_support IS 'In the Recovery Support Programme (OF5007), where published.';
COMMENT ON COLUMN nof.nof_official_summary.league_rank IS 'Official league rank (the OF5000 row''s rank).';
COMMENT ON COLUMN nof.nof_official_summary.score_rank IS 'Official rank by average score alone (the OF5002 row''s rank).';
COMMENT ON COLUMN nof.nof_official_summary.metrics_scored IS 'Number of non-zero OF1xxx scores averaged.';
