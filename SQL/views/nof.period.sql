CREATE VIEW nof.period AS
SELECT period, year, month, month_name, month_short, financial_year, fy_quarter, quarter_code, quarter_label, quarter_start
  FROM dw.dim_period;
COMMENT ON VIEW nof.period IS 'Calendar of months (April 2010 - March 2040) with NHS financial-year attributes. Grain: one row per month.';
COMMENT ON COLUMN nof.period.period IS 'First day of the month; the key every monthly view uses.';
COMMENT ON COLUMN nof.period.year IS 'Calendar year.';
COMMENT ON COLUMN nof.period.month IS 'Calendar month number, 1-12.';
COMMENT ON COLUMN nof.period.month_name IS 'Month and year, e.g. November 2024.';
COMMENT ON COLUMN nof.period.month_short IS 'Short label, e.g. Nov-24.';
COMMENT ON COLUMN nof.period.financial_year IS 'NHS financial year (April-March), e.g. 2024/25.';
COMMENT ON COLUMN nof.period.fy_quarter IS 'Quarter of the financial year, 1-4 (Q1 = April-June).';
COMMENT ON COLUMN nof.period.quarter_code IS 'Quarter as nofdb --period takes it, e.g. 2024-Q3 (financial year starting 2024, Q3).';
COMMENT ON COLUMN nof.period.quarter_label IS 'Quarter as the NOF files write it, e.g. Q3 2024/25.';
COMMENT ON COLUMN nof.period.quarter_start IS 'First day of the quarter; the key of quarterly views.';
