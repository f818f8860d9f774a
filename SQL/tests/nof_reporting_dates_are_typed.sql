-- rule: Every official NOF reporting_date written as a month (Sep-25), a quarter (Q3 2025/26) or a financial year (2025/26) has its typed period (start before end), so BI tools can filter by date.
SELECT DISTINCT reporting_date, reporting_period_kind, reporting_period_start, reporting_period_end
  FROM nof.nof_official_metric
 WHERE (reporting_date ~ '^\s*(Q[1-4] \d{4}[/-]\d{2}|[A-Za-z]{3}-\d{2}|\d{4}/\d{2})\s*$'
        AND (reporting_period_kind = 'other' OR reporting_period_start IS NULL))
    OR reporting_period_start > reporting_period_end
