-- Works out each trust's ICB in each month from every loaded ODS trusts file (one membership
-- per file) and the ICBs' lifetimes (dw.icb): for a month, the membership whose ICB existed
-- then, from the file nearest that month ('in force'); before ICBs began (July 2022), the first
-- ICB the trust belonged to ('first ICB'); else the nearest file's ('nearest file'). Months run
-- from the trust's open date (or April 2010) to its close date. Also sets each ICB's region: the
-- region most of its trusts are in, in the newest file. Returns the rows written.
CREATE OR REPLACE FUNCTION dw.refresh_organisation_icb() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM dw.organisation_icb_month;
    INSERT INTO dw.organisation_icb_month (org_code, period, icb_code, region_code, basis)
    WITH member AS (
        SELECT t.org_code, t.period AS snapshot, t.icb_code, t.region_code, t.open_date, t.close_date,
               i.valid_from, coalesce(i.valid_to, 'infinity'::date) AS valid_to
          FROM dw.fact_ods_trust t
          JOIN dw.icb i ON i.icb_code = t.icb_code
    )
    SELECT DISTINCT ON (m.org_code, p.period) m.org_code, p.period, m.icb_code, m.region_code,
           CASE WHEN p.period BETWEEN m.valid_from AND m.valid_to THEN 'in force'
                WHEN p.period < '2022-07-01' THEN 'first ICB'
                ELSE 'nearest file' END
      FROM member m
      JOIN dw.dim_period p ON p.period >= date_trunc('month', m.open_date)::date
                          AND (m.close_date IS NULL OR p.period <= m.close_date)
     ORDER BY m.org_code, p.period,
              (p.period BETWEEN m.valid_from AND m.valid_to) DESC,
              CASE WHEN p.period < '2022-07-01' THEN m.valid_from END NULLS LAST,
              abs(p.period - m.snapshot), m.snapshot DESC;
    GET DIAGNOSTICS n = ROW_COUNT;

    UPDATE dw.icb i SET region_code = r.region_code
      FROM (SELECT c.icb_code,
                   (SELECT t.region_code FROM dw.fact_ods_trust t
                     WHERE t.icb_code = c.icb_code AND t.region_code ~ '^Y[0-9]{2}$' AND t.close_date IS NULL
                       AND t.period = (SELECT max(x.period) FROM dw.fact_ods_trust x WHERE x.icb_code = c.icb_code)
                     GROUP BY t.region_code ORDER BY count(*) DESC, t.region_code LIMIT 1) AS region_code
              FROM dw.icb c) r
     WHERE r.icb_code = i.icb_code AND i.region_code IS DISTINCT FROM r.region_code;
    RETURN n;
END $$;
COMMENT ON FUNCTION dw.refresh_organisation_icb() IS 'Rebuilds dw.organisation_icb_month (each trust''s ICB per month) from the loaded ODS trusts files; returns the rows written.';
