-- rule: Every standard has a target in force in every financial year 2018/19-2026/27 (checked at the year's last month), unless the gap is deliberate (listed here with why); and every interim target the year's planning guidance set is there.
WITH years AS (
    SELECT DISTINCT financial_year, max(period) OVER (PARTITION BY financial_year) AS last_month
      FROM dw.dim_period WHERE financial_year BETWEEN '2018/19' AND '2026/27'
), deliberate (standard_code, first_year, last_year, why) AS (VALUES
    ('ae_4h_type1', '2018/19', '2026/27', 'type 1 four-hour performance has no standard of its own (the 95% applies to all types)'),
    ('ae_12h_dta_count', '2018/19', '2026/27', 'reported as a count; no threshold confirmed'),
    ('ae_12h_dta_share', '2018/19', '2026/27', 'no threshold for 12 hours from decision to admit (the 2% is from arrival, OF0014)'),
    ('rtt_52w_count', '2018/19', '2026/27', 'reported as a count; the targets are on the share'),
    ('rtt_52w_share', '2018/19', '2024/25', 'the share target (under 1% of the list) starts with the 2025/26 guidance'),
    ('rtt_52w_share', '2026/27', '2026/27', 'no 2026/27 figure seen in the Medium Term Planning Framework copy used here'),
    ('rtt_median_weeks', '2018/19', '2026/27', 'a descriptive statistic: no target'),
    ('rtt_p92_weeks', '2018/19', '2026/27', 'a descriptive statistic: no target'),
    ('cancer_fds28', '2018/19', '2020/21', 'the 28-day Faster Diagnosis Standard is reported from October 2021')
), gaps AS (
    SELECT s.standard_code, y.financial_year
      FROM dw.dim_standard s CROSS JOIN years y
      LEFT JOIN dw.v_target_in_force t ON t.standard_code = s.standard_code AND t.period = y.last_month
     WHERE t.target IS NULL
), interims (standard_code, financial_year, source) AS (VALUES
    ('ae_4h_all', '2023/24', '76% by March 2024'), ('ae_4h_all', '2024/25', '78% by March 2025'),
    ('ae_4h_all', '2025/26', '78% in March 2026'), ('ae_4h_all', '2026/27', '82% by March 2027'),
    ('amb_c2_mean', '2023/24', '30 minutes'), ('amb_c2_mean', '2024/25', '30 minutes'),
    ('amb_c2_mean', '2025/26', '30 minutes'), ('amb_c2_mean', '2026/27', '25 minutes'),
    ('rtt_18w', '2025/26', '65% by March 2026'), ('rtt_18w', '2026/27', '70%'),
    ('dm01_6w', '2023/24', '95% within 6 weeks by March 2025'), ('dm01_6w', '2024/25', '95% within 6 weeks by March 2025'),
    ('dm01_6w', '2025/26', 'the March 2025 ambition kept (UNCONFIRMED)'), ('dm01_6w', '2026/27', '14%'),
    ('cancer_fds28', '2024/25', '77%'), ('cancer_fds28', '2025/26', '80%'), ('cancer_fds28', '2026/27', '80%'),
    ('cancer_62d', '2024/25', '70%'), ('cancer_62d', '2025/26', '75%'), ('cancer_62d', '2026/27', '80%'),
    ('cancer_31d', '2026/27', '94%')
)
SELECT g.standard_code, g.financial_year, 'no target in force, and not a listed gap' AS problem
  FROM gaps g
 WHERE NOT EXISTS (SELECT 1 FROM deliberate d WHERE d.standard_code = g.standard_code
                      AND g.financial_year BETWEEN d.first_year AND d.last_year)
UNION ALL
SELECT i.standard_code, i.financial_year, 'the planning guidance''s interim target (' || i.source || ') is missing'
  FROM interims i JOIN years y ON y.financial_year = i.financial_year
 WHERE NOT EXISTS (SELECT 1 FROM dw.v_target_in_force t
                    WHERE t.standard_code = i.standard_code AND t.period = y.last_month AND t.target_kind = 'interim')
