-- The one target each month is judged against: the interim planning target when there is
-- one, else the constitutional standard (with its comparator). Both grains read it.
CREATE VIEW dw.v_target_in_force AS
SELECT standard_code, period, constitutional, interim,
       coalesce(interim, constitutional) AS target,
       CASE WHEN interim IS NOT NULL THEN 'interim' WHEN constitutional IS NOT NULL THEN 'constitutional' END AS target_kind,
       CASE WHEN interim IS NOT NULL THEN interim_comparator ELSE constitutional_comparator END AS comparator
  FROM dw.standard_target_month;
