-- Each provider's newest figure for each standard, and whether it is stale: older, by more than
-- dw.flag_rule stale_months, than the provider's newest figure for any standard (a trust whose
-- A&E stops in December 2021 while its cancer runs to 2025 is not doing A&E "now").
CREATE VIEW nof.provider_latest AS
SELECT l.*, n.newest_period,
       ((extract(year FROM age(n.newest_period, l.period)) * 12 + extract(month FROM age(n.newest_period, l.period))))::integer AS months_behind,
       ((extract(year FROM age(n.newest_period, l.period)) * 12 + extract(month FROM age(n.newest_period, l.period)))
            > (SELECT value FROM dw.flag_rule WHERE name = 'stale_months')) AS stale
  FROM (SELECT DISTINCT ON (c.org_code, c.standard_code) c.*
          FROM nof.provider_comparison c
         WHERE c.rate IS NOT NULL
         ORDER BY c.org_code, c.standard_code, c.period DESC) l
  JOIN (SELECT m.org_code, max(m.period) AS newest_period
          FROM dw.mart_standard m WHERE m.org_level = 'provider' AND m.value IS NOT NULL GROUP BY m.org_code) n
    ON n.org_code = l.org_code;
COMMENT ON VIEW nof.provider_latest IS 'Each provider''s newest figure for each standard (the columns of nof.provider_comparison), with how many months it is behind the provider''s newest figure for any standard and a stale flag. Grain: provider x standard.';
COMMENT ON COLUMN nof.provider_latest.period IS 'First day of the month of the newest figure (its as-of month).';
COMMENT ON COLUMN nof.provider_latest.period_label IS 'The month, e.g. December 2021.';
COMMENT ON COLUMN nof.provider_latest.org_code IS 'Provider ODS code.';
COMMENT ON COLUMN nof.provider_latest.org_name IS 'Provider name (the ODS reference name when an ODS trusts file is loaded).';
COMMENT ON COLUMN nof.provider_latest.peer_group IS 'The peer group its rank is among: acute, specialist or ambulance (as in the league tables).';
COMMENT ON COLUMN nof.provider_latest.region_code IS 'NHS England region code.';
COMMENT ON COLUMN nof.provider_latest.region_name IS 'NHS England region.';
COMMENT ON COLUMN nof.provider_latest.icb_code IS 'The ICB the trust belonged to that month (none for ambulance standards: an ambulance trust serves many ICBs).';
COMMENT ON COLUMN nof.provider_latest.standard_code IS 'Standard (nof.standard).';
COMMENT ON COLUMN nof.provider_latest.standard_name IS 'Standard name.';
COMMENT ON COLUMN nof.provider_latest.short_name IS 'Short label of the standard.';
COMMENT ON COLUMN nof.provider_latest.unit IS '%, minutes, weeks or count.';
COMMENT ON COLUMN nof.provider_latest.higher_is_better IS 'Direction of better.';
COMMENT ON COLUMN nof.provider_latest.numerator IS 'Numerator (e.g. attendances within 4 hours).';
COMMENT ON COLUMN nof.provider_latest.denominator IS 'Denominator (e.g. attendances; patients treated; incidents).';
COMMENT ON COLUMN nof.provider_latest.rate IS 'The provider''s value.';
COMMENT ON COLUMN nof.provider_latest.status IS 'reported, not_reported_field_test or not_submitted.';
COMMENT ON COLUMN nof.provider_latest.small_numbers IS 'True when the rate comes from fewer patients than dw.flag_rule small_numbers_denominator (20): read it with care.';
COMMENT ON COLUMN nof.provider_latest.target IS 'The target in force that month.';
COMMENT ON COLUMN nof.provider_latest.target_kind IS 'constitutional or interim.';
COMMENT ON COLUMN nof.provider_latest.met IS 'Whether the value meets the target in force.';
COMMENT ON COLUMN nof.provider_latest.england_rate IS 'England''s value that month (from all providers reporting; the A&E field-test sites excluded from the four-hour measures).';
COMMENT ON COLUMN nof.provider_latest.region_rate IS 'The provider''s region''s value that month.';
COMMENT ON COLUMN nof.provider_latest.icb_rate IS 'The provider''s ICB''s value that month.';
COMMENT ON COLUMN nof.provider_latest.peer_median IS 'Median value among the peer group''s providers reporting that month.';
COMMENT ON COLUMN nof.provider_latest.peer_rank IS 'Rank among the peer group''s providers reporting that month, 1 = best (ties share a rank); none for counts, which follow a trust''s size.';
COMMENT ON COLUMN nof.provider_latest.peers_ranked IS 'Providers of the peer group ranked that month.';
COMMENT ON COLUMN nof.provider_latest.vs_england IS 'better, worse or same as England, in the standard''s direction; none for counts (England''s is a sum).';
COMMENT ON COLUMN nof.provider_latest.newest_period IS 'The provider''s newest month with a figure for any standard.';
COMMENT ON COLUMN nof.provider_latest.months_behind IS 'Months between this figure and the provider''s newest figure.';
COMMENT ON COLUMN nof.provider_latest.stale IS 'True when more than dw.flag_rule stale_months (2) behind: show it as of its month, not as current.';
