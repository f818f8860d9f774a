-- The A&E four-hour field test: England with and without the sites, like-for-like series,
-- and a detector for the next gap of this kind.

CREATE VIEW nof.ae_four_hour_national AS
SELECT e.period, p.month_name AS period_label,
       e.numerator AS within_4h, e.denominator AS attendances, round(e.value, 2) AS pct_within_4h,
       raw.within_4h_including_zeros, raw.attendances_including_field_test,
       round(100.0 * raw.within_4h_including_zeros / nullif(raw.attendances_including_field_test, 0), 2) AS pct_naive_including_zeros,
       raw.field_test_sites, raw.field_test_attendances,
       CASE WHEN raw.field_test_sites > 0
            THEN raw.field_test_sites || ' field-test sites did not report four-hour performance; their attendances are excluded'
       END AS note
  FROM dw.mart_standard e
  JOIN dw.dim_period p ON p.period = e.period
  JOIN LATERAL (
        SELECT sum(f.att_type1 + f.att_type2 + f.att_other + coalesce(f.att_booked_type1, 0) + coalesce(f.att_booked_type2, 0) + coalesce(f.att_booked_other, 0)
                   - (f.over4_type1 + f.over4_type2 + f.over4_other + coalesce(f.over4_booked_type1, 0) + coalesce(f.over4_booked_type2, 0) + coalesce(f.over4_booked_other, 0))) AS within_4h_including_zeros,
               sum(f.att_type1 + f.att_type2 + f.att_other + coalesce(f.att_booked_type1, 0) + coalesce(f.att_booked_type2, 0) + coalesce(f.att_booked_other, 0)) AS attendances_including_field_test,
               count(*) FILTER (WHERE ft.org_code IS NOT NULL) AS field_test_sites,
               sum(f.att_type1 + f.att_type2 + f.att_other) FILTER (WHERE ft.org_code IS NOT NULL) AS field_test_attendances
          FROM dw.fact_ae f
          LEFT JOIN dw.ae_field_test_site ft
                 ON ft.org_code = f.org_code AND f.period BETWEEN ft.first_month_not_reported AND ft.last_month_not_reported
         WHERE f.period = e.period) raw ON true
 WHERE e.standard_code = 'ae_4h_all' AND e.org_level = 'england' AND e.breakdown = '';
COMMENT ON VIEW nof.ae_four_hour_national IS 'England A&E four-hour performance (all types) per month: excluding the field-test sites'' breaches and attendances (the official basis), beside the naive figure that counts their zeros. Grain: month.';
COMMENT ON COLUMN nof.ae_four_hour_national.period IS 'Month (first day).';
COMMENT ON COLUMN nof.ae_four_hour_national.period_label IS 'Month and year.';
COMMENT ON COLUMN nof.ae_four_hour_national.within_4h IS 'Attendances within 4 hours at sites reporting four-hour performance.';
COMMENT ON COLUMN nof.ae_four_hour_national.attendances IS 'Attendances at sites reporting four-hour performance.';
COMMENT ON COLUMN nof.ae_four_hour_national.pct_within_4h IS '% within 4 hours, excluding non-reporting sites (the official basis).';
COMMENT ON COLUMN nof.ae_four_hour_national.within_4h_including_zeros IS 'Within 4 hours if the field-test sites'' zeros were taken as real.';
COMMENT ON COLUMN nof.ae_four_hour_national.attendances_including_field_test IS 'All attendances, including the field-test sites (as the file TOTAL row).';
COMMENT ON COLUMN nof.ae_four_hour_national.pct_naive_including_zeros IS 'The overstated figure a naive sum of the file gives.';
COMMENT ON COLUMN nof.ae_four_hour_national.field_test_sites IS 'Field-test sites in the file that month.';
COMMENT ON COLUMN nof.ae_four_hour_national.field_test_attendances IS 'Their attendances (excluded from the four-hour figure).';
COMMENT ON COLUMN nof.ae_four_hour_national.note IS 'Footnote for reports.';

CREATE OR REPLACE FUNCTION nof.ae_four_hour_like_for_like(p_from date, p_to date)
RETURNS TABLE (period date, sites integer, attendances numeric, within_4h numeric, pct_within_4h numeric)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, dw AS $$
    WITH months AS (
        SELECT DISTINCT m.period FROM dw.mart_standard m
         WHERE m.standard_code = 'ae_4h_all' AND m.org_level = 'england' AND m.period BETWEEN p_from AND p_to
    ), sites AS (
        SELECT m.org_code FROM dw.mart_standard m
         WHERE m.standard_code = 'ae_4h_all' AND m.org_level = 'provider' AND m.status = 'reported'
           AND m.period IN (SELECT period FROM months)
         GROUP BY m.org_code HAVING count(*) = (SELECT count(*) FROM months)
    )
    SELECT m.period, count(*)::integer, sum(m.denominator), sum(m.numerator),
           round(100.0 * sum(m.numerator) / nullif(sum(m.denominator), 0), 2)
      FROM dw.mart_standard m
     WHERE m.standard_code = 'ae_4h_all' AND m.org_level = 'provider' AND m.org_code IN (SELECT org_code FROM sites)
       AND m.period IN (SELECT period FROM months)
     GROUP BY m.period ORDER BY m.period
$$;
COMMENT ON FUNCTION nof.ae_four_hour_like_for_like(date, date) IS 'England four-hour performance per month over the same set of sites throughout [p_from, p_to]: only sites reporting four-hour data in every loaded month of the range.';

CREATE VIEW nof.ae_four_hour_like_for_like AS
SELECT * FROM nof.ae_four_hour_like_for_like('1900-01-01', '2999-12-01');
COMMENT ON VIEW nof.ae_four_hour_like_for_like IS 'England four-hour performance over the sites that reported four-hour data in every loaded month (a like-for-like series). For another range call nof.ae_four_hour_like_for_like(from, to). Grain: month.';
COMMENT ON COLUMN nof.ae_four_hour_like_for_like.period IS 'Month (first day).';
COMMENT ON COLUMN nof.ae_four_hour_like_for_like.sites IS 'Sites in the fixed set.';
COMMENT ON COLUMN nof.ae_four_hour_like_for_like.attendances IS 'Their attendances.';
COMMENT ON COLUMN nof.ae_four_hour_like_for_like.within_4h IS 'Their attendances within 4 hours.';
COMMENT ON COLUMN nof.ae_four_hour_like_for_like.pct_within_4h IS '% within 4 hours over the fixed set.';

CREATE VIEW nof.ae_four_hour_gap_detector AS
SELECT f.period, f.org_code, o.org_name, f.att_type1,
       f.over4_type1 + f.over4_type2 + f.over4_other + coalesce(f.over4_booked_type1, 0)
           + coalesce(f.over4_booked_type2, 0) + coalesce(f.over4_booked_other, 0) AS over4_all,
       ft.org_code IS NOT NULL AS in_reference,
       CASE WHEN ft.org_code IS NULL
            THEN 'not explained: substantial type 1 attendances, zero four-hour breaches and no field-test entry'
            ELSE 'explained only in part: the field-test site absorbed ' || merged.sites || ', which was not in the field test'
       END AS finding
  FROM dw.fact_ae f
  LEFT JOIN dw.dim_organisation o ON o.org_code = f.org_code
  LEFT JOIN dw.ae_field_test_site ft
         ON ft.org_code = f.org_code AND f.period BETWEEN ft.first_month_not_reported AND ft.last_month_not_reported
  LEFT JOIN LATERAL (
        SELECT string_agg(s.old_code || ' (' || coalesce(s.note, 'merged') || ', from ' || to_char(s.effective_from, 'Mon YYYY') || ')', '; ') AS sites
          FROM dw.organisation_successor s
         WHERE s.new_code = f.org_code AND s.effective_from <= f.period
           AND NOT EXISTS (SELECT 1 FROM dw.ae_field_test_site t
                            WHERE t.org_code = s.old_code AND t.last_month_not_reported >= (s.effective_from - interval '1 month')::date)
       ) merged ON true
 WHERE f.att_type1 >= 1000
   AND f.over4_type1 + f.over4_type2 + f.over4_other + coalesce(f.over4_booked_type1, 0)
       + coalesce(f.over4_booked_type2, 0) + coalesce(f.over4_booked_other, 0) = 0
   AND (ft.org_code IS NULL OR merged.sites IS NOT NULL);
COMMENT ON VIEW nof.ae_four_hour_gap_detector IS 'Organisation-months with substantial type 1 attendances (1,000+) and zero four-hour breaches that the field-test reference does not fully explain: a new non-reporting site, or a field-test site that absorbed a merged site which was not itself in the test (e.g. Bedford into RC9, Royal Bournemouth into R0D). Grain: organisation x month.';
COMMENT ON COLUMN nof.ae_four_hour_gap_detector.period IS 'Month (first day).';
COMMENT ON COLUMN nof.ae_four_hour_gap_detector.org_code IS 'Provider ODS code.';
COMMENT ON COLUMN nof.ae_four_hour_gap_detector.org_name IS 'Latest provider name.';
COMMENT ON COLUMN nof.ae_four_hour_gap_detector.att_type1 IS 'Type 1 attendances that month.';
COMMENT ON COLUMN nof.ae_four_hour_gap_detector.over4_all IS 'Four-hour breaches in every column (0).';
COMMENT ON COLUMN nof.ae_four_hour_gap_detector.in_reference IS 'True when the site is a listed field-test site that month.';
COMMENT ON COLUMN nof.ae_four_hour_gap_detector.finding IS 'Why the row is listed.';
