-- 010 trustworthy loads: replaced slices are archived (not dropped) and can be restored;
-- slices held back by the load guards are recorded with their reasons; loads remember their
-- backend so `nofdb status` can tell a running load from one that died.

CREATE SCHEMA IF NOT EXISTS archive;
COMMENT ON SCHEMA archive IS 'nofdb internal: earlier revisions of fact slices, detached from dw when a load replaced them (see nof.slice_revision). Not for BI tools.';

ALTER TABLE audit.load_log DROP CONSTRAINT load_log_status_check;
ALTER TABLE audit.load_log ADD CONSTRAINT load_log_status_check CHECK (status IN (
    'running', 'loaded', 'loaded_with_rejects', 'unchanged', 'failed', 'interrupted',
    'held_back',   -- every slice of the file was held back by a guard: nothing committed
    'partial',     -- some slices loaded, others held back
    'restored'));  -- a `nofdb restore` of an archived revision
ALTER TABLE audit.load_log
    ADD COLUMN kind text NOT NULL DEFAULT 'load' CHECK (kind IN ('load', 'restore')),
    ADD COLUMN backend_pid integer,
    ADD COLUMN backend_start timestamptz;
COMMENT ON COLUMN audit.load_log.backend_pid IS 'The server backend of the session that ran the load, to tell a running load from a dead one.';

-- A slice a load did not commit, and why (kind: shrink, totals).
CREATE TABLE audit.load_holdback (
    load_id          bigint NOT NULL REFERENCES audit.load_log ON DELETE CASCADE,
    dataset          text NOT NULL,
    period           date NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('shrink', 'totals')),
    reason           text NOT NULL,
    providers_lost   text[] NOT NULL DEFAULT '{}',
    stored_rows      bigint,
    new_rows         bigint,
    stored_providers integer,
    new_providers    integer
);
CREATE INDEX load_holdback_load_idx ON audit.load_holdback (load_id);

-- The replaced slices kept in schema archive: one row per (dataset, month, load whose data it is).
CREATE TABLE audit.slice_revision (
    revision_id  bigserial PRIMARY KEY,
    dataset      text NOT NULL,
    period       date NOT NULL,
    load_id      bigint NOT NULL REFERENCES audit.load_log,   -- the load that wrote this data
    replaced_by  bigint REFERENCES audit.load_log,            -- the load or restore that replaced it
    archived_at  timestamptz NOT NULL DEFAULT now(),
    rows         bigint NOT NULL,
    tables       text[] NOT NULL DEFAULT '{}',                -- its tables in schema archive
    UNIQUE (dataset, period, load_id)
);

-- The standards mart rows an archived revision produced, for what-changed reports.
CREATE TABLE audit.revision_standard (
    revision_id   bigint NOT NULL REFERENCES audit.slice_revision ON DELETE CASCADE,
    period        date NOT NULL,
    org_level     text NOT NULL,
    org_code      text NOT NULL,
    standard_code text NOT NULL,
    breakdown     text NOT NULL,
    numerator     numeric,
    denominator   numeric,
    value         numeric,
    status        text NOT NULL,
    PRIMARY KEY (revision_id, period, standard_code, org_level, org_code, breakdown)
);

ALTER TABLE audit.load_slice_history ADD COLUMN via_load bigint REFERENCES audit.load_log;
COMMENT ON COLUMN audit.load_slice_history.via_load IS 'The load or restore that made the change (for a restore, load_id is the restored data''s own load).';

-- Settings that outlive one command.
CREATE TABLE audit.setting (
    name       text PRIMARY KEY,
    value      text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO audit.setting (name, value) VALUES ('keep_revisions', '3');

-- Replaced by dw.replace_slice, which archives instead of dropping (a release 0.1.0
-- warehouse has it without a record in audit.schema_object).
DROP FUNCTION IF EXISTS dw.swap_slice(text, date, text);
