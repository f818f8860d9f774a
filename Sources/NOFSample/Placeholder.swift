// NOFSample
