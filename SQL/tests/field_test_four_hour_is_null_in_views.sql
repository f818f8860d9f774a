-- rule: In the public views a field-test site's four-hour figures are NULL (not 0) in the months it did not report them.
SELECT 'nof.ae_monthly' AS view, a.period, a.org_code, a.over4_type1::numeric AS value
  FROM nof.ae_monthly a
  JOIN dw.ae_field_test_site ft ON ft.org_code = a.org_code
   AND a.period BETWEEN ft.first_month_not_reported AND ft.last_month_not_reported
 WHERE a.four_hour_status <> 'not_reported_field_test' OR a.over4_type1 IS NOT NULL OR a.over4_other IS NOT NULL
UNION ALL
SELECT 'nof.standard_performance', p.period, p.org_code, p.rate
  FROM nof.standard_performance p
  JOIN dw.ae_field_test_site ft ON ft.org_code = p.org_code
   AND p.period BETWEEN ft.first_month_not_reported AND ft.last_month_not_reported
 WHERE p.org_level = 'provider' AND p.standard_code IN ('ae_4h_all', 'ae_4h_type1')
   AND (p.rate IS NOT NULL OR p.status <> 'not_reported_field_test')
