-- rule: nofdb's segments are 1 to 4 (segment 5, the Recovery Support Programme, is decided by NHS England, not computed).
SELECT period_type, period, peer_group, domain, org_code, segment
  FROM dw.mart_league
 WHERE segment IS NOT NULL AND segment NOT BETWEEN 1 AND 4
