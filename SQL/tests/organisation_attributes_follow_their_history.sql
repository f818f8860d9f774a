-- rule: An organisation's current name and region are the ones dw.organisation_current gives (the name from the newest ODS trusts file, else its history: the latest month, then a fixed order of datasets), so they never depend on the order files were loaded in.
SELECT o.org_code, o.org_name, c.org_name AS history_name, o.region_code, c.region_code AS history_region
  FROM dw.dim_organisation o
  JOIN dw.organisation_current() c ON c.org_code = o.org_code
 WHERE (c.org_name IS NOT NULL AND o.org_name <> c.org_name) OR o.region_code IS DISTINCT FROM c.region_code
