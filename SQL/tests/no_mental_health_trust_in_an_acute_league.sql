-- rule: A trust the reference data types as mental health and community, ambulance or specialist is never in the acute league (peer groups come from trust types, not activity).
SELECT l.league, l.period_type, l.period, l.org_code, l.peer_group, v.peer_group AS typed_as, v.source
  FROM dw.mart_league l
  JOIN dw.v_organisation_peer v ON v.org_code = l.org_code
 WHERE l.domain = 'overall' AND v.peer_group IS NOT NULL AND v.peer_group <> l.peer_group
