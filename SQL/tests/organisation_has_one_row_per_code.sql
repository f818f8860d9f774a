-- rule: nof.organisation has one row per ODS code (a successor or override join never repeats an organisation).
SELECT org_code, count(*) AS rows
  FROM nof.organisation
 GROUP BY org_code
HAVING count(*) > 1
