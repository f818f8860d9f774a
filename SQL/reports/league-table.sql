-- report: league-table
-- title: League table
-- description: League table for a quarter (or month): rank, segment and average score of the ranked organisations of one peer group, those not ranked and why, and the metrics scored; its scope (which metrics, from which domains) under the title. An overall table ranks nobody from one domain: without --domain the newest domain league is shown instead, saying so. --league nof (default): the NHS Oversight Framework metrics these datasets provide; operational: nofdb's wider set of standards.
-- param: period date
-- param: league text = nof
-- param: peer_group text = acute
-- param: domain text = overall
-- param: region text
-- param: icb text
-- param: limit bigint
-- param: period_type text
-- period: month-or-quarter
-- latest: league-quarter
-- heading: SELECT CASE WHEN :domain = 'overall' THEN 'League table' ELSE upper(left(:domain, 1)) || replace(substr(:domain, 2), '_', ' ') || ' league (not an overall ranking)' END AS heading
-- notice: SELECT scope AS notice FROM nof.league_scope WHERE league = :league AND period_type = :period_type AND period = :period AND peer_group = :peer_group AND domain = :domain
-- highlight: org_code
-- section: League table
-- chart: bar label=org_name value=average_score better=lower code=org_code axis=average_score_(1_best,_4_worst)
-- column: rank | Rank
-- column: org_code | Code
-- column: org_name | Organisation
-- column: region | Region
-- column: segment | Segment
-- column: average_score | Average score | score
-- column: scored | Metrics scored
-- column: note | Note
-- footnote: Scores run from 1 (best) to 4; ranked by segment, then average score; ties share a rank. An overall table ranks an organisation scored on at least 2 metrics from at least two domains and on half of those its peer group has data for; a domain league needs one metric and is not an overall ranking.
-- footnote: † A&E four-hour not reported (field test): the site is scored on its other metrics.
SELECT league_rank AS rank, org_code, org_name, region_name AS region, segment, average_score,
       metrics_scored || ' of ' || metrics_expected AS scored,
       CASE WHEN four_hour_not_reported THEN '†' ELSE '' END AS note
  FROM nof.league_table
 WHERE league = :league AND period_type = :period_type AND period = :period AND peer_group = :peer_group AND domain = :domain AND ranked
   AND (:region IS NULL OR region_name = (SELECT region_name FROM nof.region WHERE region_code = :region))
   AND (:icb IS NULL OR org_code IN (SELECT i.org_code FROM nof.organisation_icb_month i WHERE i.icb_code = :icb AND i.period = :period))
 ORDER BY league_rank, org_code
 LIMIT :limit;
-- section: Not ranked
-- column: org_code | Code
-- column: org_name | Organisation
-- column: scored | Metrics scored
-- column: average_score | Average score | score
-- column: reason | Why not ranked
-- footnote: Listed, not ranked: too few metrics scored to be compared fairly with the ranked organisations.
SELECT org_code, org_name, metrics_scored || ' of ' || metrics_expected AS scored, average_score, not_ranked_reason AS reason
  FROM nof.league_table
 WHERE league = :league AND period_type = :period_type AND period = :period AND peer_group = :peer_group AND domain = :domain AND NOT ranked
   AND (:region IS NULL OR region_name = (SELECT region_name FROM nof.region WHERE region_code = :region))
   AND (:icb IS NULL OR org_code IN (SELECT i.org_code FROM nof.organisation_icb_month i WHERE i.icb_code = :icb AND i.period = :period))
 ORDER BY metrics_scored DESC, org_code
 LIMIT :limit;
-- section: Metrics
-- footnote: A metric is scored only when at least half of the peer group (and at least 3 organisations) report it; otherwise the dataset named is missing for the period, or too few report it.
-- column: metric | Metric
-- column: standard | Standard
-- column: standard_code | Standard code | | wide
-- column: dataset | Dataset
-- column: organisations_scored | Organisations scored
-- column: status | Status
-- column: scoring | Scoring
SELECT coalesce(m.metric_id, m.standard_code) AS metric, m.standard_name AS standard, m.standard_code, st.dataset,
       (SELECT count(*) FROM nof.league_metric_score s
         WHERE s.league = m.league AND s.period_type = :period_type AND s.period = :period AND s.peer_group = m.peer_group
           AND s.standard_code = m.standard_code AND s.score IS NOT NULL) AS organisations_scored,
       CASE WHEN EXISTS (SELECT 1 FROM nof.league_metric_score s
                          WHERE s.league = m.league AND s.period_type = :period_type AND s.period = :period AND s.peer_group = m.peer_group
                            AND s.standard_code = m.standard_code AND s.score IS NOT NULL)
            THEN 'scored'
            WHEN EXISTS (SELECT 1 FROM nof.league_metric_score s
                          WHERE s.league = m.league AND s.period_type = :period_type AND s.period = :period AND s.peer_group = m.peer_group
                            AND s.standard_code = m.standard_code AND s.status = 'too_few_reporting')
            THEN 'too few report it: ' || (SELECT count(*) FROM nof.league_metric_score s
                          WHERE s.league = m.league AND s.period_type = :period_type AND s.period = :period AND s.peer_group = m.peer_group
                            AND s.standard_code = m.standard_code AND s.status = 'too_few_reporting') || ' organisations'
            ELSE 'no data: load ' || st.dataset END AS status,
       m.scoring
  FROM nof.league_metric m JOIN nof.standard st ON st.standard_code = m.standard_code
 WHERE m.league = :league AND m.peer_group = :peer_group AND (:domain = 'overall' OR m.domain = :domain)
 ORDER BY st.sort_order;
-- section: Method
-- column: item | Item
-- column: value | Value
SELECT 'segments' AS item,
       CASE WHEN mt.segmentation = 'quartile' THEN 'quartiles of the ranked organisations'' averages'
            ELSE 'thresholds ' || array_to_string(mt.thresholds, ', ') || CASE WHEN mt.provisional THEN ' (provisional: not the published values)' ELSE '' END
       END || ' - NOF ' || mt.financial_year || ' method'
       || CASE WHEN mt.financial_year > p.financial_year THEN ' (NOF began in 2025/26; applied to ' || p.financial_year || ')' ELSE '' END AS value
  FROM nof.period p
  JOIN nof.nof_method mt ON mt.financial_year = (SELECT max(t.method_year) FROM nof.league_table t
                                                  WHERE t.league = :league AND t.period_type = :period_type AND t.period = :period)
 WHERE p.period = :period
UNION ALL
SELECT 'not scored (not in these datasets)', string_agg(metric_id || ' ' || description, '; ' ORDER BY metric_id)
  FROM nof.nof_metric_unavailable WHERE :league = 'nof' AND peer_group = :peer_group HAVING count(*) > 0
UNION ALL
SELECT 'table', CASE :league WHEN 'nof' THEN 'NHS Oversight Framework 2025/26 metrics (official ids), scored 1-4 by percentile rank; no finance override (finance not loaded)'
                         ELSE 'nofdb''s own operational standards table (not an NHS England method): meeting the target in force scores 1.00' END;
