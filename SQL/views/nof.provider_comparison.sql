-- Each provider's figure for every standard and month with what a reader judges it against:
-- the target in force, England, its region and ICB (rates from summed numerators and
-- denominators, as NHS England computes them), and its peer group (the median, and its rank
-- among the peers reporting: 1 = best). Flags a rate made from small numbers.
CREATE VIEW nof.provider_comparison AS
SELECT m.period, p.month_name AS period_label, m.org_code, o.org_name,
       coalesce(pr.peer_group, vp.peer_group) AS peer_group,
       m.region_code, r.region_name, om.icb_code,
       m.standard_code, s.name AS standard_name, s.short_name, s.unit, s.higher_is_better,
       m.numerator, m.denominator, m.value AS rate, m.status,
       (s.unit <> 'count' AND m.denominator IS NOT NULL AND m.denominator < f.value) AS small_numbers,
       t.target, t.target_kind, dw.meets(m.value, t.target, t.comparator) AS met,
       e.value AS england_rate, rg.value AS region_rate, ic.value AS icb_rate,
       pr.peer_median, pr.peer_rank, pr.peers_ranked,
       CASE WHEN m.value IS NULL OR e.value IS NULL OR s.unit = 'count' THEN NULL
            WHEN m.value = e.value THEN 'same'
            WHEN (m.value > e.value) = s.higher_is_better THEN 'better'
            ELSE 'worse' END AS vs_england
  FROM dw.mart_standard m
  JOIN dw.dim_standard s ON s.standard_code = m.standard_code
  JOIN dw.dim_period p ON p.period = m.period
  CROSS JOIN (SELECT value FROM dw.flag_rule WHERE name = 'small_numbers_denominator') f
  LEFT JOIN dw.dim_organisation o ON o.org_code = m.org_code
  LEFT JOIN dw.dim_region r ON r.region_code = m.region_code
  LEFT JOIN dw.v_organisation_peer vp ON vp.org_code = m.org_code
  LEFT JOIN dw.organisation_icb_month om ON om.org_code = m.org_code AND om.period = m.period AND s.dataset <> 'ambulance'
  LEFT JOIN dw.mart_standard e
         ON e.period = m.period AND e.standard_code = m.standard_code AND e.org_level = 'england' AND e.org_code = 'ENG'
        AND e.breakdown = ''
  LEFT JOIN dw.mart_standard rg
         ON rg.period = m.period AND rg.standard_code = m.standard_code AND rg.org_level = 'region'
        AND rg.org_code = m.region_code AND rg.breakdown = ''
  LEFT JOIN dw.mart_standard ic
         ON ic.period = m.period AND ic.standard_code = m.standard_code AND ic.org_level = 'icb'
        AND ic.org_code = om.icb_code AND ic.breakdown = ''
  LEFT JOIN dw.mart_peer pr ON pr.period = m.period AND pr.standard_code = m.standard_code AND pr.org_code = m.org_code
  LEFT JOIN dw.v_target_in_force t ON t.standard_code = m.standard_code AND t.period = m.period
 WHERE m.org_level = 'provider' AND m.breakdown = '';
COMMENT ON VIEW nof.provider_comparison IS 'Each provider''s figure for every standard and month beside the target in force, England, its region, its ICB and its peer group (median, and its rank among the peers reporting), with a small-numbers flag. Grain: month x provider x standard.';
COMMENT ON COLUMN nof.provider_comparison.period IS 'First day of the month.';
COMMENT ON COLUMN nof.provider_comparison.period_label IS 'The month, e.g. December 2021.';
COMMENT ON COLUMN nof.provider_comparison.org_code IS 'Provider ODS code.';
COMMENT ON COLUMN nof.provider_comparison.org_name IS 'Provider name (the ODS reference name when an ODS trusts file is loaded).';
COMMENT ON COLUMN nof.provider_comparison.peer_group IS 'The peer group its rank is among: acute, specialist or ambulance (as in the league tables).';
COMMENT ON COLUMN nof.provider_comparison.region_code IS 'NHS England region code.';
COMMENT ON COLUMN nof.provider_comparison.region_name IS 'NHS England region.';
COMMENT ON COLUMN nof.provider_comparison.icb_code IS 'The ICB the trust belonged to that month (none for ambulance standards: an ambulance trust serves many ICBs).';
COMMENT ON COLUMN nof.provider_comparison.standard_code IS 'Standard (nof.standard).';
COMMENT ON COLUMN nof.provider_comparison.standard_name IS 'Standard name.';
COMMENT ON COLUMN nof.provider_comparison.short_name IS 'Short label of the standard.';
COMMENT ON COLUMN nof.provider_comparison.unit IS '%, minutes, weeks or count.';
COMMENT ON COLUMN nof.provider_comparison.higher_is_better IS 'Direction of better.';
COMMENT ON COLUMN nof.provider_comparison.numerator IS 'Numerator (e.g. attendances within 4 hours).';
COMMENT ON COLUMN nof.provider_comparison.denominator IS 'Denominator (e.g. attendances; patients treated; incidents).';
COMMENT ON COLUMN nof.provider_comparison.rate IS 'The provider''s value.';
COMMENT ON COLUMN nof.provider_comparison.status IS 'reported, not_reported_field_test or not_submitted.';
COMMENT ON COLUMN nof.provider_comparison.small_numbers IS 'True when the rate comes from fewer patients than dw.flag_rule small_numbers_denominator (20): read it with care.';
COMMENT ON COLUMN nof.provider_comparison.target IS 'The target in force that month.';
COMMENT ON COLUMN nof.provider_comparison.target_kind IS 'constitutional or interim.';
COMMENT ON COLUMN nof.provider_comparison.met IS 'Whether the value meets the target in force.';
COMMENT ON COLUMN nof.provider_comparison.england_rate IS 'England''s value that month (from all providers reporting; the A&E field-test sites excluded from the four-hour measures).';
COMMENT ON COLUMN nof.provider_comparison.region_rate IS 'The provider''s region''s value that month.';
COMMENT ON COLUMN nof.provider_comparison.icb_rate IS 'The provider''s ICB''s value that month.';
COMMENT ON COLUMN nof.provider_comparison.peer_median IS 'Median value among the peer group''s providers reporting that month.';
COMMENT ON COLUMN nof.provider_comparison.peer_rank IS 'Rank among the peer group''s providers reporting that month, 1 = best (ties share a rank); none for counts, which follow a trust''s size.';
COMMENT ON COLUMN nof.provider_comparison.peers_ranked IS 'Providers of the peer group ranked that month.';
COMMENT ON COLUMN nof.provider_comparison.vs_england IS 'better, worse or same as England, in the standard''s direction; none for counts (England''s is a sum).';
