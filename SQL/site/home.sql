-- report: site-home
-- title: Home page
-- description: The published site's home page tables beside the national report: what is loaded, from which files and when.
-- section: What is loaded
-- column: dataset | Dataset
-- column: code | Code | | wide
-- column: first_month | First month | month
-- column: newest_month | Newest month | month
-- column: months | Months loaded
-- column: gaps | Months missing
-- column: newest_file | Newest month from
-- column: loaded_at | Loaded (UTC)
-- column: sample | Sample
-- footnote: Each dataset as loaded into this warehouse: NHS England publishes A&E, ambulance, RTT, cancer and diagnostics monthly (the second Thursday of the month, for the month before or two before), the NOF files quarterly; the ODS reference files come from NHS England's Organisation Data Service. Months missing: months between the first and the newest that are not loaded. Sample: a month from nofdb sample (synthetic figures).
WITH coverage AS (
    SELECT dataset, min(period) AS first, max(period) AS newest, count(*) AS months, bool_or(sample) AS sample,
           count(*) FILTER (WHERE revision > 1) AS revised
      FROM nof.data_coverage GROUP BY dataset
), newest AS (
    SELECT DISTINCT ON (dataset) dataset, file_name, loaded_at FROM nof.data_coverage ORDER BY dataset, period DESC
)
SELECT CASE c.dataset
           WHEN 'ae' THEN 'A&E attendances and emergency admissions (MSitAE)'
           WHEN 'ambulance' THEN 'Ambulance response times (AmbSYS)'
           WHEN 'rtt' THEN 'Referral to treatment waiting times (RTT)'
           WHEN 'cancer' THEN 'Cancer waiting times (CWT CRS provider extract)'
           WHEN 'diagnostics' THEN 'Diagnostic waiting times and activity (DM01)'
           WHEN 'nof_data' THEN 'NHS Oversight Framework data file'
           WHEN 'nof_league' THEN 'NHS Oversight Framework league table'
           WHEN 'ods_trusts' THEN 'ODS NHS trusts (etr.csv)'
           WHEN 'ods_successors' THEN 'ODS successor organisations (succ.csv)'
           ELSE c.dataset END AS dataset,
       c.dataset AS code, to_char(c.first, 'YYYY-MM') AS first_month, to_char(c.newest, 'YYYY-MM') AS newest_month, c.months,
       CASE WHEN c.dataset LIKE 'ods%' THEN NULL
            ELSE ((extract(year FROM age(c.newest, c.first)) * 12 + extract(month FROM age(c.newest, c.first)))::integer
                  / CASE WHEN c.dataset LIKE 'nof%' THEN 3 ELSE 1 END + 1 - c.months)::integer END AS gaps,
       n.file_name AS newest_file, to_char(n.loaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS loaded_at,
       CASE WHEN c.sample THEN 'yes' ELSE '' END AS sample
  FROM coverage c JOIN newest n ON n.dataset = c.dataset
 ORDER BY CASE c.dataset WHEN 'ae' THEN 1 WHEN 'ambulance' THEN 2 WHEN 'rtt' THEN 3 WHEN 'cancer' THEN 4 WHEN 'diagnostics' THEN 5
                         WHEN 'nof_data' THEN 6 WHEN 'nof_league' THEN 7 ELSE 8 END, c.dataset;
