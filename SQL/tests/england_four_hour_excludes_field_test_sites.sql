-- rule: England's four-hour attendances are those of the sites that reported four-hour performance: the field-test sites' attendances are left out.
SELECT n.period, n.attendances, n.attendances_including_field_test, n.field_test_attendances
  FROM nof.ae_four_hour_national n
 WHERE n.attendances + coalesce(
           (SELECT sum(f.att_type1 + f.att_type2 + f.att_other + coalesce(f.att_booked_type1, 0)
                       + coalesce(f.att_booked_type2, 0) + coalesce(f.att_booked_other, 0))
              FROM dw.fact_ae f
              JOIN dw.ae_field_test_site ft ON ft.org_code = f.org_code
               AND f.period BETWEEN ft.first_month_not_reported AND ft.last_month_not_reported
             WHERE f.period = n.period), 0)
       <> n.attendances_including_field_test
