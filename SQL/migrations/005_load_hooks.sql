-- 005 load hooks: nothing left here. Release 0.1.0 created dw.after_load in this migration;
-- the hook is logic now, in SQL/logic/dw.after_load.sql, re-applied by checksum.
--
-- supersedes: 4a86453d4e1777fd66c36e4b6f0a49f7897e3f9ea81a0429acc6a91921190311 (the release 0.1.0 text of this migration)
SELECT 1;
