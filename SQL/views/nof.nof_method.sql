CREATE VIEW nof.nof_method AS
SELECT financial_year, segmentation, thresholds, provisional, source FROM dw.nof_method;
COMMENT ON VIEW nof.nof_method IS 'NOF scoring and segmentation by financial year: 2025/26 quartiles of the average metric scores; 2026/27 defined thresholds (provisional until the published values are entered: UPDATE dw.nof_method, then nofdb rebuild). Years before 2025/26 use the 2025/26 method. Grain: financial year.';
COMMENT ON COLUMN nof.nof_method.financial_year IS 'Financial year, e.g. 2026/27.';
COMMENT ON COLUMN nof.nof_method.segmentation IS 'quartile or threshold.';
COMMENT ON COLUMN nof.nof_method.thresholds IS 'For threshold: the largest average of segments 1, 2 and 3.';
COMMENT ON COLUMN nof.nof_method.provisional IS 'True when the values are placeholders, not the published ones.';
COMMENT ON COLUMN nof.nof_method.source IS 'Where the method comes from.';
