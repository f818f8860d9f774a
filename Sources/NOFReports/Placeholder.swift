// NOFReports
