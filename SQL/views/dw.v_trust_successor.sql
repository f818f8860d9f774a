-- Trust successions: the newest loaded ODS successor file (succ.csv) kept to trusts: both codes
-- name an NHS trust (in a loaded ODS trusts file, or an NHS trust in the NHS England files, or
-- shaped like an old trust code: R or T and two characters); site, CCG and ICB rows are left
-- out. Where no ODS successor file is loaded (or it lacks a trust), nofdb's seeded links
-- (dw.organisation_successor, 002_dimensions.sql) stand in, source 'nofdb'.
CREATE VIEW dw.v_trust_successor AS
WITH trusts AS (
    SELECT org_code FROM dw.fact_ods_trust
    UNION
    SELECT org_code FROM dw.dim_organisation WHERE org_kind = 'nhs_trust'
), ods AS (
    SELECT s.old_code, s.new_code, s.effective_from, s.not_confirmed, 'ods'::text AS source
      FROM dw.fact_ods_successor s
     WHERE s.period = (SELECT max(period) FROM dw.fact_ods_successor)
       AND s.old_code <> s.new_code
       AND (s.old_code IN (SELECT org_code FROM trusts) OR s.old_code ~ '^[RT][A-Z0-9]{2}$')
       AND (s.new_code IN (SELECT org_code FROM trusts) OR s.new_code ~ '^[RT][A-Z0-9]{2}$')
)
SELECT old_code, new_code, effective_from, not_confirmed, source FROM ods
UNION ALL
SELECT o.old_code, o.new_code, o.effective_from, false, 'nofdb'
  FROM dw.organisation_successor o
 WHERE NOT EXISTS (SELECT 1 FROM ods WHERE ods.old_code = o.old_code);
