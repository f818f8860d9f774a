-- rule: A month a load held back is not that load's data: the month as stored before it is what remains.
SELECT h.load_id, h.dataset, h.period, h.kind
  FROM audit.load_holdback h
  JOIN audit.load_slice s ON s.dataset = h.dataset AND s.period = h.period AND s.load_id = h.load_id
