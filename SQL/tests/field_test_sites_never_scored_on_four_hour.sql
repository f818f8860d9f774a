-- rule: An A&E field-test site is never scored on four-hour performance for a month, or a quarter holding a month, in which it did not report it.
SELECT sc.period_type, sc.period, sc.peer_group, sc.org_code, sc.standard_code, sc.value, sc.score
  FROM dw.mart_league_score sc
  JOIN dw.ae_field_test_site ft ON ft.org_code = sc.org_code
 WHERE sc.standard_code IN ('ae_4h_all', 'ae_4h_type1') AND sc.score IS NOT NULL
   AND ft.first_month_not_reported <= (sc.period + CASE sc.period_type WHEN 'quarter' THEN interval '2 months' ELSE interval '0' END)::date
   AND ft.last_month_not_reported >= sc.period
