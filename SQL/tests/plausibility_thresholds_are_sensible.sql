-- rule: Every monthly dataset has a plausibility threshold, and its ratios make sense: a warning comes before a hold (1 < warn < hold), falls and England's ratios are above 1, the floor is not negative, and the history asked for is at least the history required.
SELECT d.dataset, 'no row in dw.plausibility_threshold' AS problem
  FROM (VALUES ('ae'), ('ambulance'), ('rtt'), ('cancer'), ('diagnostics')) d(dataset)
 WHERE NOT EXISTS (SELECT 1 FROM dw.plausibility_threshold t WHERE t.dataset = d.dataset)
UNION ALL
SELECT t.dataset, concat_ws('; ',
           CASE WHEN NOT (1 < t.provider_warn_ratio AND t.provider_warn_ratio < t.provider_hold_ratio)
                THEN 'provider ratios must be 1 < warn < hold' END,
           CASE WHEN t.england_hold_ratio <= 1 THEN 'england_hold_ratio must be above 1' END,
           CASE WHEN t.fall_warn_ratio <= 1 OR t.england_fall_ratio <= 1 THEN 'fall ratios must be above 1' END,
           CASE WHEN t.floor < 0 THEN 'floor must not be negative' END,
           CASE WHEN t.min_history < 1 OR t.history_months < t.min_history
                THEN 'need 1 <= min_history <= history_months' END)
  FROM dw.plausibility_threshold t
 WHERE NOT (1 < t.provider_warn_ratio AND t.provider_warn_ratio < t.provider_hold_ratio)
    OR t.england_hold_ratio <= 1 OR t.fall_warn_ratio <= 1 OR t.england_fall_ratio <= 1
    OR t.floor < 0 OR t.min_history < 1 OR t.history_months < t.min_history
