-- Each predecessor trust's organisation today: its successor chain followed (A -> B -> C) to a
-- code with no successor. merged_on is the date the trust itself ceased (its own succession);
-- path lists the codes from it to today's. A trust split between several successors follows the
-- earliest succession, then the lowest code (deterministic; rare for trusts).
CREATE VIEW dw.v_organisation_lineage AS
WITH RECURSIVE first_successor AS (
    SELECT DISTINCT ON (old_code) old_code, new_code, effective_from
      FROM dw.v_trust_successor
     ORDER BY old_code, effective_from, new_code
), chain AS (
    SELECT f.old_code AS org_code, f.new_code AS current_code, f.effective_from AS merged_on,
           ARRAY[f.old_code, f.new_code] AS path
      FROM first_successor f
    UNION ALL
    SELECT c.org_code, f.new_code, c.merged_on, c.path || f.new_code
      FROM chain c
      JOIN first_successor f ON f.old_code = c.current_code
     WHERE NOT f.new_code = ANY (c.path) AND cardinality(c.path) < 12
)
SELECT DISTINCT ON (org_code) org_code, current_code, merged_on, path
  FROM chain
 ORDER BY org_code, cardinality(path) DESC;
