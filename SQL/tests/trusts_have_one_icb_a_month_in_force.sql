-- rule: A trust's ICB 'in force' in a month is an ICB that existed that month (the April 2026 ICB codes are never used for 2024).
SELECT m.org_code, m.period, m.icb_code, i.valid_from, i.valid_to
  FROM dw.organisation_icb_month m
  JOIN dw.icb i ON i.icb_code = m.icb_code
 WHERE m.basis = 'in force' AND NOT (m.period BETWEEN i.valid_from AND coalesce(i.valid_to, 'infinity'))
