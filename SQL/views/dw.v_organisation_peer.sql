-- Each organisation's league peer group and where it comes from: a manual override, then the
-- NOF Q3 2025/26 trust type, then ERIC 2024/25, then the trust type in loaded official NOF
-- files. NULL when no source types it (the league then falls back to activity, flagged).
CREATE VIEW dw.v_organisation_peer AS
SELECT o.org_code,
       coalesce(ov.peer_group, nt.peer_group, et.peer_group, nf.peer_group) AS peer_group,
       CASE WHEN ov.peer_group IS NOT NULL THEN 'override' WHEN nt.peer_group IS NOT NULL THEN 'nof_2025_26_q3'
            WHEN et.peer_group IS NOT NULL THEN 'eric_2024_25' WHEN nf.peer_group IS NOT NULL THEN 'nof_file' END AS source
  FROM dw.dim_organisation o
  LEFT JOIN dw.organisation_override ov ON ov.org_code = o.org_code
  LEFT JOIN dw.organisation_type nt ON nt.org_code = o.org_code AND nt.source = 'nof_2025_26_q3'
  LEFT JOIN dw.organisation_type et ON et.org_code = o.org_code AND et.source = 'eric_2024_25'
  CROSS JOIN LATERAL (
        SELECT CASE o.nof_trust_type
                   WHEN 'Acute trust' THEN CASE WHEN o.nof_trust_subtype ILIKE '%specialist%' THEN 'specialist' ELSE 'acute' END
                   WHEN 'Ambulance trust' THEN 'ambulance'
                   WHEN 'Mental health and community trust' THEN 'mental_health_community'
               END AS peer_group) nf;
