-- report: nof-official
-- title: Official NOF beside nofdb
-- description: The official NHS Oversight Framework segments and ranks beside nofdb's own league for the same quarter.
-- param: period date
-- param: limit bigint
-- period: quarter
-- latest: SELECT max(period) FROM nof.data_coverage WHERE dataset = 'nof_data'
-- section: Official NOF and nofdb
-- footnote: nofdb scores operational standards only; trusts it does not score (e.g. mental health trusts) show blanks.
SELECT org_code, org_name, trust_type, official_segment, official_rank, official_average_score AS official_average,
       nofdb_segment, nofdb_rank, nofdb_average_score AS nofdb_average
  FROM nof.nof_official_comparison
 WHERE period = :period
 ORDER BY official_rank NULLS LAST, org_code
 LIMIT :limit;
-- section: Method check
SELECT quarter_label AS quarter, count(*) AS trusts,
       count(*) FILTER (WHERE average_score_difference = 0) AS average_exact,
       count(*) FILTER (WHERE abs(average_score_difference) <= 0.01) AS average_within_001,
       count(*) FILTER (WHERE recomputed_adjusted_segment = official_adjusted_segment) AS segment_same,
       count(*) FILTER (WHERE recomputed_rank = official_rank) AS rank_same
  FROM nof.nof_official_reproduction
 GROUP BY period, quarter_label ORDER BY period;
