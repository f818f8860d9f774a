-- The plausibility guard (issue 30): each provider's key count for one month against the median
-- of its own previous loaded months (dw.plausibility_threshold says which count, how many months
-- and which ratios), and England's total likewise. England is taken like for like: the sum over
-- the providers that have history, against the same providers' sums in the previous months, so
-- providers starting to report (AmbSYS in its first months, a new trust) do not look like a rise.
-- A provider's baseline is its median or the dataset's floor, whichever is larger, so a small
-- unit growing from 70 to 1,600 a month is not held back, while a provider of 10,000 whose
-- figures were multiplied is.
-- p_table is the month's new, not yet attached table in dw (NULL: the stored month, for the data
-- test). p_before_load limits the history to months whose stored slice came from an earlier load
-- (the data test: what the guard saw when the month was loaded); NULL: every stored month.
-- Returns only what is out of line: verdict hold, rise (a warning) or fall (a warning).
CREATE OR REPLACE FUNCTION dw.plausibility_findings(p_dataset text, p_period date, p_table text, p_before_load bigint DEFAULT NULL)
RETURNS TABLE (org_code text, is_england boolean, field text, value numeric, median numeric,
               history_months integer, verdict text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    t dw.plausibility_threshold%ROWTYPE;
    v_source text;      -- the fact table holding the history
    v_org text;         -- provider column
    v_value text;       -- the count per row
    v_filter text;      -- provider rows
    v_new text;
BEGIN
    SELECT * INTO t FROM dw.plausibility_threshold th WHERE th.dataset = p_dataset;
    IF NOT FOUND THEN RETURN; END IF;
    CASE p_dataset
        WHEN 'ae' THEN
            v_source := 'fact_ae'; v_org := 'org_code'; v_value := 'att_type1 + att_type2 + att_other'; v_filter := 'true';
        WHEN 'ambulance' THEN
            v_source := 'fact_ambulance'; v_org := 'org_code'; v_value := 'incidents'; v_filter := 'org_level = ''trust''';
        WHEN 'rtt' THEN
            v_source := 'fact_rtt_provider'; v_org := 'provider_code'; v_value := 'total_all'; v_filter := 'part = ''Part_2''';
        WHEN 'cancer' THEN
            v_source := 'fact_cancer'; v_org := 'org_code'; v_value := 'total_treated'; v_filter := 'true';
        WHEN 'diagnostics' THEN
            v_source := 'fact_diagnostics'; v_org := 'org_code'; v_value := 'total_waiting'; v_filter := 'true';
        ELSE
            RETURN;
    END CASE;
    v_new := CASE WHEN p_table IS NULL
                  THEN format('(SELECT * FROM dw.%I WHERE period = %L)', v_source, p_period)
                  ELSE format('dw.%I', p_table) END;
    RETURN QUERY EXECUTE format($q$
        WITH months AS (            -- the previous loaded months of the dataset
            SELECT s.period FROM audit.load_slice s
             WHERE s.dataset = $1 AND s.period < $2 AND ($12::bigint IS NULL OR s.load_id < $12)
             ORDER BY s.period DESC LIMIT $3),
        history AS (
            SELECT h.%1$I AS org, h.period, sum(%2$s)::numeric AS v
              FROM dw.%3$I h WHERE h.period IN (SELECT period FROM months) AND %4$s
             GROUP BY h.%1$I, h.period
            HAVING sum(%2$s) IS NOT NULL),
        new AS (
            SELECT n.%1$I AS org, sum(%2$s)::numeric AS v FROM %5$s n WHERE %4$s GROUP BY n.%1$I
            HAVING sum(%2$s) IS NOT NULL),
        history_median AS (
            SELECT h.org, percentile_cont(0.5) WITHIN GROUP (ORDER BY h.v)::numeric AS median, count(*)::integer AS months
              FROM history h GROUP BY h.org),
        england_history AS (        -- like for like: the providers of the new month that have history
            SELECT h.period, sum(h.v) AS v FROM history h WHERE h.org IN (SELECT org FROM new) GROUP BY h.period),
        compared AS (
            SELECT n.org, false AS is_england, n.v, m.median, m.months
              FROM new n JOIN history_median m ON m.org = n.org
            UNION ALL
            SELECT 'England', true,
                   (SELECT sum(n.v) FROM new n WHERE n.org IN (SELECT org FROM history)),
                   (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY h.v) FROM england_history h)::numeric,
                   (SELECT count(*) FROM england_history h)::integer)
        SELECT c.org, c.is_england, $4::text, c.v, round(c.median, 1), c.months,
               CASE WHEN c.is_england AND c.v > $9 * c.median THEN 'hold'
                    WHEN c.is_england AND c.v < c.median / $10 THEN 'fall'
                    WHEN c.is_england THEN NULL
                    WHEN c.v > $7 * greatest(c.median, $5) THEN 'hold'
                    WHEN c.v > $6 * greatest(c.median, $5) THEN 'rise'
                    WHEN c.median >= $5 AND c.v < c.median / $8 THEN 'fall'
               END
          FROM compared c
         WHERE c.months >= $11 AND c.median > 0 AND c.v IS NOT NULL
           AND CASE WHEN c.is_england THEN c.v > $9 * c.median OR c.v < c.median / $10
                    ELSE c.v > $6 * greatest(c.median, $5) OR (c.median >= $5 AND c.v < c.median / $8) END
         ORDER BY c.is_england DESC, c.org
        $q$, v_org, v_value, v_source, v_filter, v_new)
    USING p_dataset, p_period, t.history_months, t.field, t.floor, t.provider_warn_ratio, t.provider_hold_ratio,
          t.fall_warn_ratio, t.england_hold_ratio, t.england_fall_ratio, t.min_history, p_before_load;
END $$;
COMMENT ON FUNCTION dw.plausibility_findings(text, date, text, bigint) IS 'Providers (and England, like for like) whose key count for the month is far from the median of their previous loaded months, per dw.plausibility_threshold: verdict hold, rise or fall.';
