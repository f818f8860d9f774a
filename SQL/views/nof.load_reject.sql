CREATE VIEW nof.load_reject AS
SELECT r.load_id, l.file_name, l.dataset, r.sheet, r.line, r.column_name, r.raw_value, r.reason
  FROM audit.load_reject r
  JOIN audit.load_log l USING (load_id);
COMMENT ON VIEW nof.load_reject IS 'Every row a load rejected, explained: file, line, column, value and reason (the first 10,000 of a load; nof.load_history counts them all). Grain: load x rejected row.';
COMMENT ON COLUMN nof.load_reject.load_id IS 'The load (nof.load_history).';
COMMENT ON COLUMN nof.load_reject.file_name IS 'File loaded.';
COMMENT ON COLUMN nof.load_reject.dataset IS 'Its dataset.';
COMMENT ON COLUMN nof.load_reject.sheet IS 'Sheet, for a spreadsheet.';
COMMENT ON COLUMN nof.load_reject.line IS 'Line (CSV) or row (spreadsheet), 1-based.';
COMMENT ON COLUMN nof.load_reject.column_name IS 'Column, as headed in the file.';
COMMENT ON COLUMN nof.load_reject.raw_value IS 'The value as written.';
COMMENT ON COLUMN nof.load_reject.reason IS 'Why it was refused.';
