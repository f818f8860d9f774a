-- report: field-test
-- title: The A&E four-hour field test
-- description: The A&E four-hour field test: the sites, their months not reported, England with and without them, and unexplained gaps (to --period, by default the newest A&E month).
-- param: period date
-- latest: SELECT max(period) FROM nof.data_coverage WHERE dataset = 'ae'
-- section: Field-test sites
-- column: org_code | Code
-- column: org_name | Organisation
-- column: first_not_reported | First month not reported
-- column: last_not_reported | Last month not reported
-- column: loaded_months_not_reported | Months loaded in that span
-- footnote: Source: NHS England, Publication of May A&E data (June 2019); dates checked against the MSitAE files.
SELECT s.org_code, s.org_name,
       to_char(s.first_month_not_reported, 'YYYY-MM') AS first_not_reported,
       to_char(s.last_month_not_reported, 'YYYY-MM') AS last_not_reported,
       (SELECT count(*) FROM nof.ae_monthly f
         WHERE f.org_code = s.org_code AND f.period BETWEEN s.first_month_not_reported AND s.last_month_not_reported) AS loaded_months_not_reported
  FROM nof.ae_field_test_site s ORDER BY s.org_code;
-- section: England four-hour performance
-- column: month | Month
-- column: basis | Basis
-- column: pct | Within 4 hours (%)
-- column: attendances | Attendances | count
-- column: excluded_sites | Sites excluded
-- chart: line x=month y=pct series=basis unit=% axis=within_four_hours fieldtest=excluded_sites
SELECT to_char(period, 'YYYY-MM') AS month, basis, pct, attendances, field_test_sites AS excluded_sites
  FROM (SELECT period, 'excluding non-reporting sites' AS basis, pct_within_4h AS pct, attendances, field_test_sites
          FROM nof.ae_four_hour_national
        UNION ALL
        SELECT period, 'naive (their zeros counted)', pct_naive_including_zeros, attendances_including_field_test, field_test_sites
          FROM nof.ae_four_hour_national) x
 WHERE period <= :period
 ORDER BY basis, period;
-- section: Unexplained gaps
-- column: month | Month
-- column: org_code | Code
-- column: org_name | Organisation
-- column: type1_attendances | Type 1 attendances | count
-- column: finding | Finding
SELECT to_char(period, 'YYYY-MM') AS month, org_code, org_name, att_type1 AS type1_attendances, finding
  FROM nof.ae_four_hour_gap_detector WHERE period <= :period ORDER BY org_code, period;
