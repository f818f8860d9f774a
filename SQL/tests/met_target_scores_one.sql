-- rule: An organisation meeting the target in force scores 1.00 on that metric; one missing it scores 2.00 or worse.
SELECT period_type, period, peer_group, org_code, standard_code, value, threshold, met, score
  FROM dw.mart_league_score
 WHERE (met AND score <> 1) OR (NOT met AND score < 2)
