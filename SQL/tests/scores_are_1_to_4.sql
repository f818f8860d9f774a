-- rule: A metric score is between 1.00 (best) and 4.00 (worst); unscored metrics are NULL.
SELECT period_type, period, peer_group, org_code, standard_code, score
  FROM dw.mart_league_score
 WHERE score IS NOT NULL AND score NOT BETWEEN 1 AND 4
