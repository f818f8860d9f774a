-- The constitutional standard and the interim planning target in force for every standard and
-- month, materialised from dw.standard_target (seeded from reference/standards.csv). A target
-- is in force in a month when the month's first day falls in [effective_from, effective_to];
-- when two of one kind overlap, the one that started later wins. Only targets with a numeric
-- threshold and comparison count. This is the one definition of "target in force": the view
-- dw.v_target_in_force picks the interim target when there is one, else the constitutional.
CREATE OR REPLACE FUNCTION dw.rebuild_standard_target_month() RETURNS void
LANGUAGE sql AS $$
    DELETE FROM dw.standard_target_month;
    INSERT INTO dw.standard_target_month
    WITH in_force AS (
        SELECT DISTINCT ON (t.standard_code, p.period, t.target_kind)
               t.standard_code, p.period, t.target_kind, t.threshold, t.comparator
          FROM dw.standard_target t
          JOIN dw.dim_period p
            ON (t.effective_from IS NULL OR t.effective_from <= p.period)
           AND (t.effective_to IS NULL OR t.effective_to >= p.period)
         WHERE t.standard_code IS NOT NULL AND t.threshold IS NOT NULL
           AND t.comparator IN ('>=', '<=', '<', '>') AND t.target_kind IN ('constitutional', 'interim')
         ORDER BY t.standard_code, p.period, t.target_kind, t.effective_from DESC NULLS LAST
    )
    SELECT s.standard_code, p.period, c.threshold, c.comparator, i.threshold, i.comparator
      FROM dw.dim_standard s
      CROSS JOIN dw.dim_period p
      LEFT JOIN in_force c ON c.standard_code = s.standard_code AND c.period = p.period AND c.target_kind = 'constitutional'
      LEFT JOIN in_force i ON i.standard_code = s.standard_code AND i.period = p.period AND i.target_kind = 'interim';
$$;
COMMENT ON FUNCTION dw.rebuild_standard_target_month() IS 'Rebuilds dw.standard_target_month from dw.standard_target (run by nofdb init after any schema change).';
