-- The thresholds behind the flags every report and view puts on a figure a reader should not
-- take at face value: small numbers, stale.
CREATE VIEW nof.flag_rule AS
SELECT name, value, meaning FROM dw.flag_rule;
COMMENT ON VIEW nof.flag_rule IS 'Thresholds of the flags on figures (small_numbers_denominator, stale_months), with what each means. Grain: rule.';
COMMENT ON COLUMN nof.flag_rule.name IS 'small_numbers_denominator or stale_months.';
COMMENT ON COLUMN nof.flag_rule.value IS 'The threshold.';
COMMENT ON COLUMN nof.flag_rule.meaning IS 'What the flag means and when it is raised.';
