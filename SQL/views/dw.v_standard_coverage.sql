-- How complete each England, region and ICB figure is. providers_present: providers in the loaded
-- file for that month; providers_reporting: those with a value.
-- Where the file publishes its own total and the load checked it (A&E's TOTAL row, AmbSYS's
-- England row: the month was not accepted with --allow-total-mismatch), the providers present
-- are all there are (coverage_basis 'file total'). Otherwise providers_expected is the most
-- providers present in any month within six months either side (the dataset's neighbouring
-- months), and at least the trusts the reference says submit it (dw.organisation_type: acute
-- trusts for RTT, cancer and DM01; by region for region rows).
-- coverage_status: not_reported (no provider has a value); partial (fewer than 95% of the
-- expected providers present, or an England figure from fewer than 10 providers, which is
-- never complete); unknown (nothing to compare with); else complete.
CREATE VIEW dw.v_standard_coverage AS
WITH aggregates AS (
    SELECT m.period, m.org_level, m.org_code, m.standard_code, m.breakdown, s.dataset,
           m.providers AS providers_reporting, coalesce(m.providers_present, m.providers) AS providers_present,
           s.dataset IN ('ae', 'ambulance')
               AND NOT EXISTS (SELECT 1 FROM audit.load_slice ls JOIN audit.load_warning w ON w.load_id = ls.load_id
                                WHERE ls.dataset = s.dataset AND ls.period = m.period AND w.kind = 'totals'
                                  AND w.period = m.period) AS file_total_checked
      FROM dw.mart_standard m
      JOIN dw.dim_standard s ON s.standard_code = m.standard_code
     WHERE m.org_level IN ('england', 'region', 'icb')
), neighbours AS (
    SELECT a.*,
           max(a.providers_present) OVER (
               PARTITION BY a.org_level, a.org_code, a.standard_code, a.breakdown ORDER BY a.period
               RANGE BETWEEN interval '6 months' PRECEDING AND interval '6 months' FOLLOWING) AS neighbour_max
      FROM aggregates a
), reference AS MATERIALIZED (
    -- MATERIALIZED: computed once (a dozen rows). Inlined, it was recomputed for every
    -- aggregate row by the correlated lookup below: 1.9 s of the national report's 2 s at
    -- five years of history, 0.09 s now.
    SELECT CASE t.peer_group WHEN 'ambulance' THEN 'ambulance' ELSE 'acute' END AS kind, o.region_code,
           GROUPING(o.region_code) = 1 AS national, count(DISTINCT t.org_code)::integer AS trusts
      FROM dw.organisation_type t
      LEFT JOIN dw.dim_organisation o ON o.org_code = t.org_code
     WHERE t.peer_group IN ('acute', 'ambulance')
     GROUP BY GROUPING SETS ((1), (1, 2))
), expected AS (
    SELECT n.*,
           (SELECT r.trusts FROM reference r
             WHERE r.kind = CASE n.dataset WHEN 'ambulance' THEN 'ambulance' ELSE 'acute' END AND NOT n.file_total_checked
               AND CASE n.org_level WHEN 'england' THEN r.national ELSE NOT r.national AND r.region_code = n.org_code END) AS reference_trusts
      FROM neighbours n
)
SELECT period, org_level, org_code, standard_code, breakdown, providers_present, providers_reporting,
       CASE WHEN file_total_checked THEN providers_present
            ELSE nullif(greatest(coalesce(neighbour_max, 0), coalesce(reference_trusts, 0)), 0) END AS providers_expected,
       CASE WHEN coalesce(providers_reporting, 0) = 0 THEN 'not_reported'
            WHEN org_level = 'england' AND providers_reporting < 10 THEN 'partial'
            WHEN file_total_checked THEN 'complete'
            WHEN greatest(coalesce(neighbour_max, 0), coalesce(reference_trusts, 0)) = 0 THEN 'unknown'
            WHEN providers_present >= 0.95 * greatest(coalesce(neighbour_max, 0), coalesce(reference_trusts, 0)) THEN 'complete'
            ELSE 'partial' END AS coverage_status,
       CASE WHEN file_total_checked THEN 'file total'
            WHEN coalesce(neighbour_max, 0) >= coalesce(reference_trusts, 0) AND neighbour_max > 0 THEN 'neighbouring months'
            WHEN reference_trusts > 0 THEN 'organisation reference' END AS coverage_basis
  FROM expected;
