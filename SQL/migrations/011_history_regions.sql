-- 011 organisation history: release 0.1.0 derived a region from every parent name, including
-- RTT's, which is an ICB ("NHS SUFFOLK AND NORTH EAST ESSEX INTEGRATED CARE BOARD" read as
-- North East and Yorkshire). Only region codes and region names count now
-- (dw.touch_organisations); clear the ones made from ICB names. The rebuild that follows a
-- migration recomputes every organisation's current region from its history.
UPDATE dw.organisation_history SET region_code = NULL WHERE dataset = 'rtt';
