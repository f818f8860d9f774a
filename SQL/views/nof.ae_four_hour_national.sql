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
