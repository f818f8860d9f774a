CREATE VIEW nof.nof_metric_unavailable AS
SELECT peer_group, metric_id, description, why FROM dw.nof_metric_unavailable;
COMMENT ON VIEW nof.nof_metric_unavailable IS 'The NOF 2025/26 metrics nofdb''s nof league table cannot score from these datasets: every departure from the official method (finance, workforce, CQC, infections, 12 hours from arrival ...). Grain: peer group x metric.';
COMMENT ON COLUMN nof.nof_metric_unavailable.peer_group IS 'acute, specialist or ambulance.';
COMMENT ON COLUMN nof.nof_metric_unavailable.metric_id IS 'Official NOF metric id.';
COMMENT ON COLUMN nof.nof_metric_unavailable.description IS 'The metric.';
COMMENT ON COLUMN nof.nof_metric_unavailable.why IS 'Why nofdb cannot score it.';
