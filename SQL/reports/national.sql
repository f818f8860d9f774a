-- report: national
-- title: England against the standards
-- description: England per standard over time against the targets in force (13 months to the period), with how complete each figure is and the A&E field-test note.
-- param: period date
-- param: trend_start date
-- latest: SELECT max(period) FROM nof.standard_performance WHERE org_level = 'england'
-- section: England
-- chart: line x=month y=value panels=standard unit=unit target=target partial=coverage fieldtest=note
-- footnote: England figures are computed from providers: rates from summed numerators and denominators (ambulance means and centiles as AmbSYS publishes them).
-- footnote: † A&E four-hour: the field-test sites (May 2019 - May 2023) did not report; their attendances and breaches are excluded.
-- footnote: ‡ partial: made from fewer providers than expected (the neighbouring months' count, or the acute trusts that submit it): not a figure for all of England.
SELECT to_char(period, 'YYYY-MM') AS month, standard_name AS standard, round(rate, CASE WHEN unit = 'count' THEN 0 ELSE 2 END) AS value, unit, target,
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
