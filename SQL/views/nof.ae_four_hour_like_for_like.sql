CREATE VIEW nof.ae_four_hour_like_for_like AS
SELECT * FROM nof.ae_four_hour_like_for_like('1900-01-01', '2999-12-01');
COMMENT ON VIEW nof.ae_four_hour_like_for_like IS 'England four-hour performance over the sites that reported four-hour data in every loaded month (a like-for-like series). For another range call nof.ae_four_hour_like_for_like(from, to). Grain: month.';
COMMENT ON COLUMN nof.ae_four_hour_like_for_like.period IS 'Month (first day).';
COMMENT ON COLUMN nof.ae_four_hour_like_for_like.sites IS 'Sites in the fixed set.';
COMMENT ON COLUMN nof.ae_four_hour_like_for_like.attendances IS 'Their attendances.';
COMMENT ON COLUMN nof.ae_four_hour_like_for_like.within_4h IS 'Their attendances within 4 hours.';
COMMENT ON COLUMN nof.ae_four_hour_like_for_like.pct_within_4h IS '% within 4 hours over the fixed set.';
