-- report: site-standards
-- title: Standard pages
-- description: The tables of every standard's page of the published site (nofdb publish), for all standards at once: page_key is the standard. England over every loaded month against the target in force, then the providers, regions and ICBs in the standard's newest month.
-- section: England over time
-- column: month | Month | month
-- column: value | England | unit
-- column: unit | Unit | | wide
-- column: target | Target | unit
-- column: met | Met
-- column: providers | Providers
-- column: coverage | Coverage
-- column: note | Note
-- chart: line x=month y=value unit=unit target=target partial=coverage fieldtest=note axis=England
-- footnote: England figures are computed from providers: rates from summed numerators and denominators (ambulance means and centiles as AmbSYS publishes them). A month missing here was not loaded; the chart leaves a gap.
-- footnote: † A&E four-hour: the field-test sites (May 2019 - May 2023) did not report; their attendances and breaches are excluded.
-- footnote: ‡ partial: made from fewer providers than expected (the neighbouring months' count, or the acute trusts that submit it): not a figure for all of England.
SELECT standard_code AS page_key, to_char(period, 'YYYY-MM') AS month, round(rate, 2) AS value, unit, target,
       CASE met WHEN true THEN 'yes' WHEN false THEN 'no' END AS met, providers_reporting AS providers,
       CASE coverage_status
           WHEN 'partial' THEN 'partial: ' || providers_reporting || ' of ~' || providers_expected || ' ‡'
           ELSE coverage_status END AS coverage,
       CASE WHEN standard_code IN ('ae_4h_all', 'ae_4h_type1')
             AND EXISTS (SELECT 1 FROM nof.ae_field_test_site s
                          WHERE period BETWEEN s.first_month_not_reported AND s.last_month_not_reported)
            THEN '†' ELSE '' END AS note
  FROM nof.standard_performance
 WHERE org_level = 'england' AND breakdown = ''
 ORDER BY standard_code, period;
-- section: Providers in the newest month
-- column: month | Month | month
-- column: org_code | Code
-- column: org_name | Provider
-- column: region | Region
-- column: value | Value | unit
-- column: unit | Unit | | wide
-- column: target | Target | unit
-- column: met | Met
-- column: peer_rank | Rank in peers
-- column: flag | Read with care
-- chart: bar label=org_name value=value code=org_code unit=unit target=target flag=flag
-- footnote: Every provider with a figure in the standard's newest month, best first, with England (all providers) among them except for counts (England's is the sum). Rank in peers: among the provider's peer group reporting that month (1 is the best). small numbers: fewer than 20 patients behind the rate.
WITH newest AS (
    SELECT standard_code, max(period) AS period FROM nof.standard_performance
     WHERE org_level = 'provider' AND breakdown = '' AND rate IS NOT NULL GROUP BY standard_code
), rules AS (
    SELECT max(value) FILTER (WHERE name = 'small_numbers_denominator') AS small,
           max(value) FILTER (WHERE name = 'peers_minimum') AS peers_minimum
      FROM nof.flag_rule
)
SELECT s.standard_code AS page_key, to_char(s.period, 'YYYY-MM') AS month, s.org_code, s.org_name,
       CASE WHEN s.org_level = 'england' THEN '' ELSE s.region_name END AS region, round(s.rate, 2) AS value, s.unit, s.target,
       CASE s.met WHEN true THEN 'yes' WHEN false THEN 'no' END AS met,
       CASE WHEN c.peers_ranked >= rules.peers_minimum THEN c.peer_rank || ' of ' || c.peers_ranked END AS peer_rank,
       concat_ws('; ',
           CASE WHEN s.org_level = 'provider' AND s.unit <> 'count' AND s.denominator < rules.small
                THEN 'small numbers: ' || trim_scale(round(s.numerator, 1)) || ' of ' || trim_scale(round(s.denominator, 1)) END,
           CASE WHEN s.org_level = 'england' AND s.coverage_status = 'partial'
                THEN 'partial: ' || s.providers_reporting || ' of ~' || s.providers_expected || ' providers' END) AS flag
  FROM nof.standard_performance s
  JOIN newest n ON n.standard_code = s.standard_code AND n.period = s.period
  JOIN nof.standard st ON st.standard_code = s.standard_code
  CROSS JOIN rules
  LEFT JOIN nof.provider_comparison c ON c.org_code = s.org_code AND c.period = s.period AND c.standard_code = s.standard_code
 WHERE s.org_level IN ('provider', 'england') AND s.breakdown = '' AND s.rate IS NOT NULL
   AND NOT (s.org_level = 'england' AND s.unit = 'count')
 ORDER BY s.standard_code, s.org_level = 'england' DESC,
          CASE WHEN st.higher_is_better THEN -s.rate ELSE s.rate END, s.org_name, s.org_code;
-- section: Regions in the newest month
-- column: month | Month | month
-- column: org_code | Code | | wide
-- column: region | Region
-- column: value | Value | unit
-- column: unit | Unit | | wide
-- column: target | Target | unit
-- column: met | Met
-- column: providers | Providers
-- column: coverage | Coverage
-- footnote: NHS England regions in the standard's newest provider month, from their providers' summed numerators and denominators. ‡ partial: from fewer providers than expected.
WITH newest AS (
    SELECT standard_code, max(period) AS period FROM nof.standard_performance
     WHERE org_level = 'provider' AND breakdown = '' AND rate IS NOT NULL GROUP BY standard_code
)
SELECT s.standard_code AS page_key, to_char(s.period, 'YYYY-MM') AS month, s.org_code, s.org_name AS region,
       round(s.rate, 2) AS value, s.unit, s.target, CASE s.met WHEN true THEN 'yes' WHEN false THEN 'no' END AS met,
       s.providers_reporting AS providers,
       CASE s.coverage_status WHEN 'partial' THEN 'partial: ' || s.providers_reporting || ' of ~' || s.providers_expected || ' ‡'
            ELSE s.coverage_status END AS coverage
  FROM nof.standard_performance s
  JOIN newest n ON n.standard_code = s.standard_code AND n.period = s.period
  JOIN nof.standard st ON st.standard_code = s.standard_code
 WHERE s.org_level = 'region' AND s.breakdown = '' AND s.rate IS NOT NULL
 ORDER BY s.standard_code, CASE WHEN st.higher_is_better THEN -s.rate ELSE s.rate END, s.org_name;
-- section: ICBs in the newest month
-- column: month | Month | month
-- column: org_code | Code
-- column: icb | ICB
-- column: value | Value | unit
-- column: unit | Unit | | wide
-- column: target | Target | unit
-- column: met | Met
-- column: providers | Providers
-- column: coverage | Coverage
-- footnote: Integrated care boards in the standard's newest provider month, each from the trusts in it that month (the ODS trusts files); ambulance standards have none (AmbSYS publishes no ICB split). ‡ partial: from fewer providers than expected.
WITH newest AS (
    SELECT standard_code, max(period) AS period FROM nof.standard_performance
     WHERE org_level = 'provider' AND breakdown = '' AND rate IS NOT NULL GROUP BY standard_code
)
SELECT s.standard_code AS page_key, to_char(s.period, 'YYYY-MM') AS month, s.org_code, s.org_name AS icb,
       round(s.rate, 2) AS value, s.unit, s.target, CASE s.met WHEN true THEN 'yes' WHEN false THEN 'no' END AS met,
       s.providers_reporting AS providers,
       CASE s.coverage_status WHEN 'partial' THEN 'partial: ' || s.providers_reporting || ' of ~' || s.providers_expected || ' ‡'
            ELSE s.coverage_status END AS coverage
  FROM nof.standard_performance s
  JOIN newest n ON n.standard_code = s.standard_code AND n.period = s.period
  JOIN nof.standard st ON st.standard_code = s.standard_code
 WHERE s.org_level = 'icb' AND s.breakdown = '' AND s.rate IS NOT NULL
 ORDER BY s.standard_code, CASE WHEN st.higher_is_better THEN -s.rate ELSE s.rate END, s.org_name;
