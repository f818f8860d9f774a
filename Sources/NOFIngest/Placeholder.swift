// NOFIngest
