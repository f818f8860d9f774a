-- report: site-method
-- title: Method and data
-- description: The published site's method page: the NOF method by year, the metrics each league scores and those it cannot, the flag rules and the targets in force.
-- section: NOF method by year
-- column: financial_year | Financial year
-- column: segmentation | Segments
-- column: thresholds | Thresholds
-- column: provisional | Provisional
-- column: source | Source
-- footnote: Years before 2025/26 (the NOF began then) are scored with the 2025/26 method. Provisional: the values are placeholders until the published ones are entered.
SELECT financial_year, segmentation, array_to_string(thresholds, ', ') AS thresholds,
       CASE WHEN provisional THEN 'yes' ELSE 'no' END AS provisional, source
  FROM nof.nof_method ORDER BY financial_year;
-- section: Metrics the leagues score
-- column: league | League
-- column: peer_group | Peer group
-- column: metric_id | NOF metric
-- column: standard_name | Metric
-- column: standard_code | Code | | wide
-- column: domain | Domain
-- column: scoring | Scoring
-- column: note | Note
-- footnote: nof: the NHS Oversight Framework 2025/26 metrics these datasets provide, with their official ids, scored 1.00 (best) to 4.00 by percentile rank within the peer group. operational: nofdb's own wider set of operational standards (not an NHS England method): meeting the target in force scores 1.00, the rest 2.00 to 4.00 by percentile rank.
SELECT league, peer_group, coalesce(metric_id, '') AS metric_id, standard_name, standard_code, replace(domain, '_', ' ') AS domain,
       replace(scoring, '_', ' ') AS scoring, coalesce(note, '') AS note
  FROM nof.league_metric ORDER BY league, peer_group, domain, standard_code;
-- section: NOF metrics nofdb cannot score
-- column: peer_group | Peer group
-- column: metric_id | NOF metric
-- column: description | Metric
-- column: why | Why not
-- footnote: Every departure from the official method in what is scored: these metrics need data nofdb does not load (finance, workforce, CQC, infections, ECDS and more), so nofdb's nof league ranks on fewer metrics than NHS England's, and there is no finance override.
SELECT peer_group, metric_id, description, why FROM nof.nof_metric_unavailable ORDER BY peer_group, metric_id;
-- section: Flag rules
-- column: name | Rule
-- column: value | Threshold
-- column: meaning | Meaning
SELECT name, value, meaning FROM nof.flag_rule ORDER BY name;
-- section: Targets
-- column: standard_code | Standard
-- column: target_kind | Kind
-- column: threshold | Threshold
-- column: comparator | Met when
-- column: effective_from | From
-- column: effective_to | To
-- column: measure | Measure
-- column: source | Source
-- footnote: Constitutional standards and the interim targets of each year's planning guidance, with the dates they are in force; a figure is compared with the target in force in its month (the interim one where there is one).
SELECT coalesce(standard_code, '') AS standard_code, target_kind, threshold, comparator,
       to_char(effective_from, 'YYYY-MM-DD') AS effective_from, to_char(effective_to, 'YYYY-MM-DD') AS effective_to, measure, source
  FROM nof.standard_target
 WHERE target_kind IN ('constitutional', 'interim')
 ORDER BY standard_code NULLS LAST, effective_from NULLS FIRST, target_kind;
