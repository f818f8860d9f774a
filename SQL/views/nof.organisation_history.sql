CREATE VIEW nof.organisation_history AS
SELECT org_code, dataset, org_name, parent_code, parent_name, region_code, first_period, last_period
  FROM dw.organisation_history;
COMMENT ON VIEW nof.organisation_history IS 'Every name and parent (region or ICB) each organisation was reported under, per dataset. Grain: organisation x dataset x name x parent.';
COMMENT ON COLUMN nof.organisation_history.org_code IS 'ODS organisation code.';
COMMENT ON COLUMN nof.organisation_history.dataset IS 'Dataset the name was seen in (ae, ambulance, rtt, cancer, diagnostics, nof_data, nof_league).';
COMMENT ON COLUMN nof.organisation_history.org_name IS 'Name as written in the file.';
COMMENT ON COLUMN nof.organisation_history.parent_code IS 'Parent code as reported (RTT: ICB; DM01 and AmbSYS: region).';
COMMENT ON COLUMN nof.organisation_history.parent_name IS 'Parent name as reported (A&E: NHS England region, e.g. NHS ENGLAND SOUTH WEST (SOUTH WEST SOUTH)).';
COMMENT ON COLUMN nof.organisation_history.region_code IS 'Region code derived from the parent, if any.';
COMMENT ON COLUMN nof.organisation_history.first_period IS 'First month with this name and parent.';
COMMENT ON COLUMN nof.organisation_history.last_period IS 'Last month with this name and parent.';
