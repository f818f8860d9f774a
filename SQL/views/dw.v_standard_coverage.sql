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
-- Written so the planner can flatten it into the query reading it: each aggregate row finds
-- its neighbouring months by index (dw.mart_standard by org_code, standard_code, period) and
-- the reference counts come from a derived table computed once. A window over the months, as
-- before, could take no period filter: every reader of one month computed all of history, and
-- under a nested loop the planner had misjudged, once per row (the ambulance report at ten
-- years of national data: 0.7 s of its query, 5 ms after; docs/performance.md).
CREATE VIEW dw.v_standard_coverage AS
SELECT m.period, m.org_level, m.org_code, m.standard_code, m.breakdown,
       coalesce(m.providers_present, m.providers) AS providers_present, m.providers AS providers_reporting,
       CASE WHEN x.file_total_checked THEN coalesce(m.providers_present, m.providers)
            ELSE nullif(greatest(coalesce(nb.neighbour_max, 0), coalesce(r.trusts, 0)), 0) END AS providers_expected,
       CASE WHEN coalesce(m.providers, 0) = 0 THEN 'not_reported'
            WHEN m.org_level = 'england' AND m.providers < 10 THEN 'partial'
            WHEN x.file_total_checked THEN 'complete'
            WHEN greatest(coalesce(nb.neighbour_max, 0), coalesce(r.trusts, 0)) = 0 THEN 'unknown'
            WHEN coalesce(m.providers_present, m.providers) >= 0.95 * greatest(coalesce(nb.neighbour_max, 0), coalesce(r.trusts, 0)) THEN 'complete'
            ELSE 'partial' END AS coverage_status,
       CASE WHEN x.file_total_checked THEN 'file total'
            WHEN coalesce(nb.neighbour_max, 0) >= coalesce(r.trusts, 0) AND nb.neighbour_max > 0 THEN 'neighbouring months'
            WHEN r.trusts > 0 THEN 'organisation reference' END AS coverage_basis
  FROM dw.mart_standard m
  JOIN dw.dim_standard s ON s.standard_code = m.standard_code
  CROSS JOIN LATERAL (
        SELECT s.dataset IN ('ae', 'ambulance')
               AND NOT EXISTS (SELECT 1 FROM audit.load_slice ls JOIN audit.load_warning w ON w.load_id = ls.load_id
                                WHERE ls.dataset = s.dataset AND ls.period = m.period AND w.kind = 'totals'
                                  AND w.period = m.period)) AS x(file_total_checked)
  CROSS JOIN LATERAL (
        SELECT max(coalesce(n.providers_present, n.providers))
          FROM dw.mart_standard n
         WHERE n.org_code = m.org_code AND n.standard_code = m.standard_code AND n.org_level = m.org_level
           AND n.breakdown = m.breakdown
           AND n.period BETWEEN (m.period - interval '6 months')::date AND (m.period + interval '6 months')::date) AS nb(neighbour_max)
  LEFT JOIN (
        SELECT CASE t.peer_group WHEN 'ambulance' THEN 'ambulance' ELSE 'acute' END AS kind, o.region_code,
               GROUPING(o.region_code) = 1 AS national, count(DISTINCT t.org_code)::integer AS trusts
          FROM dw.organisation_type t
          LEFT JOIN dw.dim_organisation o ON o.org_code = t.org_code
         WHERE t.peer_group IN ('acute', 'ambulance')
         GROUP BY GROUPING SETS ((1), (1, 2))) r
         ON NOT x.file_total_checked
        AND r.kind = CASE s.dataset WHEN 'ambulance' THEN 'ambulance' ELSE 'acute' END
        AND CASE m.org_level WHEN 'england' THEN r.national ELSE NOT r.national AND r.region_code = m.org_code END
 WHERE m.org_level IN ('england', 'region', 'icb');
