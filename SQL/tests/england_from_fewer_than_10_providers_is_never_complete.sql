-- rule: An England figure made from fewer than 10 providers is never complete; every aggregate's coverage status is one of complete, partial, unknown, not_reported.
SELECT period, org_level, org_code, standard_code, breakdown, providers_reporting, providers_expected, coverage_status
  FROM nof.standard_performance
 WHERE (org_level = 'england' AND providers_reporting < 10 AND coverage_status = 'complete')
    OR coverage_status IS NULL OR coverage_status NOT IN ('complete', 'partial', 'unknown', 'not_reported')
