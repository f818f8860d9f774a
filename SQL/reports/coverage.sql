-- report: coverage
-- title: Data coverage
-- description: Which dataset-months are loaded, from which revision, and the gaps between the first and last month.
-- section: Coverage by dataset
-- column: dataset | Dataset
-- column: first | First month
-- column: last | Newest month
-- column: months_loaded | Months loaded
-- column: revised | Revised
-- column: gaps | Months missing
SELECT dataset, to_char(min(period), 'YYYY-MM') AS first, to_char(max(period), 'YYYY-MM') AS last,
       count(*) AS months_loaded,
       count(*) FILTER (WHERE revision > 1) AS revised,
       CASE WHEN c.dataset LIKE 'ods%' THEN '' ELSE  -- reference files: not monthly, so no month is missing
       (SELECT coalesce(string_agg(to_char(g, 'YYYY-MM'), ', '), '')
          FROM generate_series(min(c.period), max(c.period),
                               CASE WHEN c.dataset LIKE 'nof%' THEN interval '3 months' ELSE interval '1 month' END) g
         WHERE NOT EXISTS (SELECT 1 FROM nof.data_coverage c2 WHERE c2.dataset = c.dataset AND c2.period = g)) END AS gaps
  FROM nof.data_coverage c
 GROUP BY dataset ORDER BY dataset;
-- section: Calendar
-- column: dataset | Dataset
-- column: year | Year
-- column: months | Months loaded
SELECT dataset, extract(year FROM period)::integer AS year,
       string_agg(CASE WHEN present THEN to_char(period, 'Mon') ELSE ' · ' END, ' ' ORDER BY period) AS months
  FROM (SELECT d.dataset, m.period, EXISTS (SELECT 1 FROM nof.data_coverage c WHERE c.dataset = d.dataset AND c.period = m.period) AS present
          FROM (SELECT DISTINCT dataset FROM nof.data_coverage) d
          CROSS JOIN LATERAL (SELECT period FROM nof.period
                               WHERE period BETWEEN date_trunc('year', (SELECT min(period) FROM nof.data_coverage c WHERE c.dataset = d.dataset))
                                 AND (SELECT max(period) FROM nof.data_coverage c WHERE c.dataset = d.dataset)) m) x
 GROUP BY dataset, year ORDER BY dataset, year;
-- section: Months missing from their files
-- column: dataset | Dataset
-- column: month | Month
-- column: file | File
-- column: load | Load
-- column: loaded | Loaded since
-- column: message | Message
-- footnote: A monthly file whose months have a hole (a workbook of April to September without June): the missing month was not loaded from it. Loaded since from another file: loaded says yes.
SELECT w.dataset, to_char(w.period, 'YYYY-MM') AS month, w.file_name AS file, w.load_id AS load,
       CASE WHEN EXISTS (SELECT 1 FROM nof.data_coverage c WHERE c.dataset = w.dataset AND c.period = w.period) THEN 'yes' ELSE 'no' END AS loaded,
       w.message
  FROM nof.load_warning w
 WHERE w.kind = 'gap'
 ORDER BY w.dataset, w.period, w.load_id;
