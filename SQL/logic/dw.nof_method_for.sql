-- The NOF method a period is scored by: its financial year's (dw.nof_method), else the latest
-- earlier year's, else (a period before NOF began) the earliest year's.
CREATE OR REPLACE FUNCTION dw.nof_method_for(p_period date) RETURNS SETOF dw.nof_method
LANGUAGE sql STABLE AS $$
    SELECT m.*
      FROM dw.nof_method m, (SELECT financial_year FROM dw.dim_period WHERE period = p_period) p
     ORDER BY (m.financial_year <= p.financial_year) DESC,
              CASE WHEN m.financial_year <= p.financial_year THEN m.financial_year END DESC NULLS LAST,
              m.financial_year
     LIMIT 1
$$;
COMMENT ON FUNCTION dw.nof_method_for(date) IS 'The NOF scoring and segmentation method (by financial year) a period is scored by.';
