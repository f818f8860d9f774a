CREATE OR REPLACE FUNCTION nof.ae_four_hour_like_for_like(p_from date, p_to date)
RETURNS TABLE (period date, sites integer, attendances numeric, within_4h numeric, pct_within_4h numeric)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, dw AS $$
    WITH months AS (
        SELECT DISTINCT m.period FROM dw.mart_standard m
         WHERE m.standard_code = 'ae_4h_all' AND m.org_level = 'england' AND m.period BETWEEN p_from AND p_to
    ), sites AS (
        SELECT m.org_code FROM dw.mart_standard m
         WHERE m.standard_code = 'ae_4h_all' AND m.org_level = 'provider' AND m.status = 'reported'
           AND m.period IN (SELECT period FROM months)
         GROUP BY m.org_code HAVING count(*) = (SELECT count(*) FROM months)
    )
    SELECT m.period, count(*)::integer, sum(m.denominator), sum(m.numerator),
           round(100.0 * sum(m.numerator) / nullif(sum(m.denominator), 0), 2)
      FROM dw.mart_standard m
     WHERE m.standard_code = 'ae_4h_all' AND m.org_level = 'provider' AND m.org_code IN (SELECT org_code FROM sites)
       AND m.period IN (SELECT period FROM months)
     GROUP BY m.period ORDER BY m.period
$$;
COMMENT ON FUNCTION nof.ae_four_hour_like_for_like(date, date) IS 'England four-hour performance per month over the same set of sites throughout [p_from, p_to]: only sites reporting four-hour data in every loaded month of the range.';
