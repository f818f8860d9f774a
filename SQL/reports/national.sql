-- report: national
-- title: England against the standards
-- description: England against each standard: its newest figure, the target in force, whether it is met, the change on the month and on the year, and how complete it is; then the 13 months to the period (a chart per standard in HTML).
-- param: period date
-- param: trend_start date
-- latest: SELECT max(period) FROM nof.standard_performance WHERE org_level = 'england'
-- section: England now
-- column: standard_code | Code | | wide
-- column: unit | Unit | | wide
-- column: standard | Standard
-- column: as_of | Month | month
-- column: value | England | unit
-- column: target | Target | unit
-- column: met | Met
-- column: change_month | On month | unit
-- column: change_year | On year | unit
-- column: coverage | Coverage
-- footnote: Each standard's newest month up to the period. On month and on year: the change from the month before and the same month a year before (percentage points for %; lower is better for waits and response times). England figures are computed from providers: rates from summed numerators and denominators (ambulance means and centiles as AmbSYS publishes them).
-- footnote: † A&E four-hour: the field-test sites (May 2019 - May 2023) did not report; their attendances and breaches are excluded.
-- footnote: ‡ partial: made from fewer providers than expected (the neighbouring months' count, or the acute trusts that submit it): not a figure for all of England.
WITH england AS (
    SELECT period, standard_code, rate, target, met, coverage_status, providers_reporting, providers_expected
      FROM nof.standard_performance
     WHERE org_level = 'england' AND breakdown = '' AND period <= :period
), latest AS (
    SELECT DISTINCT ON (standard_code) * FROM england ORDER BY standard_code, period DESC
)
SELECT st.short_name AS standard, l.standard_code, to_char(l.period, 'YYYY-MM') AS as_of, round(l.rate, 2) AS value, st.unit,
       l.target, CASE l.met WHEN true THEN 'yes' WHEN false THEN 'no' END AS met,
       round(l.rate - m.rate, 2) AS change_month, round(l.rate - y.rate, 2) AS change_year,
       CASE l.coverage_status
           WHEN 'partial' THEN 'partial: ' || l.providers_reporting || ' of ~' || l.providers_expected || ' ‡'
           ELSE l.coverage_status END
       || CASE WHEN l.standard_code IN ('ae_4h_all', 'ae_4h_type1')
                AND EXISTS (SELECT 1 FROM nof.ae_field_test_site s
                             WHERE l.period BETWEEN s.first_month_not_reported AND s.last_month_not_reported)
               THEN ' †' ELSE '' END AS coverage
  FROM latest l
  JOIN nof.standard st ON st.standard_code = l.standard_code
  LEFT JOIN england m ON m.standard_code = l.standard_code AND m.period = (l.period - interval '1 month')::date
  LEFT JOIN england y ON y.standard_code = l.standard_code AND y.period = (l.period - interval '12 months')::date
 ORDER BY st.sort_order;
-- section: England over 13 months
-- detail: yes
-- column: standard_code | Code | | wide
-- column: unit | Unit | | wide
-- chart: line x=month y=value panels=standard unit=unit target=target partial=coverage fieldtest=note
-- column: month | Month | month
-- column: value | England | unit
-- column: target | Target | unit
-- column: coverage | Coverage
-- footnote: † A&E four-hour: the field-test sites (May 2019 - May 2023) did not report; their attendances and breaches are excluded.
-- footnote: ‡ partial: made from fewer providers than expected (the neighbouring months' count, or the acute trusts that submit it): not a figure for all of England.
SELECT to_char(period, 'YYYY-MM') AS month, (SELECT short_name FROM nof.standard s WHERE s.standard_code = standard_performance.standard_code) AS standard,
       standard_code, round(rate, 2) AS value, unit, target,
       CASE met WHEN true THEN 'yes' WHEN false THEN 'no' END AS met, providers_reporting AS providers,
       CASE coverage_status
           WHEN 'partial' THEN 'partial: ' || providers_reporting || ' of ~' || providers_expected || ' ‡'
           WHEN 'unknown' THEN 'unknown'
           ELSE coverage_status END AS coverage,
       CASE WHEN standard_code IN ('ae_4h_all', 'ae_4h_type1')
             AND EXISTS (SELECT 1 FROM nof.ae_field_test_site s
                          WHERE period BETWEEN s.first_month_not_reported AND s.last_month_not_reported)
            THEN '†' ELSE '' END AS note
  FROM nof.standard_performance
 WHERE org_level = 'england' AND breakdown = '' AND period BETWEEN :trend_start AND :period
 ORDER BY (SELECT sort_order FROM nof.standard s WHERE s.standard_code = standard_performance.standard_code), period;
