-- rule: Published counts are never negative (the normalisers refuse such rows; this checks what is stored).
SELECT 'fact_ae' AS fact, period, org_code AS org, 'a count' AS what
  FROM dw.fact_ae
 WHERE least(att_type1, att_type2, att_other, over4_type1, over4_type2, over4_other, dta_4_to_12, dta_12_plus,
             emadm_type1, emadm_type2, emadm_other_ae, emadm_other) < 0
UNION ALL
SELECT 'fact_diagnostics', period, org_code, 'a count'
  FROM dw.fact_diagnostics WHERE least(total_waiting, waiting_6plus, waiting_13plus) < 0
UNION ALL
SELECT 'fact_cancer', period, org_code, 'a count'
  FROM dw.fact_cancer WHERE least(total_treated, within_standard, breaches) < 0
UNION ALL
SELECT 'fact_rtt_provider', period, provider_code, 'total_all'
  FROM dw.fact_rtt_provider WHERE total_all < 0
