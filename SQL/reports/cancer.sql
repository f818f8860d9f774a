-- report: cancer
-- title: Cancer waiting times by provider
-- description: Cancer waiting times by provider: 28-day FDS, 31-day and 62-day performance against the targets in force, England first, the lowest 62-day first, small numbers flagged; a chart of each standard by provider.
-- param: period date
-- param: org text
-- param: region text
-- param: icb text
-- param: limit bigint
-- latest: SELECT max(period) FROM nof.data_coverage WHERE dataset = 'cancer'
-- highlight: org_code
-- section: Cancer standards by provider
-- column: org_code | Code
-- column: org_name | Provider
-- column: fds28_pct | 28-day FDS % | percent
-- column: fds28_target | Target | percent
-- column: d31_pct | 31-day % | percent
-- column: d31_target | Target | percent
-- column: d62_pct | 62-day % | percent
-- column: d62_target | Target | percent
-- column: d62_treated | 62-day treated | count
-- column: flag | Read with care
-- footnote: Sorted by the 62-day figure, lowest first (providers with small numbers after the others); England first, from all providers. Targets: the interim planning target in force, else the constitutional standard. Counts include half-patients.
-- footnote: small numbers: a rate from fewer than 20 patients (one or two patients move it by whole percentage points).
WITH wide AS (
    SELECT org_level, org_code, org_name,
           round(max(rate) FILTER (WHERE standard_code = 'cancer_fds28'), 1) AS fds28_pct,
           max(target) FILTER (WHERE standard_code = 'cancer_fds28') AS fds28_target,
           round(max(rate) FILTER (WHERE standard_code = 'cancer_31d'), 1) AS d31_pct,
           max(target) FILTER (WHERE standard_code = 'cancer_31d') AS d31_target,
           round(max(rate) FILTER (WHERE standard_code = 'cancer_62d'), 1) AS d62_pct,
           max(target) FILTER (WHERE standard_code = 'cancer_62d') AS d62_target,
           max(denominator) FILTER (WHERE standard_code = 'cancer_62d') AS d62_treated,
           min(denominator) FILTER (WHERE standard_code IN ('cancer_fds28', 'cancer_31d', 'cancer_62d')) AS fewest
      FROM nof.standard_performance
     WHERE standard_code IN ('cancer_fds28', 'cancer_31d', 'cancer_62d') AND period = :period AND breakdown = ''
       AND (org_level = 'provider' OR (org_level = 'england' AND :org IS NULL))
       AND (:org IS NULL OR org_code = :org) AND (:region IS NULL OR org_level = 'england' OR region_code = :region)
       AND (:icb IS NULL OR org_level = 'england'
            OR org_code IN (SELECT i.org_code FROM nof.organisation_icb_month i WHERE i.icb_code = :icb AND i.period = :period))
     GROUP BY org_level, org_code, org_name
)
SELECT org_code, org_name, fds28_pct, fds28_target, d31_pct, d31_target, d62_pct, d62_target, d62_treated,
       CASE WHEN small THEN 'small numbers' ELSE '' END AS flag
  FROM (SELECT w.*, org_level = 'provider' AND fewest < (SELECT value FROM nof.flag_rule WHERE name = 'small_numbers_denominator') AS small
          FROM wide w) x
 ORDER BY org_level <> 'england', small, d62_pct NULLS LAST, org_code
 LIMIT :limit;
-- section: Each standard by provider
-- detail: yes
-- chart: bar label=org_name value=pct panels=standard target=target better=higher unit=% code=org_code flag=flag axis=patients_within_the_standard
-- column: standard | Standard
-- column: standard_code | Standard code | | wide
-- column: org_code | Code
-- column: org_name | Provider
-- column: pct | % | percent
-- column: target | Target | percent
-- column: treated | Patients | count
-- column: flag | Read with care
SELECT st.short_name AS standard, p.standard_code, p.org_code, p.org_name, round(p.rate, 1) AS pct, p.target, p.denominator AS treated,
       CASE WHEN p.org_level = 'provider' AND p.denominator < (SELECT value FROM nof.flag_rule WHERE name = 'small_numbers_denominator')
            THEN 'small numbers' ELSE '' END AS flag
  FROM nof.standard_performance p
  JOIN nof.standard st ON st.standard_code = p.standard_code
 WHERE p.standard_code IN ('cancer_fds28', 'cancer_31d', 'cancer_62d') AND p.period = :period AND p.breakdown = ''
   AND (p.org_level = 'provider' OR (p.org_level = 'england' AND :org IS NULL))
   AND (:org IS NULL OR p.org_code = :org) AND (:region IS NULL OR p.org_level = 'england' OR p.region_code = :region)
   AND (:icb IS NULL OR p.org_level = 'england'
        OR p.org_code IN (SELECT i.org_code FROM nof.organisation_icb_month i WHERE i.icb_code = :icb AND i.period = :period))
   AND p.rate IS NOT NULL
 ORDER BY st.sort_order, p.org_level <> 'england', p.rate, p.org_code;
