-- rule: Schema nof holds views (and the functions some of them call) only: tables live in dw, audit and staging.
SELECT c.relname AS object, c.relkind::text AS kind
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'nof' AND c.relkind NOT IN ('v')
