-- 008 targets by month: the constitutional standard and interim target in force for every
-- standard and month, materialised from dw.standard_target so views and league refreshes join
-- a small table instead of calling a function per row (the function's row estimates also
-- pushed the planner into JIT compilation, costing ~300 ms a report).
--
-- supersedes: 9886690d5c4fb1aff49d4ffb56cd0b7228cfc8d31c9d5a12499635293daabff7 (the release 0.1.0 text of this migration, which also held functions now in SQL/logic)

CREATE TABLE dw.standard_target_month (
    standard_code             text NOT NULL REFERENCES dw.dim_standard,
    period                    date NOT NULL,
    constitutional            numeric,
    constitutional_comparator text,
    interim                   numeric,
    interim_comparator        text,
    PRIMARY KEY (standard_code, period)
);
COMMENT ON TABLE dw.standard_target_month IS 'Targets in force per standard and month, from dw.standard_target (rebuild with dw.rebuild_standard_target_month()).';
