CREATE VIEW nof.diagnostics_monthly AS
SELECT d.period, d.org_code, o.org_name, d.region_code, d.test_id, t.test_name, d.total_waiting, d.waiting_6plus,
       d.waiting_13plus, round(100.0 * d.waiting_6plus / nullif(d.total_waiting, 0), 2) AS pct_waiting_6plus,
       d.bands, d.planned, d.unscheduled, d.waiting_list_activity
  FROM dw.fact_diagnostics d
  LEFT JOIN dw.dim_organisation o ON o.org_code = d.org_code
  LEFT JOIN dw.dim_diagnostic_test t ON t.test_id = d.test_id;
COMMENT ON VIEW nof.diagnostics_monthly IS 'DM01 diagnostics waiting list and activity by provider, test and month (Provider by Test sheet; providers'' Total rows are checked, not stored). Grain: provider x test x month.';
COMMENT ON COLUMN nof.diagnostics_monthly.period IS 'Month (first day); the waiting list is the position at month end.';
COMMENT ON COLUMN nof.diagnostics_monthly.org_code IS 'Provider ODS code.';
COMMENT ON COLUMN nof.diagnostics_monthly.org_name IS 'Latest provider name.';
COMMENT ON COLUMN nof.diagnostics_monthly.region_code IS 'Regional team code as reported (Y56-Y63).';
COMMENT ON COLUMN nof.diagnostics_monthly.test_id IS 'DM01 test number 1-15.';
COMMENT ON COLUMN nof.diagnostics_monthly.test_name IS 'Test name, e.g. Magnetic Resonance Imaging.';
COMMENT ON COLUMN nof.diagnostics_monthly.total_waiting IS 'Total waiting list.';
COMMENT ON COLUMN nof.diagnostics_monthly.waiting_6plus IS 'Waiting 6 weeks or more.';
COMMENT ON COLUMN nof.diagnostics_monthly.waiting_13plus IS 'Waiting 13 weeks or more.';
COMMENT ON COLUMN nof.diagnostics_monthly.pct_waiting_6plus IS '% waiting 6 weeks or more (standard 1%).';
COMMENT ON COLUMN nof.diagnostics_monthly.bands IS 'Weekly bands 0-<1 ... 12-<13, then 13+.';
COMMENT ON COLUMN nof.diagnostics_monthly.planned IS 'Planned tests/procedures in the month.';
COMMENT ON COLUMN nof.diagnostics_monthly.unscheduled IS 'Unscheduled tests/procedures in the month.';
COMMENT ON COLUMN nof.diagnostics_monthly.waiting_list_activity IS 'Waiting-list tests/procedures (excluding planned) in the month.';
