-- rule: A provider's rank among its peers runs from 1 to the number of peers ranked that month, and a peer group's median lies between its best and worst value.
-- scope: periods
WITH bounds AS (
    SELECT p.period, p.standard_code, p.peer_group, min(m.value) AS low, max(m.value) AS high
      FROM dw.mart_peer p
      JOIN dw.mart_standard m ON m.period = p.period AND m.standard_code = p.standard_code AND m.org_code = p.org_code
                             AND m.org_level = 'provider' AND m.breakdown = ''
     WHERE :periods IS NULL OR p.period = ANY (:periods)
     GROUP BY p.period, p.standard_code, p.peer_group
)
SELECT p.period, p.standard_code, p.org_code, p.peer_group, p.peer_rank, p.peers_ranked, p.peer_median
  FROM dw.mart_peer p
  JOIN bounds b ON b.period = p.period AND b.standard_code = p.standard_code AND b.peer_group = p.peer_group
 WHERE (:periods IS NULL OR p.period = ANY (:periods))
   AND (p.peer_rank < 1 OR p.peer_rank > p.peers_ranked OR p.peer_median < b.low - 1e-9 OR p.peer_median > b.high + 1e-9)
