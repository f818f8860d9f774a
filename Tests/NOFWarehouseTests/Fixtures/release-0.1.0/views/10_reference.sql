-- Reference views: calendar, regions, organisations, standards and targets, field-test sites.

CREATE VIEW nof.period AS
SELECT period, year, month, month_name, month_short, financial_year, fy_quarter, quarter_code, quarter_label, quarter_start
  FROM dw.dim_period;
COMMENT ON VIEW nof.period IS 'Calendar of months (April 2010 - March 2040) with NHS financial-year attributes. Grain: one row per month.';
COMMENT ON COLUMN nof.period.period IS 'First day of the month; the key every monthly view uses.';
COMMENT ON COLUMN nof.period.year IS 'Calendar year.';
COMMENT ON COLUMN nof.period.month IS 'Calendar month number, 1-12.';
COMMENT ON COLUMN nof.period.month_name IS 'Month and year, e.g. November 2024.';
COMMENT ON COLUMN nof.period.month_short IS 'Short label, e.g. Nov-24.';
COMMENT ON COLUMN nof.period.financial_year IS 'NHS financial year (April-March), e.g. 2024/25.';
COMMENT ON COLUMN nof.period.fy_quarter IS 'Quarter of the financial year, 1-4 (Q1 = April-June).';
COMMENT ON COLUMN nof.period.quarter_code IS 'Quarter as nofdb --period takes it, e.g. 2024-Q3 (financial year starting 2024, Q3).';
COMMENT ON COLUMN nof.period.quarter_label IS 'Quarter as the NOF files write it, e.g. Q3 2024/25.';
COMMENT ON COLUMN nof.period.quarter_start IS 'First day of the quarter; the key of quarterly views.';

CREATE VIEW nof.region AS
SELECT region_code, region_name FROM dw.dim_region;
COMMENT ON VIEW nof.region IS 'The seven NHS England regions. Grain: one row per region.';
COMMENT ON COLUMN nof.region.region_code IS 'ODS region code, Y56-Y63.';
COMMENT ON COLUMN nof.region.region_name IS 'Region name, e.g. North East and Yorkshire.';

CREATE VIEW nof.organisation AS
SELECT o.org_code, o.org_name, o.org_kind, o.is_ambulance, o.nof_trust_type, o.nof_trust_subtype,
       o.region_code, r.region_name, o.first_period, o.last_period, s.new_code AS successor_code,
       ov.peer_group AS peer_group_override
  FROM dw.dim_organisation o
  LEFT JOIN dw.dim_region r ON r.region_code = o.region_code
  LEFT JOIN dw.organisation_successor s ON s.old_code = o.org_code
  LEFT JOIN dw.organisation_override ov ON ov.org_code = o.org_code;
COMMENT ON VIEW nof.organisation IS 'Organisations (trusts, independent providers, GP practices) seen in any loaded file, with their latest name and region. Grain: one row per ODS code.';
COMMENT ON COLUMN nof.organisation.org_code IS 'ODS organisation code, e.g. RBD.';
COMMENT ON COLUMN nof.organisation.org_name IS 'Latest name reported in a file (name history: nof.organisation_history).';
COMMENT ON COLUMN nof.organisation.org_kind IS 'nhs_trust (R..), independent, gp_practice or other, from the shape of the ODS code.';
COMMENT ON COLUMN nof.organisation.is_ambulance IS 'True when AmbSYS reports it as an ambulance trust.';
COMMENT ON COLUMN nof.organisation.nof_trust_type IS 'Trust type in the official NOF files (e.g. Acute trust), when loaded.';
COMMENT ON COLUMN nof.organisation.nof_trust_subtype IS 'Trust subtype in the official NOF files, when loaded.';
COMMENT ON COLUMN nof.organisation.region_code IS 'Latest region code (Y56-Y63) reported for it.';
COMMENT ON COLUMN nof.organisation.region_name IS 'Name of that region.';
COMMENT ON COLUMN nof.organisation.first_period IS 'First month it appears in a loaded file.';
COMMENT ON COLUMN nof.organisation.last_period IS 'Last month it appears in a loaded file.';
COMMENT ON COLUMN nof.organisation.successor_code IS 'The organisation it merged into, if any (ODS succession).';
COMMENT ON COLUMN nof.organisation.peer_group_override IS 'Manual peer group (acute, ambulance, non_acute, excluded) overriding the rules, if set.';

CREATE VIEW nof.organisation_history AS
SELECT org_code, dataset, org_name, parent_code, parent_name, region_code, first_period, last_period
  FROM dw.organisation_history;
COMMENT ON VIEW nof.organisation_history IS 'Every name and parent (region or ICB) each organisation was reported under, per dataset. Grain: organisation x dataset x name x parent.';
COMMENT ON COLUMN nof.organisation_history.org_code IS 'ODS organisation code.';
COMMENT ON COLUMN nof.organisation_history.dataset IS 'Dataset the name was seen in (ae, ambulance, rtt, cancer, diagnostics, nof_data, nof_league).';
COMMENT ON COLUMN nof.organisation_history.org_name IS 'Name as written in the file.';
COMMENT ON COLUMN nof.organisation_history.parent_code IS 'Parent code as reported (RTT: ICB; DM01 and AmbSYS: region).';
COMMENT ON COLUMN nof.organisation_history.parent_name IS 'Parent name as reported (A&E: NHS England region, e.g. NHS ENGLAND SOUTH WEST (SOUTH WEST SOUTH)).';
COMMENT ON COLUMN nof.organisation_history.region_code IS 'Region code derived from the parent, if any.';
COMMENT ON COLUMN nof.organisation_history.first_period IS 'First month with this name and parent.';
COMMENT ON COLUMN nof.organisation_history.last_period IS 'Last month with this name and parent.';

CREATE VIEW nof.standard AS
SELECT standard_code, dataset, name, unit, higher_is_better, numerator, denominator, league_domain, peer_group,
       in_league, nof_metric_id, aggregation, quarter_method, sort_order
  FROM dw.dim_standard;
COMMENT ON VIEW nof.standard IS 'The operational standards nofdb measures. Grain: one row per standard.';
COMMENT ON COLUMN nof.standard.standard_code IS 'Key used by nof.standard_performance, e.g. ae_4h_all, rtt_18w.';
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

CREATE VIEW nof.standard_target AS
SELECT standard_code, target_kind, threshold, comparator, effective_from, effective_to, domain, measure, source
  FROM dw.standard_target;
COMMENT ON VIEW nof.standard_target IS 'Constitutional standards and interim planning targets with effective dates, seeded from reference/standards.csv. Grain: one row per target.';
COMMENT ON COLUMN nof.standard_target.standard_code IS 'The nofdb standard it applies to; NULL when nofdb cannot measure it.';
COMMENT ON COLUMN nof.standard_target.target_kind IS 'constitutional, interim, report_only, not_computable or legacy_not_in_data.';
COMMENT ON COLUMN nof.standard_target.threshold IS 'Threshold in the standard''s unit.';
COMMENT ON COLUMN nof.standard_target.comparator IS 'How to compare: >=, <=, <, or a non-numeric rule.';
COMMENT ON COLUMN nof.standard_target.effective_from IS 'First day in force (NULL: before the data).';
COMMENT ON COLUMN nof.standard_target.effective_to IS 'Last day in force (NULL: still in force).';
COMMENT ON COLUMN nof.standard_target.domain IS 'Domain as the reference file writes it.';
COMMENT ON COLUMN nof.standard_target.measure IS 'Measure as the reference file writes it.';
COMMENT ON COLUMN nof.standard_target.source IS 'Where the target comes from.';

CREATE VIEW nof.ae_field_test_site AS
SELECT org_code, org_name, first_month_not_reported, last_month_not_reported, note FROM dw.ae_field_test_site;
COMMENT ON VIEW nof.ae_field_test_site IS 'The 14 trusts in the A&E four-hour field test (May 2019 - May 2023), whose files show 0 over four hours that is not a real 0. Source: NHS England, Publication of May A&E data (June 2019). Grain: one row per trust code.';
COMMENT ON COLUMN nof.ae_field_test_site.org_code IS 'ODS code of the trust.';
COMMENT ON COLUMN nof.ae_field_test_site.org_name IS 'Trust name (with merger notes).';
COMMENT ON COLUMN nof.ae_field_test_site.first_month_not_reported IS 'First month whose four-hour figures are not reported.';
COMMENT ON COLUMN nof.ae_field_test_site.last_month_not_reported IS 'Last month whose four-hour figures are not reported.';
COMMENT ON COLUMN nof.ae_field_test_site.note IS 'Merger notes.';
