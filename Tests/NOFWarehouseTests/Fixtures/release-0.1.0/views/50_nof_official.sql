-- The official NHS Oversight Framework files, as loaded, and their summary per trust-quarter.

CREATE VIEW nof.nof_official_metric AS
SELECT m.period, m.quarter_label, m.org_code, o.org_name, m.trust_type, m.trust_subtype, m.region_name, m.domain,
       m.sub_domain, m.metric_id, m.metric_description, m.reporting_date, m.units, m.value, m.median_value,
       m.lower_quartile, m.upper_quartile, m.rank,
       CASE WHEN m.metric_id ~ '^OF0' THEN 'value' WHEN m.metric_id ~ '^OF1' THEN 'score'
            WHEN m.metric_id ~ '^OF40' THEN 'domain_score' WHEN m.metric_id ~ '^OF41' THEN 'domain_segment'
            ELSE 'summary' END AS metric_family
  FROM dw.fact_nof_metric m
  LEFT JOIN dw.dim_organisation o ON o.org_code = m.org_code;
COMMENT ON VIEW nof.nof_official_metric IS 'The official NOF data file as published: metric values, 1-4 scores, domain scores and segments per trust and quarter. Grain: trust x quarter x metric x units.';
COMMENT ON COLUMN nof.nof_official_metric.period IS 'First day of the assessment quarter.';
COMMENT ON COLUMN nof.nof_official_metric.quarter_label IS 'Quarter as published, e.g. Q4 2025/26.';
COMMENT ON COLUMN nof.nof_official_metric.org_code IS 'Trust ODS code.';
COMMENT ON COLUMN nof.nof_official_metric.org_name IS 'Trust name (latest seen in any file).';
COMMENT ON COLUMN nof.nof_official_metric.trust_type IS 'Acute trust, Mental health and community trust or Ambulance trust.';
COMMENT ON COLUMN nof.nof_official_metric.trust_subtype IS 'Subtype, e.g. Community.';
COMMENT ON COLUMN nof.nof_official_metric.region_name IS 'NHS region as published.';
COMMENT ON COLUMN nof.nof_official_metric.domain IS 'NOF domain (Access to services, ..., Summary).';
COMMENT ON COLUMN nof.nof_official_metric.sub_domain IS 'Sub-domain.';
COMMENT ON COLUMN nof.nof_official_metric.metric_id IS 'Metric id: OF0xxx value, OF1xxx score, OF40xx domain score, OF41xx domain segment, OF5xxx summary.';
COMMENT ON COLUMN nof.nof_official_metric.metric_description IS 'Metric description.';
COMMENT ON COLUMN nof.nof_official_metric.reporting_date IS 'The data period the value refers to, free text as published (e.g. Mar-26, 2025/26 plan).';
COMMENT ON COLUMN nof.nof_official_metric.units IS 'Units: %, score, segment, out of 10, flag, percentage points.';
COMMENT ON COLUMN nof.nof_official_metric.value IS 'The published value.';
COMMENT ON COLUMN nof.nof_official_metric.median_value IS 'Peer median.';
COMMENT ON COLUMN nof.nof_official_metric.lower_quartile IS 'Peer lower quartile.';
COMMENT ON COLUMN nof.nof_official_metric.upper_quartile IS 'Peer upper quartile.';
COMMENT ON COLUMN nof.nof_official_metric.rank IS 'Published rank (1 = best).';
COMMENT ON COLUMN nof.nof_official_metric.metric_family IS 'value, score, domain_score, domain_segment or summary.';

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

CREATE VIEW nof.nof_official_league AS
SELECT l.period, l.quarter_label, l.org_code, o.org_name, l.trust_type, l.trust_subtype, l.region_name, l.average_score,
       l.likely_range_average, l.segment, l.in_financial_deficit, l.rank, l.likely_range_rank
  FROM dw.fact_nof_league l
  LEFT JOIN dw.dim_organisation o ON o.org_code = l.org_code;
COMMENT ON VIEW nof.nof_official_league IS 'The official NOF league table file as published. Grain: trust x quarter.';
COMMENT ON COLUMN nof.nof_official_league.period IS 'First day of the quarter.';
COMMENT ON COLUMN nof.nof_official_league.quarter_label IS 'Quarter.';
COMMENT ON COLUMN nof.nof_official_league.org_code IS 'Trust ODS code.';
COMMENT ON COLUMN nof.nof_official_league.org_name IS 'Trust name.';
COMMENT ON COLUMN nof.nof_official_league.trust_type IS 'Trust type (league).';
COMMENT ON COLUMN nof.nof_official_league.trust_subtype IS 'Trust subtype.';
COMMENT ON COLUMN nof.nof_official_league.region_name IS 'NHS region.';
COMMENT ON COLUMN nof.nof_official_league.average_score IS 'Average metric score.';
COMMENT ON COLUMN nof.nof_official_league.likely_range_average IS 'Likely range of the average score, as published.';
COMMENT ON COLUMN nof.nof_official_league.segment IS 'Segment (the adjusted segment).';
COMMENT ON COLUMN nof.nof_official_league.in_financial_deficit IS 'Trust in financial deficit.';
COMMENT ON COLUMN nof.nof_official_league.rank IS 'League rank.';
COMMENT ON COLUMN nof.nof_official_league.likely_range_rank IS 'Likely range of the rank, as published.';
