-- 001 foundation: schemas and the audit tables the loader writes.
--
-- Schemas:
--   nof      public, BI-facing views (the only schema a read-only role can see)
--   dw       dimensions, facts and marts (internal tables behind the views)
--   staging  transient tables used while a load is in progress
--   audit    migrations, load log, rejects, warnings, sync log

CREATE SCHEMA IF NOT EXISTS nof;
COMMENT ON SCHEMA nof IS 'nofdb public views for analysts and BI tools: NHS England monthly performance, standards, league tables and segments. Every view and column is commented.';
CREATE SCHEMA IF NOT EXISTS dw;
COMMENT ON SCHEMA dw IS 'nofdb internal star schema: dimensions, facts (partitioned by period) and marts. Read through the nof views.';
CREATE SCHEMA IF NOT EXISTS staging;
COMMENT ON SCHEMA staging IS 'nofdb internal: transient tables used during loads.';
CREATE SCHEMA IF NOT EXISTS audit;

-- One row per file (or zip member) nofdb was asked to load.
CREATE TABLE audit.load_log (
    load_id        bigserial PRIMARY KEY,
    file_name      text NOT NULL,
    file_path      text NOT NULL,
    member         text,                       -- member name inside a .zip, else NULL
    sha256         text NOT NULL,              -- of the file as given (the zip for members)
    size_bytes     bigint NOT NULL,
    dataset        text,                       -- ae, ambulance, rtt, cancer, diagnostics, nof_data, nof_league
    layout         text,                       -- e.g. ae-22, rtt-104, ambsys-153
    periods        date[] NOT NULL DEFAULT '{}',
    rows_read      bigint NOT NULL DEFAULT 0,
    rows_loaded    bigint NOT NULL DEFAULT 0,
    rows_rejected  bigint NOT NULL DEFAULT 0,
    warnings       integer NOT NULL DEFAULT 0,
    status         text NOT NULL DEFAULT 'running'
                   CHECK (status IN ('running', 'loaded', 'loaded_with_rejects', 'unchanged', 'failed')),
    message        text,
    strict         boolean NOT NULL DEFAULT false,
    started_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at    timestamptz,
    nofdb_version  text
);
CREATE INDEX load_log_sha_idx ON audit.load_log (sha256, member);
CREATE INDEX load_log_dataset_idx ON audit.load_log (dataset, started_at DESC);
COMMENT ON TABLE audit.load_log IS 'Every load attempt: file, SHA-256, dataset, layout, periods, row counts, status.';

-- Every rejected row: where it was, what it held and why it was refused.
CREATE TABLE audit.load_reject (
    load_id     bigint NOT NULL REFERENCES audit.load_log ON DELETE CASCADE,
    line        bigint,            -- 1-based line in the file (row number for spreadsheets)
    column_name text,
    raw_value   text,
    reason      text NOT NULL,
    sheet       text
);
CREATE INDEX load_reject_load_idx ON audit.load_reject (load_id);

-- Checks that passed or failed without rejecting rows (e.g. a TOTAL row that does not add up).
CREATE TABLE audit.load_warning (
    load_id  bigint NOT NULL REFERENCES audit.load_log ON DELETE CASCADE,
    kind     text NOT NULL,
    period   date,
    message  text NOT NULL
);
CREATE INDEX load_warning_load_idx ON audit.load_warning (load_id);

-- Which load currently provides each (dataset, period) slice of the warehouse.
CREATE TABLE audit.load_slice (
    dataset   text NOT NULL,
    period    date NOT NULL,
    load_id   bigint NOT NULL REFERENCES audit.load_log,
    rows      bigint NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    revision  integer NOT NULL DEFAULT 1,     -- 1 for the first load of the slice, +1 per replacement
    PRIMARY KEY (dataset, period)
);

-- History of slice replacements (a revised month replaces an earlier load).
CREATE TABLE audit.load_slice_history (
    dataset        text NOT NULL,
    period         date NOT NULL,
    load_id        bigint NOT NULL REFERENCES audit.load_log,
    replaced_load  bigint REFERENCES audit.load_log,
    rows           bigint NOT NULL,
    loaded_at      timestamptz NOT NULL DEFAULT now()
);

-- Roles created by `nofdb grant-reader`; views recreated by `init` are granted to them again.
CREATE TABLE audit.reader_role (
    role_name  text PRIMARY KEY,
    granted_at timestamptz NOT NULL DEFAULT now()
);

-- What `nofdb sync` found, fetched, loaded or skipped, and why.
CREATE TABLE audit.sync_log (
    sync_id      bigserial PRIMARY KEY,
    started_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    dataset      text NOT NULL,
    page_url     text,
    file_url     text,
    link_text    text,
    action       text NOT NULL CHECK (action IN ('found', 'fetched', 'loaded', 'skipped', 'failed', 'unreachable')),
    reason       text,
    http_status  integer,
    etag         text,
    last_modified text,
    sha256       text,
    cache_path   text,
    load_id      bigint REFERENCES audit.load_log ON DELETE SET NULL
);
CREATE INDEX sync_log_url_idx ON audit.sync_log (file_url, started_at DESC);
