CREATE VIEW nof.nof_official_metric AS
SELECT m.period, m.quarter_label, m.org_code, o.org_name, m.trust_type, m.trust_subtype, m.region_name, m.domain,
       m.sub_domain, m.metric_id, m.metric_description, m.reporting_date,
       r.kind AS reporting_period_kind, r.period_start AS reporting_period_start, r.period_end AS reporting_period_end,
       CASE WHEN r.kind IN ('month', 'quarter', 'financial_year')
            THEN extract(year FROM r.period_start - interval '3 months')::int || '/'
                 || lpad(((extract(year FROM r.period_start - interval '3 months')::int + 1) % 100)::text, 2, '0')
       END AS reporting_financial_year,
       m.units, m.value, m.median_value,
       m.lower_quartile, m.upper_quartile, m.rank,
       CASE WHEN m.metric_id ~ '^OF0' THEN 'value' WHEN m.metric_id ~ '^OF1' THEN 'score'
            WHEN m.metric_id ~ '^OF40' THEN 'domain_score' WHEN m.metric_id ~ '^OF41' THEN 'domain_segment'
            ELSE 'summary' END AS metric_family
  FROM dw.fact_nof_metric m
  LEFT JOIN dw.dim_organisation o ON o.org_code = m.org_code
  CROSS JOIN LATERAL dw.reporting_period(m.reporting_date) r;
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
COMMENT ON COLUMN nof.nof_official_metric.reporting_period_kind IS 'What reporting_date names: month, quarter, financial_year, calendar_year, range (the first of "A vs B") or other (no period, or ambiguous such as "Month 3 2025").';
COMMENT ON COLUMN nof.nof_official_metric.reporting_period_start IS 'First day of the period reporting_date names (NULL when other).';
COMMENT ON COLUMN nof.nof_official_metric.reporting_period_end IS 'Last day of the period reporting_date names (NULL when other).';
COMMENT ON COLUMN nof.nof_official_metric.reporting_financial_year IS 'The financial year (April-March, e.g. 2025/26) of a month, quarter or financial year; NULL otherwise.';
COMMENT ON COLUMN nof.nof_official_metric.units IS 'Units: %, score, segment, out of 10, flag, percentage points.';
COMMENT ON COLUMN nof.nof_official_metric.value IS 'The published value.';
COMMENT ON COLUMN nof.nof_official_metric.median_value IS 'Peer median.';
COMMENT ON COLUMN nof.nof_official_metric.lower_quartile IS 'Peer lower quartile.';
COMMENT ON COLUMN nof.nof_official_metric.upper_quartile IS 'Peer upper quartile.';
COMMENT ON COLUMN nof.nof_official_metric.rank IS 'Published rank (1 = best).';
COMMENT ON COLUMN nof.nof_official_metric.metric_family IS 'value, score, domain_score, domain_segment or summary.';
