-- The period a free-text NOF "Reporting_date" names, typed: its kind and first and last day.
-- Forms seen in the official NOF data files (NHS England, NOF 2025/26 quarterly data):
--   Sep-25 (a month)  2024/25 (a financial year)  Q3 2025/26, Q4 2024-25 (a financial quarter)
--   Month 12 2025/26 (month 12 of that financial year = March 2026)  2024 (a calendar year)
--   Apr 25 - Mar 26 vs Apr 24 - Mar 25 (a range, compared with an earlier one: the first range).
-- "Month 3 2025" does not say which year's month 3 (calendar or financial), and free text
-- such as "Latest published if awarded ..." names no period: both are kind 'other', no dates.
CREATE OR REPLACE FUNCTION dw.reporting_period(p text, OUT kind text, OUT period_start date, OUT period_end date)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    v_months constant text[] := ARRAY['jan','feb','mar','apr','may','jun','jul','aug','sep','oct','nov','dec'];
    v_month text[] := regexp_match(p, '^\s*([A-Za-z]{3})-(\d{2})\s*$');
    v_quarter text[] := regexp_match(p, '^\s*Q([1-4]) (\d{4})[/-](\d{2})\s*$');
    v_fy_month text[] := regexp_match(p, '^\s*Month (\d{1,2}) (\d{4})/(\d{2})\s*$');
    v_fy text[] := regexp_match(p, '^\s*(\d{4})[/-](\d{2})(?: plan)?\s*$');
    v_year text[] := regexp_match(p, '^\s*(\d{4})\s*$');
    v_range text[] := regexp_match(p, '^\s*([A-Za-z]{3}) (\d{2}) - ([A-Za-z]{3}) (\d{2})');
BEGIN
    kind := CASE WHEN p IS NULL THEN NULL ELSE 'other' END;
    IF v_month IS NOT NULL AND lower(v_month[1]) = ANY (v_months) THEN
        kind := 'month';
        period_start := make_date(2000 + v_month[2]::int, array_position(v_months, lower(v_month[1])), 1);
        period_end := (period_start + interval '1 month' - interval '1 day')::date;
    ELSIF v_quarter IS NOT NULL THEN
        kind := 'quarter';
        period_start := (make_date(v_quarter[2]::int, 4, 1) + (v_quarter[1]::int - 1) * interval '3 months')::date;
        period_end := (period_start + interval '3 months' - interval '1 day')::date;
    ELSIF v_fy_month IS NOT NULL AND v_fy_month[1]::int BETWEEN 1 AND 12 THEN
        kind := 'month';
        period_start := (make_date(v_fy_month[2]::int, 4, 1) + (v_fy_month[1]::int - 1) * interval '1 month')::date;
        period_end := (period_start + interval '1 month' - interval '1 day')::date;
    ELSIF v_fy IS NOT NULL THEN
        kind := 'financial_year';
        period_start := make_date(v_fy[1]::int, 4, 1);
        period_end := make_date(v_fy[1]::int + 1, 3, 31);
    ELSIF v_year IS NOT NULL THEN
        kind := 'calendar_year';
        period_start := make_date(v_year[1]::int, 1, 1);
        period_end := make_date(v_year[1]::int, 12, 31);
    ELSIF v_range IS NOT NULL AND lower(v_range[1]) = ANY (v_months) AND lower(v_range[3]) = ANY (v_months) THEN
        kind := 'range';
        period_start := make_date(2000 + v_range[2]::int, array_position(v_months, lower(v_range[1])), 1);
        period_end := (make_date(2000 + v_range[4]::int, array_position(v_months, lower(v_range[3])), 1)
                       + interval '1 month' - interval '1 day')::date;
    END IF;
END $$;
COMMENT ON FUNCTION dw.reporting_period(text) IS 'The period a NOF Reporting_date text names: kind (month, quarter, financial_year, calendar_year, range, other) and its first and last day (NULL for other).';
