-- 016 guards that totals cannot catch (issue 30): each provider's key count compared with its
-- own history, two versions of one month in one command, and the thresholds as data.
--
-- A file whose TOTAL row was adjusted to match a provider's counts multiplied by 1,000 passes
-- every totals check; only the provider's own history shows it. dw.plausibility_threshold holds,
-- per dataset, the count compared and the ratios that warn or hold a month back (see
-- dw.plausibility_findings and docs/warehouse.md "Plausibility"). Edit a row to change a rule;
-- the data tests check the rows stay sensible.
CREATE TABLE dw.plausibility_threshold (
    dataset             text PRIMARY KEY,
    field               text NOT NULL,      -- the count compared, in words
    history_months      integer NOT NULL DEFAULT 12,   -- the median is over this many previous loaded months
    min_history         integer NOT NULL DEFAULT 3,    -- fewer months of the provider's history: not compared
    floor               numeric NOT NULL,   -- a provider's baseline is at least this (rises); a median under it is not checked for falls
    provider_warn_ratio numeric NOT NULL DEFAULT 3,    -- above ratio x median: a warning
    provider_hold_ratio numeric NOT NULL DEFAULT 10,   -- above ratio x median: the month is held back
    england_hold_ratio  numeric NOT NULL DEFAULT 2,    -- England's total above ratio x median: held back
    fall_warn_ratio     numeric NOT NULL DEFAULT 3,    -- a provider under median / ratio: a warning (never a hold)
    england_fall_ratio  numeric NOT NULL DEFAULT 2     -- England under median / ratio: a warning (never a hold)
);
COMMENT ON TABLE dw.plausibility_threshold IS 'Per dataset: the key count the plausibility guard compares with each provider''s median over its previous loaded months, and the ratios that warn or hold a month back. Falls only ever warn (services close; April 2020).';

INSERT INTO dw.plausibility_threshold (dataset, field, floor) VALUES
    ('ae', 'A&E attendances (all types)', 1000),
    ('ambulance', 'ambulance incidents (A7)', 1000),
    ('rtt', 'RTT incomplete pathways (Part 2)', 1000),
    ('cancer', 'cancer patients treated (all standards)', 100),
    ('diagnostics', 'DM01 waiting list (all tests)', 1000);

-- Held-back months of the two new kinds: a provider or England far above its own history
-- (outlier), and two different files carrying the month in one command (conflict).
ALTER TABLE audit.load_holdback DROP CONSTRAINT load_holdback_kind_check;
ALTER TABLE audit.load_holdback ADD CONSTRAINT load_holdback_kind_check
    CHECK (kind IN ('shrink', 'totals', 'outlier', 'conflict'));

-- Whether the load was run with --allow-outliers (the months it let in are also warnings).
ALTER TABLE audit.load_log ADD COLUMN allow_outliers boolean NOT NULL DEFAULT false;
