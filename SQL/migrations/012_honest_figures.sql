-- 012 honest figures: trust types as reference data (peer groups come from them, not from
-- activity), the league metrics of the two tables (the NOF table with the official metric ids,
-- nofdb's operational table), NOF method versions by financial year, the NOF metrics nofdb
-- cannot have, the interim targets that were missing, published ambulance means, and league
-- marts that say which organisations are ranked and why not.

-- Trust type and subtype per organisation, one row per source. Sources (../shared/data/ods,
-- see its README): 'nof_2025_26_q3' = NHS England's Oversight Framework Q3 2025/26 trust
-- profiles (trust-types-nof-q3-2025-26.csv, larsen-analyst/trustpulse data/processed/
-- trust_profiles.csv @ 89a2448; 150 trusts); 'eric_2024_25' = NHS Digital ERIC 2024/25
-- provider types (trust-types-eric-2024-25.csv, arqanmohannad-ctrl/nhs-rtls-value-potential-index
-- data/intermediate/eric_clean.csv @ 5640fb7; 207 trusts, transcribed by hand: check a row
-- before relying on it). The two agree on all 150 trusts both list. peer_group is nofdb's:
-- acute, specialist (Acute - Specialist), ambulance, mental_health_community (mental health,
-- learning disability, community, care trusts).
CREATE TABLE dw.organisation_type (
    org_code      text NOT NULL,
    source        text NOT NULL,
    org_name      text,
    trust_type    text NOT NULL,
    trust_subtype text,
    peer_group    text NOT NULL CHECK (peer_group IN ('acute', 'specialist', 'ambulance', 'mental_health_community', 'other')),
    PRIMARY KEY (org_code, source)
);
COMMENT ON TABLE dw.organisation_type IS 'Trust types by source (NOF Q3 2025/26 trust profiles, ERIC 2024/25); peer groups come from them.';
INSERT INTO dw.organisation_type (org_code, source, org_name, trust_type, trust_subtype, peer_group) VALUES
    ('R0A', 'nof_2025_26_q3', 'MANCHESTER UNIVERSITY NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('R0B', 'nof_2025_26_q3', 'SOUTH TYNESIDE AND SUNDERLAND NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('R0D', 'nof_2025_26_q3', 'UNIVERSITY HOSPITALS DORSET NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('R1D', 'nof_2025_26_q3', 'SHROPSHIRE COMMUNITY HEALTH NHS TRUST', 'Mental health and community trust', 'Community', 'mental_health_community'),
    ('R1F', 'nof_2025_26_q3', 'ISLE OF WIGHT NHS TRUST', 'Acute trust', 'Acute - Multi-Service', 'acute'),
    ('R1H', 'nof_2025_26_q3', 'BARTS HEALTH NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('R1K', 'nof_2025_26_q3', 'LONDON NORTH WEST UNIVERSITY HEALTHCARE NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RA2', 'nof_2025_26_q3', 'ROYAL SURREY NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RA7', 'nof_2025_26_q3', 'UNIVERSITY HOSPITALS BRISTOL AND WESTON NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RA9', 'nof_2025_26_q3', 'TORBAY AND SOUTH DEVON NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Multi-Service', 'acute'),
    ('RAE', 'nof_2025_26_q3', 'BRADFORD TEACHING HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RAJ', 'nof_2025_26_q3', 'MID AND SOUTH ESSEX NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RAL', 'nof_2025_26_q3', 'ROYAL FREE LONDON NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RAN', 'nof_2025_26_q3', 'ROYAL NATIONAL ORTHOPAEDIC HOSPITAL NHS TRUST', 'Acute trust', 'Acute - Specialist', 'specialist'),
    ('RAS', 'nof_2025_26_q3', 'THE HILLINGDON HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RAT', 'nof_2025_26_q3', 'NORTH EAST LONDON NHS FOUNDATION TRUST', 'Mental health and community trust', 'Mental Health and Learning Disability', 'mental_health_community'),
    ('RAX', 'nof_2025_26_q3', 'KINGSTON AND RICHMOND NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RBD', 'nof_2025_26_q3', 'DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RBK', 'nof_2025_26_q3', 'WALSALL HEALTHCARE NHS TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RBL', 'nof_2025_26_q3', 'WIRRAL UNIVERSITY TEACHING HOSPITAL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RBN', 'nof_2025_26_q3', 'MERSEY AND WEST LANCASHIRE TEACHING HOSPITALS NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RBQ', 'nof_2025_26_q3', 'LIVERPOOL HEART AND CHEST HOSPITAL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Specialist', 'specialist'),
    ('RBS', 'nof_2025_26_q3', 'ALDER HEY CHILDREN''S NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Specialist', 'specialist'),
    ('RBT', 'nof_2025_26_q3', 'MID CHESHIRE HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RBV', 'nof_2025_26_q3', 'THE CHRISTIE NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Specialist', 'specialist'),
    ('RC9', 'nof_2025_26_q3', 'BEDFORDSHIRE HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RCB', 'nof_2025_26_q3', 'YORK AND SCARBOROUGH TEACHING HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RCD', 'nof_2025_26_q3', 'HARROGATE AND DISTRICT NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RCF', 'nof_2025_26_q3', 'AIREDALE NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RCU', 'nof_2025_26_q3', 'SHEFFIELD CHILDREN''S NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Specialist', 'specialist'),
    ('RCX', 'nof_2025_26_q3', 'THE QUEEN ELIZABETH HOSPITAL, KING''S LYNN, NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RD1', 'nof_2025_26_q3', 'ROYAL UNITED HOSPITALS BATH NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RD8', 'nof_2025_26_q3', 'MILTON KEYNES UNIVERSITY HOSPITAL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RDE', 'nof_2025_26_q3', 'EAST SUFFOLK AND NORTH ESSEX NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RDR', 'nof_2025_26_q3', 'SUSSEX COMMUNITY NHS FOUNDATION TRUST', 'Mental health and community trust', 'Community', 'mental_health_community'),
    ('RDU', 'nof_2025_26_q3', 'FRIMLEY HEALTH NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RDY', 'nof_2025_26_q3', 'DORSET HEALTHCARE UNIVERSITY NHS FOUNDATION TRUST', 'Mental health and community trust', 'Mental Health and Learning Disability', 'mental_health_community'),
    ('REF', 'nof_2025_26_q3', 'ROYAL CORNWALL HOSPITALS NHS TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('REM', 'nof_2025_26_q3', 'LIVERPOOL UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('REP', 'nof_2025_26_q3', 'LIVERPOOL WOMEN''S NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Specialist', 'specialist'),
    ('RET', 'nof_2025_26_q3', 'THE WALTON CENTRE NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Specialist', 'specialist'),
    ('RF4', 'nof_2025_26_q3', 'BARKING, HAVERING AND REDBRIDGE UNIVERSITY HOSPITALS NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RFF', 'nof_2025_26_q3', 'BARNSLEY HOSPITAL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RFR', 'nof_2025_26_q3', 'THE ROTHERHAM NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RFS', 'nof_2025_26_q3', 'CHESTERFIELD ROYAL HOSPITAL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RGN', 'nof_2025_26_q3', 'NORTH WEST ANGLIA NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RGP', 'nof_2025_26_q3', 'JAMES PAGET UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RGR', 'nof_2025_26_q3', 'WEST SUFFOLK NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RGT', 'nof_2025_26_q3', 'CAMBRIDGE UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RH5', 'nof_2025_26_q3', 'SOMERSET NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Multi-Service', 'acute'),
    ('RH8', 'nof_2025_26_q3', 'ROYAL DEVON UNIVERSITY HEALTHCARE NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RHM', 'nof_2025_26_q3', 'UNIVERSITY HOSPITAL SOUTHAMPTON NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RHQ', 'nof_2025_26_q3', 'SHEFFIELD TEACHING HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RHU', 'nof_2025_26_q3', 'PORTSMOUTH HOSPITALS UNIVERSITY NHS TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RHW', 'nof_2025_26_q3', 'ROYAL BERKSHIRE NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RJ1', 'nof_2025_26_q3', 'GUY''S AND ST THOMAS'' NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RJ2', 'nof_2025_26_q3', 'LEWISHAM AND GREENWICH NHS TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RJ6', 'nof_2025_26_q3', 'CROYDON HEALTH SERVICES NHS TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RJ7', 'nof_2025_26_q3', 'ST GEORGE''S UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RJ8', 'nof_2025_26_q3', 'CORNWALL PARTNERSHIP NHS FOUNDATION TRUST', 'Mental health and community trust', 'Mental Health and Learning Disability', 'mental_health_community'),
    ('RJC', 'nof_2025_26_q3', 'SOUTH WARWICKSHIRE UNIVERSITY NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RJE', 'nof_2025_26_q3', 'UNIVERSITY HOSPITALS OF NORTH MIDLANDS NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RJL', 'nof_2025_26_q3', 'NORTHERN LINCOLNSHIRE AND GOOLE NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RJN', 'nof_2025_26_q3', 'EAST CHESHIRE NHS TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RJR', 'nof_2025_26_q3', 'COUNTESS OF CHESTER HOSPITAL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RJZ', 'nof_2025_26_q3', 'KING''S COLLEGE HOSPITAL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RK5', 'nof_2025_26_q3', 'SHERWOOD FOREST HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RK9', 'nof_2025_26_q3', 'UNIVERSITY HOSPITALS PLYMOUTH NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RKB', 'nof_2025_26_q3', 'UNIVERSITY HOSPITALS COVENTRY AND WARWICKSHIRE NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RKE', 'nof_2025_26_q3', 'WHITTINGTON HEALTH NHS TRUST', 'Acute trust', 'Acute - Multi-Service', 'acute'),
    ('RL1', 'nof_2025_26_q3', 'THE ROBERT JONES AND AGNES HUNT ORTHOPAEDIC HOSPITAL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Specialist', 'specialist'),
    ('RL4', 'nof_2025_26_q3', 'THE ROYAL WOLVERHAMPTON NHS TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RLQ', 'nof_2025_26_q3', 'WYE VALLEY NHS TRUST', 'Acute trust', 'Acute - Multi-Service', 'acute'),
    ('RLT', 'nof_2025_26_q3', 'GEORGE ELIOT HOSPITAL NHS TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RM1', 'nof_2025_26_q3', 'NORFOLK AND NORWICH UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RM3', 'nof_2025_26_q3', 'NORTHERN CARE ALLIANCE NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RMC', 'nof_2025_26_q3', 'BOLTON NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RMP', 'nof_2025_26_q3', 'TAMESIDE AND GLOSSOP INTEGRATED CARE NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RN3', 'nof_2025_26_q3', 'GREAT WESTERN HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RN5', 'nof_2025_26_q3', 'HAMPSHIRE HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RN7', 'nof_2025_26_q3', 'DARTFORD AND GRAVESHAM NHS TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RNA', 'nof_2025_26_q3', 'THE DUDLEY GROUP NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RNN', 'nof_2025_26_q3', 'NORTH CUMBRIA INTEGRATED CARE NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RNQ', 'nof_2025_26_q3', 'KETTERING GENERAL HOSPITAL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RNS', 'nof_2025_26_q3', 'NORTHAMPTON GENERAL HOSPITAL NHS TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RNU', 'nof_2025_26_q3', 'OXFORD HEALTH NHS FOUNDATION TRUST', 'Mental health and community trust', 'Mental Health and Learning Disability', 'mental_health_community'),
    ('RNZ', 'nof_2025_26_q3', 'SALISBURY NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RP5', 'nof_2025_26_q3', 'DONCASTER AND BASSETLAW TEACHING HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RP6', 'nof_2025_26_q3', 'MOORFIELDS EYE HOSPITAL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Specialist', 'specialist'),
    ('RPA', 'nof_2025_26_q3', 'MEDWAY NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RPC', 'nof_2025_26_q3', 'QUEEN VICTORIA HOSPITAL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Specialist', 'specialist'),
    ('RQ3', 'nof_2025_26_q3', 'BIRMINGHAM WOMEN''S AND CHILDREN''S NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Specialist', 'specialist'),
    ('RQM', 'nof_2025_26_q3', 'CHELSEA AND WESTMINSTER HOSPITAL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RQW', 'nof_2025_26_q3', 'THE PRINCESS ALEXANDRA HOSPITAL NHS TRUST', 'Acute trust', 'Acute - Small', 'acute'),
    ('RQX', 'nof_2025_26_q3', 'HOMERTON HEALTHCARE NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RR7', 'nof_2025_26_q3', 'GATESHEAD HEALTH NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RR8', 'nof_2025_26_q3', 'LEEDS TEACHING HOSPITALS NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RRF', 'nof_2025_26_q3', 'WRIGHTINGTON, WIGAN AND LEIGH TEACHING HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RRK', 'nof_2025_26_q3', 'UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RRV', 'nof_2025_26_q3', 'UNIVERSITY COLLEGE LONDON HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RTD', 'nof_2025_26_q3', 'THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RTE', 'nof_2025_26_q3', 'GLOUCESTERSHIRE HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RTF', 'nof_2025_26_q3', 'NORTHUMBRIA HEALTHCARE NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RTG', 'nof_2025_26_q3', 'UNIVERSITY HOSPITALS OF DERBY AND BURTON NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RTH', 'nof_2025_26_q3', 'OXFORD UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RTK', 'nof_2025_26_q3', 'ASHFORD AND ST PETER''S HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RTP', 'nof_2025_26_q3', 'SURREY AND SUSSEX HEALTHCARE NHS TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RTQ', 'nof_2025_26_q3', 'GLOUCESTERSHIRE HEALTH AND CARE NHS FOUNDATION TRUST', 'Mental health and community trust', 'Mental Health and Learning Disability', 'mental_health_community'),
    ('RTR', 'nof_2025_26_q3', 'SOUTH TEES HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RTX', 'nof_2025_26_q3', 'UNIVERSITY HOSPITALS OF MORECAMBE BAY NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RV9', 'nof_2025_26_q3', 'HUMBER TEACHING NHS FOUNDATION TRUST', 'Mental health and community trust', 'Mental Health and Learning Disability', 'mental_health_community'),
    ('RVJ', 'nof_2025_26_q3', 'NORTH BRISTOL NHS TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RVR', 'nof_2025_26_q3', 'EPSOM AND ST HELIER UNIVERSITY HOSPITALS NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RVV', 'nof_2025_26_q3', 'EAST KENT HOSPITALS UNIVERSITY NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RVW', 'nof_2025_26_q3', 'NORTH TEES AND HARTLEPOOL NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RW1', 'nof_2025_26_q3', 'HAMPSHIRE AND ISLE OF WIGHT HEALTHCARE NHS FOUNDATION TRUST', 'Mental health and community trust', 'Mental Health and Learning Disability', 'mental_health_community'),
    ('RW4', 'nof_2025_26_q3', 'MERSEY CARE NHS FOUNDATION TRUST', 'Mental health and community trust', 'Mental Health and Learning Disability', 'mental_health_community'),
    ('RWA', 'nof_2025_26_q3', 'HULL UNIVERSITY TEACHING HOSPITALS NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RWD', 'nof_2025_26_q3', 'UNITED LINCOLNSHIRE TEACHING HOSPITALS NHS TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RWE', 'nof_2025_26_q3', 'UNIVERSITY HOSPITALS OF LEICESTER NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RWF', 'nof_2025_26_q3', 'MAIDSTONE AND TUNBRIDGE WELLS NHS TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RWG', 'nof_2025_26_q3', 'WEST HERTFORDSHIRE TEACHING HOSPITALS NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RWH', 'nof_2025_26_q3', 'EAST AND NORTH HERTFORDSHIRE TEACHING NHS TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RWJ', 'nof_2025_26_q3', 'STOCKPORT NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RWP', 'nof_2025_26_q3', 'WORCESTERSHIRE ACUTE HOSPITALS NHS TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RWW', 'nof_2025_26_q3', 'WARRINGTON AND HALTON TEACHING HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RWX', 'nof_2025_26_q3', 'BERKSHIRE HEALTHCARE NHS FOUNDATION TRUST', 'Mental health and community trust', 'Mental Health and Learning Disability', 'mental_health_community'),
    ('RWY', 'nof_2025_26_q3', 'CALDERDALE AND HUDDERSFIELD NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RX1', 'nof_2025_26_q3', 'NOTTINGHAM UNIVERSITY HOSPITALS NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RXC', 'nof_2025_26_q3', 'EAST SUSSEX HEALTHCARE NHS TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RXF', 'nof_2025_26_q3', 'MID YORKSHIRE TEACHING NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RXG', 'nof_2025_26_q3', 'SOUTH WEST YORKSHIRE PARTNERSHIP NHS FOUNDATION TRUST', 'Mental health and community trust', 'Mental Health and Learning Disability', 'mental_health_community'),
    ('RXK', 'nof_2025_26_q3', 'SANDWELL AND WEST BIRMINGHAM HOSPITALS NHS TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RXL', 'nof_2025_26_q3', 'BLACKPOOL TEACHING HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RXN', 'nof_2025_26_q3', 'LANCASHIRE TEACHING HOSPITALS NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RXP', 'nof_2025_26_q3', 'COUNTY DURHAM AND DARLINGTON NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Multi-Service', 'acute'),
    ('RXQ', 'nof_2025_26_q3', 'BUCKINGHAMSHIRE HEALTHCARE NHS TRUST', 'Acute trust', 'Acute - Multi-Service', 'acute'),
    ('RXR', 'nof_2025_26_q3', 'EAST LANCASHIRE HOSPITALS NHS TRUST', 'Acute trust', 'Acute - Large', 'acute'),
    ('RXW', 'nof_2025_26_q3', 'THE SHREWSBURY AND TELFORD HOSPITAL NHS TRUST', 'Acute trust', 'Acute - Medium', 'acute'),
    ('RY2', 'nof_2025_26_q3', 'BRIDGEWATER COMMUNITY HEALTHCARE NHS FOUNDATION TRUST', 'Mental health and community trust', 'Community', 'mental_health_community'),
    ('RY4', 'nof_2025_26_q3', 'HERTFORDSHIRE COMMUNITY NHS TRUST', 'Mental health and community trust', 'Community', 'mental_health_community'),
    ('RY5', 'nof_2025_26_q3', 'LINCOLNSHIRE COMMUNITY HEALTH SERVICES NHS TRUST', 'Mental health and community trust', 'Community', 'mental_health_community'),
    ('RY7', 'nof_2025_26_q3', 'WIRRAL COMMUNITY HEALTH AND CARE NHS FOUNDATION TRUST', 'Mental health and community trust', 'Community', 'mental_health_community'),
    ('RY8', 'nof_2025_26_q3', 'DERBYSHIRE COMMUNITY HEALTH SERVICES NHS FOUNDATION TRUST', 'Mental health and community trust', 'Community', 'mental_health_community'),
    ('RYF', 'nof_2025_26_q3', 'SOUTH WESTERN AMBULANCE SERVICE NHS FOUNDATION TRUST', 'Ambulance trust', 'Ambulance', 'ambulance'),
    ('RYG', 'nof_2025_26_q3', 'COVENTRY AND WARWICKSHIRE PARTNERSHIP NHS TRUST', 'Mental health and community trust', 'Mental Health and Learning Disability', 'mental_health_community'),
    ('RYJ', 'nof_2025_26_q3', 'IMPERIAL COLLEGE HEALTHCARE NHS TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RYR', 'nof_2025_26_q3', 'UNIVERSITY HOSPITALS SUSSEX NHS FOUNDATION TRUST', 'Acute trust', 'Acute - Teaching', 'acute'),
    ('RYX', 'nof_2025_26_q3', 'CENTRAL LONDON COMMUNITY HEALTHCARE NHS TRUST', 'Mental health and community trust', 'Community', 'mental_health_community'),
    ('RYY', 'nof_2025_26_q3', 'KENT COMMUNITY HEALTH NHS FOUNDATION TRUST', 'Mental health and community trust', 'Community', 'mental_health_community'),
    ('G6V2S', 'eric_2024_25', 'NORTH LONDON NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('R0A', 'eric_2024_25', 'MANCHESTER UNIVERSITY NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('R0B', 'eric_2024_25', 'SOUTH TYNESIDE AND SUNDERLAND NHS FOUNDATION TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('R0D', 'eric_2024_25', 'UNIVERSITY HOSPITALS DORSET NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('R1A', 'eric_2024_25', 'HEREFORDSHIRE AND WORCESTERSHIRE HEALTH AND CARE NHS TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('R1D', 'eric_2024_25', 'SHROPSHIRE COMMUNITY HEALTH NHS TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('R1F', 'eric_2024_25', 'ISLE OF WIGHT NHS TRUST', 'ACUTE - MULTI-SERVICE', NULL, 'acute'),
    ('R1H', 'eric_2024_25', 'BARTS HEALTH NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('R1K', 'eric_2024_25', 'LONDON NORTH WEST UNIVERSITY HEALTHCARE NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('R1L', 'eric_2024_25', 'ESSEX PARTNERSHIP UNIVERSITY NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RA2', 'eric_2024_25', 'ROYAL SURREY COUNTY HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RA7', 'eric_2024_25', 'UNIVERSITY HOSPITALS BRISTOL AND WESTON NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RA9', 'eric_2024_25', 'TORBAY AND SOUTH DEVON NHS FOUNDATION TRUST', 'ACUTE - MULTI-SERVICE', NULL, 'acute'),
    ('RAE', 'eric_2024_25', 'BRADFORD TEACHING HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RAJ', 'eric_2024_25', 'MID AND SOUTH ESSEX NHS FOUNDATION TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RAL', 'eric_2024_25', 'ROYAL FREE LONDON NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RAN', 'eric_2024_25', 'ROYAL NATIONAL ORTHOPAEDIC HOSPITAL NHS TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RAP', 'eric_2024_25', 'NORTH MIDDLESEX UNIVERSITY HOSPITAL NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RAS', 'eric_2024_25', 'THE HILLINGDON HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RAT', 'eric_2024_25', 'NORTH EAST LONDON NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RAX', 'eric_2024_25', 'KINGSTON HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RBD', 'eric_2024_25', 'DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RBK', 'eric_2024_25', 'WALSALL HEALTHCARE NHS TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RBL', 'eric_2024_25', 'WIRRAL UNIVERSITY TEACHING HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RBN', 'eric_2024_25', 'MERSEY AND WEST LANCASHIRE TEACHING HOSPITALS NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RBQ', 'eric_2024_25', 'LIVERPOOL HEART AND CHEST HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RBS', 'eric_2024_25', 'ALDER HEY CHILDRENS NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RBT', 'eric_2024_25', 'THE MID CHESHIRE HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RBV', 'eric_2024_25', 'THE CHRISTIE NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RC9', 'eric_2024_25', 'BEDFORDSHIRE HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RCB', 'eric_2024_25', 'YORK AND SCARBOROUGH TEACHING HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RCD', 'eric_2024_25', 'HARROGATE AND DISTRICT NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RCF', 'eric_2024_25', 'AIREDALE NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RCU', 'eric_2024_25', 'SHEFFIELD CHILDRENS NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RCX', 'eric_2024_25', 'THE QUEEN ELIZABETH HOSPITAL KING''S LYNN NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RD1', 'eric_2024_25', 'ROYAL UNITED HOSPITALS BATH NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RD8', 'eric_2024_25', 'MILTON KEYNES UNIVERSITY HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RDE', 'eric_2024_25', 'EAST SUFFOLK AND NORTH ESSEX NHS FOUNDATION TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RDR', 'eric_2024_25', 'SUSSEX COMMUNITY NHS FOUNDATION TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('RDU', 'eric_2024_25', 'FRIMLEY HEALTH NHS FOUNDATION TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RDY', 'eric_2024_25', 'DORSET HEALTHCARE UNIVERSITY NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('REF', 'eric_2024_25', 'ROYAL CORNWALL HOSPITALS NHS TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('REM', 'eric_2024_25', 'LIVERPOOL UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('REN', 'eric_2024_25', 'CLATTERBRIDGE CANCER CENTRE NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('REP', 'eric_2024_25', 'LIVERPOOL WOMEN''S NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RET', 'eric_2024_25', 'THE WALTON CENTRE NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RF4', 'eric_2024_25', 'BARKING, HAVERING AND REDBRIDGE UNIVERSITY HOSPITALS NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RFF', 'eric_2024_25', 'BARNSLEY HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RFR', 'eric_2024_25', 'THE ROTHERHAM NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RFS', 'eric_2024_25', 'CHESTERFIELD ROYAL HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RGD', 'eric_2024_25', 'LEEDS AND YORK PARTNERSHIP NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RGM', 'eric_2024_25', 'ROYAL PAPWORTH HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RGN', 'eric_2024_25', 'NORTH WEST ANGLIA NHS FOUNDATION TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RGP', 'eric_2024_25', 'JAMES PAGET UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RGR', 'eric_2024_25', 'WEST SUFFOLK NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RGT', 'eric_2024_25', 'CAMBRIDGE UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RH5', 'eric_2024_25', 'SOMERSET NHS FOUNDATION TRUST', 'ACUTE - MULTI-SERVICE', NULL, 'acute'),
    ('RH8', 'eric_2024_25', 'ROYAL DEVON UNIVERSITY HEALTHCARE NHS FOUNDATION TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RHA', 'eric_2024_25', 'NOTTINGHAMSHIRE HEALTHCARE NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RHM', 'eric_2024_25', 'UNIVERSITY HOSPITAL SOUTHAMPTON NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RHQ', 'eric_2024_25', 'SHEFFIELD TEACHING HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RHU', 'eric_2024_25', 'PORTSMOUTH HOSPITALS UNIVERSITY NHS TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RHW', 'eric_2024_25', 'ROYAL BERKSHIRE NHS FOUNDATION TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RJ1', 'eric_2024_25', 'GUY''S AND ST THOMAS'' NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RJ2', 'eric_2024_25', 'THE LEWISHAM AND GREENWICH NHS TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RJ6', 'eric_2024_25', 'CROYDON HEALTH SERVICES NHS TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RJ7', 'eric_2024_25', 'ST GEORGE''S UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RJ8', 'eric_2024_25', 'CORNWALL PARTNERSHIP NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RJC', 'eric_2024_25', 'SOUTH WARWICKSHIRE UNIVERSITY NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RJE', 'eric_2024_25', 'UNIVERSITY HOSPITALS OF NORTH MIDLANDS NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RJL', 'eric_2024_25', 'NORTHERN LINCOLNSHIRE AND GOOLE NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RJN', 'eric_2024_25', 'EAST CHESHIRE NHS TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RJR', 'eric_2024_25', 'COUNTESS OF CHESTER HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RJZ', 'eric_2024_25', 'KING''S COLLEGE HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RK5', 'eric_2024_25', 'SHERWOOD FOREST HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RK9', 'eric_2024_25', 'UNIVERSITY HOSPITALS PLYMOUTH NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RKB', 'eric_2024_25', 'UNIVERSITY HOSPITALS COVENTRY AND WARWICKSHIRE NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RKE', 'eric_2024_25', 'WHITTINGTON HEALTH NHS TRUST', 'ACUTE - MULTI-SERVICE', NULL, 'acute'),
    ('RKL', 'eric_2024_25', 'WEST LONDON NHS TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RL1', 'eric_2024_25', 'ROBERT JONES AND AGNES HUNT ORTHOPAEDIC HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RL4', 'eric_2024_25', 'THE ROYAL WOLVERHAMPTON NHS TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RLQ', 'eric_2024_25', 'WYE VALLEY NHS TRUST', 'ACUTE - MULTI-SERVICE', NULL, 'acute'),
    ('RLT', 'eric_2024_25', 'GEORGE ELIOT HOSPITAL NHS TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RLY', 'eric_2024_25', 'NORTH STAFFORDSHIRE COMBINED HEALTHCARE NHS TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RM1', 'eric_2024_25', 'NORFOLK AND NORWICH UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RM3', 'eric_2024_25', 'NORTHERN CARE ALLIANCE NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RMC', 'eric_2024_25', 'BOLTON NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RMP', 'eric_2024_25', 'TAMESIDE AND GLOSSOP INTEGRATED CARE NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RMY', 'eric_2024_25', 'NORFOLK AND SUFFOLK NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RN3', 'eric_2024_25', 'GREAT WESTERN HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RN5', 'eric_2024_25', 'HAMPSHIRE HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RN7', 'eric_2024_25', 'DARTFORD AND GRAVESHAM NHS TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RNA', 'eric_2024_25', 'THE DUDLEY GROUP NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RNK', 'eric_2024_25', 'TAVISTOCK AND PORTMAN NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RNN', 'eric_2024_25', 'NORTH CUMBRIA INTEGRATED CARE NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RNQ', 'eric_2024_25', 'KETTERING GENERAL HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RNS', 'eric_2024_25', 'NORTHAMPTON GENERAL HOSPITAL NHS TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RNU', 'eric_2024_25', 'OXFORD HEALTH NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RNZ', 'eric_2024_25', 'SALISBURY NHS FOUNDATION TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RP1', 'eric_2024_25', 'NORTHAMPTONSHIRE HEALTHCARE NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RP4', 'eric_2024_25', 'GREAT ORMOND STREET HOSPITAL FOR CHILDREN NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RP5', 'eric_2024_25', 'DONCASTER AND BASSETLAW TEACHING HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RP6', 'eric_2024_25', 'MOORFIELDS EYE HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RP7', 'eric_2024_25', 'LINCOLNSHIRE PARTNERSHIP NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RPA', 'eric_2024_25', 'MEDWAY NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RPC', 'eric_2024_25', 'QUEEN VICTORIA HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RPG', 'eric_2024_25', 'OXLEAS NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RPY', 'eric_2024_25', 'THE ROYAL MARSDEN NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RQ3', 'eric_2024_25', 'BIRMINGHAM WOMEN''S AND CHILDREN''S NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RQM', 'eric_2024_25', 'CHELSEA AND WESTMINSTER HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RQW', 'eric_2024_25', 'THE PRINCESS ALEXANDRA HOSPITAL NHS TRUST', 'ACUTE - SMALL', NULL, 'acute'),
    ('RQX', 'eric_2024_25', 'HOMERTON HEALTHCARE NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RQY', 'eric_2024_25', 'SOUTH WEST LONDON AND ST GEORGE''S MENTAL HEALTH NHS TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RR7', 'eric_2024_25', 'GATESHEAD HEALTH NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RR8', 'eric_2024_25', 'LEEDS TEACHING HOSPITALS NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RRE', 'eric_2024_25', 'MIDLANDS PARTNERSHIP UNIVERSITY NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RRF', 'eric_2024_25', 'WRIGHTINGTON, WIGAN AND LEIGH NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RRJ', 'eric_2024_25', 'ROYAL ORTHOPAEDIC HOSPITAL NHS FOUNDATION TRUST', 'ACUTE - SPECIALIST', NULL, 'specialist'),
    ('RRK', 'eric_2024_25', 'UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RRU', 'eric_2024_25', 'LONDON AMBULANCE SERVICE NHS TRUST', 'AMBULANCE', NULL, 'ambulance'),
    ('RRV', 'eric_2024_25', 'UNIVERSITY COLLEGE LONDON HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RT1', 'eric_2024_25', 'CAMBRIDGESHIRE AND PETERBOROUGH NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RT2', 'eric_2024_25', 'PENNINE CARE NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RT5', 'eric_2024_25', 'LEICESTERSHIRE PARTNERSHIP NHS TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RTD', 'eric_2024_25', 'THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RTE', 'eric_2024_25', 'GLOUCESTERSHIRE HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RTF', 'eric_2024_25', 'NORTHUMBRIA HEALTHCARE NHS FOUNDATION TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RTG', 'eric_2024_25', 'UNIVERSITY HOSPITALS OF DERBY AND BURTON NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RTH', 'eric_2024_25', 'OXFORD UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RTK', 'eric_2024_25', 'ASHFORD AND ST. PETER''S HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RTP', 'eric_2024_25', 'SURREY AND SUSSEX HEALTHCARE NHS TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RTQ', 'eric_2024_25', 'GLOUCESTERSHIRE HEALTH AND CARE NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RTR', 'eric_2024_25', 'SOUTH TEES HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RTX', 'eric_2024_25', 'UNIVERSITY HOSPITALS OF MORECAMBE BAY NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RV3', 'eric_2024_25', 'CENTRAL AND NORTH WEST LONDON NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RV5', 'eric_2024_25', 'SOUTH LONDON AND MAUDSLEY NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RV9', 'eric_2024_25', 'HUMBER TEACHING NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RVJ', 'eric_2024_25', 'NORTH BRISTOL NHS TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RVN', 'eric_2024_25', 'AVON AND WILTSHIRE MENTAL HEALTH PARTNERSHIP NHS TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RVR', 'eric_2024_25', 'EPSOM AND ST HELIER UNIVERSITY HOSPITALS NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RVV', 'eric_2024_25', 'EAST KENT HOSPITALS UNIVERSITY NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RVW', 'eric_2024_25', 'NORTH TEES AND HARTLEPOOL NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RW1', 'eric_2024_25', 'HAMPSHIRE AND ISLE OF WIGHT HEALTHCARE NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RW4', 'eric_2024_25', 'MERSEY CARE NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RW5', 'eric_2024_25', 'LANCASHIRE & SOUTH CUMBRIA NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RWA', 'eric_2024_25', 'HULL UNIVERSITY TEACHING HOSPITALS NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RWD', 'eric_2024_25', 'UNITED LINCOLNSHIRE TEACHING HOSPITALS NHS TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RWE', 'eric_2024_25', 'UNIVERSITY HOSPITALS OF LEICESTER NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RWF', 'eric_2024_25', 'MAIDSTONE AND TUNBRIDGE WELLS NHS TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RWG', 'eric_2024_25', 'WEST HERTFORDSHIRE TEACHING HOSPITALS NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RWH', 'eric_2024_25', 'EAST AND NORTH HERTFORDSHIRE NHS TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RWJ', 'eric_2024_25', 'STOCKPORT NHS FOUNDATION TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RWK', 'eric_2024_25', 'EAST LONDON NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RWP', 'eric_2024_25', 'WORCESTERSHIRE ACUTE HOSPITALS NHS TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RWR', 'eric_2024_25', 'HERTFORDSHIRE PARTNERSHIP UNIVERSITY NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RWV', 'eric_2024_25', 'DEVON PARTNERSHIP NHS TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RWW', 'eric_2024_25', 'WARRINGTON AND HALTON TEACHING HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RWX', 'eric_2024_25', 'BERKSHIRE HEALTHCARE NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RWY', 'eric_2024_25', 'CALDERDALE AND HUDDERSFIELD NHS FOUNDATION TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RX1', 'eric_2024_25', 'NOTTINGHAM UNIVERSITY HOSPITALS NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RX2', 'eric_2024_25', 'SUSSEX PARTNERSHIP NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RX3', 'eric_2024_25', 'TEES, ESK AND WEAR VALLEYS NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RX4', 'eric_2024_25', 'CUMBRIA, NORTHUMBERLAND, TYNE AND WEAR NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RX6', 'eric_2024_25', 'NORTH EAST AMBULANCE SERVICE NHS FOUNDATION TRUST', 'AMBULANCE', NULL, 'ambulance'),
    ('RX7', 'eric_2024_25', 'NORTH WEST AMBULANCE SERVICE NHS TRUST', 'AMBULANCE', NULL, 'ambulance'),
    ('RX8', 'eric_2024_25', 'YORKSHIRE AMBULANCE SERVICE NHS TRUST', 'AMBULANCE', NULL, 'ambulance'),
    ('RX9', 'eric_2024_25', 'EAST MIDLANDS AMBULANCE SERVICE NHS TRUST', 'AMBULANCE', NULL, 'ambulance'),
    ('RXA', 'eric_2024_25', 'CHESHIRE AND WIRRAL PARTNERSHIP NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RXC', 'eric_2024_25', 'EAST SUSSEX HEALTHCARE NHS TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RXE', 'eric_2024_25', 'ROTHERHAM DONCASTER AND SOUTH HUMBER NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RXF', 'eric_2024_25', 'MID YORKSHIRE TEACHING NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RXG', 'eric_2024_25', 'SOUTH WEST YORKSHIRE PARTNERSHIP NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RXK', 'eric_2024_25', 'SANDWELL AND WEST BIRMINGHAM HOSPITALS NHS TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RXL', 'eric_2024_25', 'BLACKPOOL TEACHING HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RXM', 'eric_2024_25', 'DERBYSHIRE HEALTHCARE NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RXN', 'eric_2024_25', 'LANCASHIRE TEACHING HOSPITALS NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RXP', 'eric_2024_25', 'COUNTY DURHAM AND DARLINGTON NHS FOUNDATION TRUST', 'ACUTE - MULTI-SERVICE', NULL, 'acute'),
    ('RXQ', 'eric_2024_25', 'BUCKINGHAMSHIRE HEALTHCARE NHS TRUST', 'ACUTE - MULTI-SERVICE', NULL, 'acute'),
    ('RXR', 'eric_2024_25', 'EAST LANCASHIRE HOSPITALS NHS TRUST', 'ACUTE - LARGE', NULL, 'acute'),
    ('RXT', 'eric_2024_25', 'BIRMINGHAM AND SOLIHULL MENTAL HEALTH NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RXV', 'eric_2024_25', 'GREATER MANCHESTER MENTAL HEALTH NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RXW', 'eric_2024_25', 'SHREWSBURY AND TELFORD HOSPITAL NHS TRUST', 'ACUTE - MEDIUM', NULL, 'acute'),
    ('RXX', 'eric_2024_25', 'SURREY AND BORDERS PARTNERSHIP NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RXY', 'eric_2024_25', 'KENT AND MEDWAY NHS AND SOCIAL CARE PARTNERSHIP TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RY2', 'eric_2024_25', 'BRIDGEWATER COMMUNITY HEALTHCARE NHS FOUNDATION TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('RY3', 'eric_2024_25', 'NORFOLK COMMUNITY HEALTH AND CARE NHS TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('RY4', 'eric_2024_25', 'HERTFORDSHIRE COMMUNITY NHS TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('RY5', 'eric_2024_25', 'LINCOLNSHIRE COMMUNITY HEALTH SERVICES NHS TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('RY6', 'eric_2024_25', 'LEEDS COMMUNITY HEALTHCARE NHS TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('RY7', 'eric_2024_25', 'WIRRAL COMMUNITY HEALTH AND CARE NHS FOUNDATION TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('RY8', 'eric_2024_25', 'DERBYSHIRE COMMUNITY HEALTH SERVICES NHS FOUNDATION TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('RY9', 'eric_2024_25', 'HOUNSLOW AND RICHMOND COMMUNITY HEALTHCARE NHS TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('RYA', 'eric_2024_25', 'WEST MIDLANDS AMBULANCE SERVICE UNIVERSITY NHS FOUNDATION TRUST', 'AMBULANCE', NULL, 'ambulance'),
    ('RYC', 'eric_2024_25', 'EAST OF ENGLAND AMBULANCE SERVICE NHS TRUST', 'AMBULANCE', NULL, 'ambulance'),
    ('RYD', 'eric_2024_25', 'SOUTH EAST COAST AMBULANCE SERVICE NHS FOUNDATION TRUST', 'AMBULANCE', NULL, 'ambulance'),
    ('RYE', 'eric_2024_25', 'SOUTH CENTRAL AMBULANCE SERVICE NHS FOUNDATION TRUST', 'AMBULANCE', NULL, 'ambulance'),
    ('RYF', 'eric_2024_25', 'SOUTH WESTERN AMBULANCE SERVICE NHS FOUNDATION TRUST', 'AMBULANCE', NULL, 'ambulance'),
    ('RYG', 'eric_2024_25', 'COVENTRY AND WARWICKSHIRE PARTNERSHIP NHS TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community'),
    ('RYJ', 'eric_2024_25', 'IMPERIAL COLLEGE HEALTHCARE NHS TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RYR', 'eric_2024_25', 'UNIVERSITY HOSPITALS SUSSEX NHS FOUNDATION TRUST', 'ACUTE - TEACHING', NULL, 'acute'),
    ('RYV', 'eric_2024_25', 'CAMBRIDGESHIRE COMMUNITY SERVICES NHS TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('RYW', 'eric_2024_25', 'BIRMINGHAM COMMUNITY HEALTHCARE NHS FOUNDATION TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('RYX', 'eric_2024_25', 'CENTRAL LONDON COMMUNITY HEALTHCARE NHS TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('RYY', 'eric_2024_25', 'KENT COMMUNITY HEALTH NHS FOUNDATION TRUST', 'COMMUNITY', NULL, 'mental_health_community'),
    ('TAD', 'eric_2024_25', 'BRADFORD DISTRICT CARE NHS FOUNDATION TRUST', 'CARE TRUST', NULL, 'mental_health_community'),
    ('TAH', 'eric_2024_25', 'SHEFFIELD HEALTH AND SOCIAL CARE NHS FOUNDATION TRUST', 'CARE TRUST', NULL, 'mental_health_community'),
    ('TAJ', 'eric_2024_25', 'BLACK COUNTRY HEALTHCARE NHS FOUNDATION TRUST', 'MENTAL HEALTH AND LEARNING DISABILITY', NULL, 'mental_health_community');

ALTER TABLE dw.organisation_override DROP CONSTRAINT organisation_override_peer_group_check;
UPDATE dw.organisation_override SET peer_group = 'mental_health_community' WHERE peer_group = 'non_acute';
ALTER TABLE dw.organisation_override ADD CONSTRAINT organisation_override_peer_group_check
    CHECK (peer_group IN ('acute', 'specialist', 'ambulance', 'mental_health_community', 'other', 'excluded'));

-- The metrics of nofdb's two league tables.
--   nof:         the NHS Oversight Framework 2025/26 metrics these five datasets provide, with
--                their official ids (../shared/docs/NOF_METHOD.md §1.2). OF0023 is scored 1.00-4.00
--                by percentile rank of the absolute value (NHS England technical specification);
--                for the others the specification was not seen here, and the same scoring is
--                assumed (scoring = 'percentile'). OF0014 (12 hours from arrival) needs ECDS data
--                nofdb does not load: it is not scored (see dw.nof_metric_unavailable).
--   operational: nofdb's own wider set of the operational standards (12-hour waits from decision
--                to admit, 31-day cancer, DM01, Category 1 and the centiles); an organisation
--                meeting the target in force scores 1.00, the rest 2.00-4.00 by percentile rank.
--                Not an NHS England method.
CREATE TABLE dw.league_metric (
    league        text NOT NULL CHECK (league IN ('nof', 'operational')),
    peer_group    text NOT NULL,
    standard_code text NOT NULL REFERENCES dw.dim_standard,
    metric_id     text,
    scoring       text NOT NULL CHECK (scoring IN ('percentile', 'target_in_force')),
    note          text,
    PRIMARY KEY (league, peer_group, standard_code)
);
INSERT INTO dw.league_metric (league, peer_group, standard_code, metric_id, scoring, note)
SELECT 'nof', p.peer_group, m.standard_code, m.metric_id, 'percentile', m.note
  FROM (VALUES ('acute'), ('specialist')) AS p(peer_group),
       (VALUES ('ae_4h_all', 'OF0013', 'A&E 4-hour %'),
               ('rtt_18w', 'OF0023', '% waiting 18 weeks or less (scoring per the NHS England technical specification)'),
               ('rtt_52w_share', 'OF0003', '% waiting over 52 weeks'),
               ('cancer_fds28', 'OF0010', 'Cancer 28-day Faster Diagnosis Standard %'),
               ('cancer_62d', 'OF0011', 'Cancer 62-day %')) AS m(standard_code, metric_id, note);
INSERT INTO dw.league_metric (league, peer_group, standard_code, metric_id, scoring, note) VALUES
    ('nof', 'ambulance', 'amb_c2_mean', 'OF0017', 'percentile', 'Average Category 2 response time');
INSERT INTO dw.league_metric (league, peer_group, standard_code, metric_id, scoring, note)
SELECT 'operational', p.peer_group, s.standard_code, NULL, 'target_in_force', NULL
  FROM (VALUES ('acute'), ('specialist')) AS p(peer_group),
       (VALUES ('ae_4h_all'), ('ae_12h_dta_share'), ('rtt_18w'), ('rtt_52w_share'), ('dm01_6w'),
               ('cancer_fds28'), ('cancer_31d'), ('cancer_62d')) AS s(standard_code);
INSERT INTO dw.league_metric (league, peer_group, standard_code, metric_id, scoring, note)
SELECT 'operational', 'ambulance', s.standard_code, NULL, 'target_in_force', NULL
  FROM (VALUES ('amb_c1_mean'), ('amb_c1_p90'), ('amb_c2_mean'), ('amb_c2_p90'), ('amb_c3_p90'), ('amb_c4_p90')) AS s(standard_code);

-- The NOF 2025/26 metrics nofdb cannot score from these datasets (every departure from the
-- official method is listed; ../shared/docs/NOF_METHOD.md §1.2).
CREATE TABLE dw.nof_metric_unavailable (
    peer_group  text NOT NULL,
    metric_id   text NOT NULL,
    description text NOT NULL,
    why         text NOT NULL,
    PRIMARY KEY (peer_group, metric_id)
);
INSERT INTO dw.nof_metric_unavailable (peer_group, metric_id, description, why)
SELECT p.peer_group, m.* FROM (VALUES ('acute'), ('specialist')) AS p(peer_group), (VALUES
    ('OF0014', '% spending over 12 hours in A&E (from arrival)', 'needs ECDS data; MSitAE has 12 hours from decision to admit only'),
    ('OF0106', 'Difference between planned and actual 18-week performance', 'needs the trusts'' operating plans'),
    ('OF0025', 'Average days from discharge-ready date to discharge', 'not in these datasets'),
    ('OF0020', 'MRSA bacteraemia', 'infection data (UKHSA) not loaded'),
    ('OF0048', 'E. coli bloodstream infections', 'infection data (UKHSA) not loaded'),
    ('OF0088', 'C. difficile infections', 'infection data (UKHSA) not loaded'),
    ('OF0061', 'Staff survey: raising concerns', 'NHS Staff Survey not loaded'),
    ('OF0084', 'Staff survey: engagement', 'NHS Staff Survey not loaded'),
    ('OF0082', 'Sickness absence', 'workforce data not loaded'),
    ('OF1067', 'CQC safe inspection rating', 'CQC ratings not loaded'),
    ('OF0079', 'Planned surplus or deficit', 'finance data not loaded'),
    ('OF0081', 'Variance to plan, year to date', 'finance data not loaded'),
    ('OF1080', 'Combined finance score', 'finance data not loaded; so the finance override (no better than segment 3 in deficit) is not applied either'),
    ('OF0085', 'Implied productivity', 'finance and activity data not loaded'),
    ('OF0086', 'Relative difference in costs', 'finance data not loaded')) AS m(metric_id, description, why);
INSERT INTO dw.nof_metric_unavailable (peer_group, metric_id, description, why) VALUES
    ('ambulance', 'other', 'Every ambulance NOF metric but OF0017 (e.g. handover, hear and treat, staff survey, finance)', 'not in these datasets'),
    ('ambulance', 'OF1080', 'Combined finance score', 'finance data not loaded; so the finance override is not applied');

-- NOF scoring and segmentation by financial year. 2025/26 (NHS England, NHS Oversight
-- Framework 2025/26 methodology manual, 26 June 2025): segments 1-4 by quartile of the average
-- metric scores of the peer group. 2026/27 (the 2026/27 methodology manual's opening: averages
-- are "translated into a single overall segment ... using defined thresholds"): the threshold
-- values were not seen here (UNCONFIRMED); the cut points observed in 2025/26 Q3, where the
-- acute and mental health quartiles coincide at about 2.07, 2.36 and 2.71 (NOF_METHOD.md §1.4),
-- stand in, marked provisional. Edit them with
--   UPDATE dw.nof_method SET thresholds = '{…}', provisional = false, source = '…' WHERE financial_year = '2026/27';
-- then nofdb rebuild. Years before 2025/26 (NOF began in 2025/26) are scored by the 2025/26
-- method, and say so.
CREATE TABLE dw.nof_method (
    financial_year text PRIMARY KEY,
    segmentation   text NOT NULL CHECK (segmentation IN ('quartile', 'threshold')),
    thresholds     numeric[],   -- 'threshold': the largest average of segments 1, 2 and 3
    provisional    boolean NOT NULL DEFAULT false,
    source         text NOT NULL,
    CHECK (segmentation = 'quartile' OR cardinality(thresholds) = 3)
);
INSERT INTO dw.nof_method VALUES
    ('2025/26', 'quartile', NULL, false, 'NHS England, NHS Oversight Framework 2025/26 methodology manual (26 June 2025): quartiles of the peer group''s average metric scores'),
    ('2026/27', 'threshold', '{2.07, 2.36, 2.71}', true, 'NHS England, NOF 2026/27 methodology manual: defined thresholds (values UNCONFIRMED here; the 2025/26 Q3 cut points stand in until edited)');

-- Ambulance means: England, region and trust figures are the ones AmbSYS publishes (A25,
-- A31, ...), not total seconds / incidents recomputed (which differs in the last digit for 21 of
-- 43 England months); quarters are pooled from the published totals.
ALTER TABLE dw.dim_standard DROP CONSTRAINT dim_standard_aggregation_check;
ALTER TABLE dw.dim_standard ADD CONSTRAINT dim_standard_aggregation_check
    CHECK (aggregation IN ('pct', 'mean', 'sum', 'bands', 'published', 'published_mean'));
UPDATE dw.dim_standard SET aggregation = 'published_mean' WHERE standard_code IN ('amb_c1_mean', 'amb_c2_mean');
-- OF0014 is 12 hours from arrival as a share of attendances, not 12 hours from decision to admit.
UPDATE dw.dim_standard SET nof_metric_id = NULL WHERE standard_code = 'ae_12h_dta_share';
UPDATE dw.dim_standard s SET in_league = EXISTS (SELECT 1 FROM dw.league_metric m WHERE m.standard_code = s.standard_code),
       peer_group = (SELECT min(m.peer_group) FROM dw.league_metric m WHERE m.standard_code = s.standard_code AND m.peer_group <> 'specialist');
ALTER TABLE dw.dim_standard DROP CONSTRAINT dim_standard_peer_group_check;

-- Interim targets missing from release 0.1.0's seed.
INSERT INTO dw.standard_target
    (domain, measure, threshold, comparator, effective_from, effective_to, source, standard_code, target_kind)
VALUES
    ('Ambulance', 'Category 2 mean response time interim target (minutes; average across 2024/25)', 30, '<=', '2024-04-01', '2025-03-31',
     'NHS England, 2024/25 priorities and operational planning guidance: "improve ambulance response times for Category 2 incidents to 30 minutes on average across 2024/25"', 'amb_c2_mean', 'interim'),
    ('Diagnostics (DM01)', '% waiting 6+ weeks - 2025/26 (the March 2025 ambition of 95% within 6 weeks kept)', 5, '<=', '2025-04-01', '2026-03-31',
     'UNCONFIRMED: NHS England''s 2025/26 priorities and operational planning guidance asks for more patients tested within 6 weeks; no 2025/26 figure was seen here, so the 2024/25 ambition (95% within 6 weeks, i.e. 5% waiting 6+ weeks) stands until the Medium Term Planning Framework''s 14% for 2026/27', 'dm01_6w', 'interim');

-- Aggregates count the providers present as well as those reporting (coverage).
ALTER TABLE dw.mart_standard ADD COLUMN providers_present integer;

-- League marts, reshaped: which table (nof or operational), which method version, who is
-- ranked and why not. Marts are derived: init rebuilds them after this migration.
DROP TABLE dw.mart_league;
DROP TABLE dw.mart_league_score;
CREATE TABLE dw.mart_league_score (
    league        text NOT NULL,
    period_type   text NOT NULL CHECK (period_type IN ('month', 'quarter')),
    period        date NOT NULL,
    peer_group    text NOT NULL,
    org_code      text NOT NULL,
    standard_code text NOT NULL REFERENCES dw.dim_standard,
    metric_id     text,
    value         numeric,
    status        text NOT NULL,
    threshold     numeric,
    comparator    text,
    target_kind   text,
    met           boolean,
    percentile    numeric,
    score         numeric(4,2),
    PRIMARY KEY (league, period_type, period, peer_group, standard_code, org_code)
);
CREATE TABLE dw.mart_league (
    league            text NOT NULL,
    period_type       text NOT NULL,
    period            date NOT NULL,
    peer_group        text NOT NULL,
    domain            text NOT NULL,
    org_code          text NOT NULL,
    peer_group_source text NOT NULL,   -- override, nof_2025_26_q3, eric_2024_25, nof_file, activity (fallback)
    average_score     numeric(4,2),
    metrics_scored    integer NOT NULL,
    metrics_expected  integer NOT NULL,  -- metrics of the table the peer group has data for in the period
    metrics_missing   text[] NOT NULL,
    ranked            boolean NOT NULL,
    not_ranked_reason text,
    segment           smallint,
    method_year       text NOT NULL,     -- the financial year whose NOF method scored it
    four_hour_not_reported boolean NOT NULL DEFAULT false,
    PRIMARY KEY (league, period_type, period, peer_group, domain, org_code)
);
