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
