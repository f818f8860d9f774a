// NOFSync
