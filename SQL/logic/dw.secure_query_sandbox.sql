-- The sandbox nofdb query runs in (SET LOCAL ROLE nofdb_query inside a read-only transaction),
-- set up by nofdb init after the views: a NOLOGIN role with USAGE on schema nof and SELECT on its
-- views only (the views read dw with their owner's rights; no USAGE on dw, audit or staging).
-- A superuser session could still step out of the role with set_config('role', ...), and any
-- role can take advisory locks, make large objects or signal its own backends, so where the
-- current user may (a superuser: it owns pg_catalog), EXECUTE on those functions is revoked from
-- PUBLIC in this database and granted back to the database owner and the user running init
-- (the loader takes advisory locks); pg_notify and pg_listening_channels likewise (a query must
-- not signal or watch other sessions). The role's work_mem and temp_file_limit bound what one
-- query may use. Returns what it did and what it could not do, and why.
CREATE OR REPLACE FUNCTION dw.secure_query_sandbox() RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
    v_notes text[] := '{}';
    v_super boolean;
    v_createrole boolean;
    v_owner text;
    f text;
    v_functions text[] := ARRAY[
        'pg_catalog.set_config(text,text,boolean)',
        'pg_catalog.pg_advisory_lock(bigint)', 'pg_catalog.pg_advisory_lock(integer,integer)',
        'pg_catalog.pg_advisory_lock_shared(bigint)', 'pg_catalog.pg_advisory_lock_shared(integer,integer)',
        'pg_catalog.pg_try_advisory_lock(bigint)', 'pg_catalog.pg_try_advisory_lock(integer,integer)',
        'pg_catalog.pg_try_advisory_lock_shared(bigint)', 'pg_catalog.pg_try_advisory_lock_shared(integer,integer)',
        'pg_catalog.pg_advisory_xact_lock(bigint)', 'pg_catalog.pg_advisory_xact_lock(integer,integer)',
        'pg_catalog.pg_advisory_xact_lock_shared(bigint)', 'pg_catalog.pg_advisory_xact_lock_shared(integer,integer)',
        'pg_catalog.pg_try_advisory_xact_lock(bigint)', 'pg_catalog.pg_try_advisory_xact_lock(integer,integer)',
        'pg_catalog.pg_try_advisory_xact_lock_shared(bigint)', 'pg_catalog.pg_try_advisory_xact_lock_shared(integer,integer)',
        'pg_catalog.pg_advisory_unlock(bigint)', 'pg_catalog.pg_advisory_unlock(integer,integer)',
        'pg_catalog.pg_advisory_unlock_shared(bigint)', 'pg_catalog.pg_advisory_unlock_shared(integer,integer)',
        'pg_catalog.pg_advisory_unlock_all()',
        'pg_catalog.lo_from_bytea(oid,bytea)', 'pg_catalog.lo_create(oid)', 'pg_catalog.lo_creat(integer)',
        'pg_catalog.lo_unlink(oid)', 'pg_catalog.lo_put(oid,bigint,bytea)', 'pg_catalog.lo_open(oid,integer)',
        'pg_catalog.lo_get(oid)', 'pg_catalog.lo_get(oid,bigint,integer)', 'pg_catalog.lo_truncate(integer,integer)',
        'pg_catalog.lowrite(integer,bytea)', 'pg_catalog.loread(integer,integer)',
        'pg_catalog.pg_terminate_backend(integer,bigint)', 'pg_catalog.pg_cancel_backend(integer)',
        'pg_catalog.txid_current()', 'pg_catalog.pg_current_xact_id()',
        'pg_catalog.pg_notify(text,text)', 'pg_catalog.pg_listening_channels()'];
BEGIN
    SELECT rolsuper, rolcreaterole INTO v_super, v_createrole FROM pg_roles WHERE rolname = current_user;
    SELECT pg_get_userbyid(datdba) INTO v_owner FROM pg_database WHERE datname = current_database();
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nofdb_query') THEN
        IF v_super OR v_createrole THEN
            BEGIN
                CREATE ROLE nofdb_query NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION;
                v_notes := v_notes || 'created role nofdb_query (the nofdb query sandbox)'::text;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- another database of this cluster created it at the same moment
            END;
        ELSE
            RETURN v_notes || ('cannot create role nofdb_query: ' || current_user || ' lacks CREATEROLE; nofdb query refuses to run as a superuser until a user with CREATEROLE runs nofdb init')::text;
        END IF;
    END IF;
    IF NOT v_super AND NOT pg_has_role(current_user, 'nofdb_query', 'MEMBER') THEN
        BEGIN
            EXECUTE format('GRANT nofdb_query TO %I', current_user);
        EXCEPTION WHEN insufficient_privilege THEN
            v_notes := v_notes || ('cannot grant nofdb_query to ' || current_user || ': nofdb query will run with its own rights')::text;
        END;
    END IF;
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM nofdb_query', current_database());
    GRANT USAGE ON SCHEMA nof TO nofdb_query;
    GRANT SELECT ON ALL TABLES IN SCHEMA nof TO nofdb_query;
    REVOKE ALL ON SCHEMA dw, audit, staging FROM nofdb_query;
    -- What one sandboxed query may use on the server: memory per sort or hash, and temporary
    -- files (nofdb query applies these with SET LOCAL before SET ROLE, since a role's settings
    -- apply only at login; temp_file_limit needs a superuser to set).
    BEGIN
        ALTER ROLE nofdb_query SET work_mem = '32MB';
        IF v_super THEN
            ALTER ROLE nofdb_query SET temp_file_limit = '1GB';
        ELSE
            v_notes := v_notes || 'not a superuser: nofdb_query keeps the server''s temp_file_limit (only a superuser can set it)'::text;
        END IF;
    EXCEPTION WHEN insufficient_privilege THEN
        v_notes := v_notes || ('cannot set work_mem and temp_file_limit for nofdb_query: ' || current_user || ' lacks CREATEROLE')::text;
    END;
    IF v_super THEN
        FOREACH f IN ARRAY v_functions LOOP
            CONTINUE WHEN to_regprocedure(f) IS NULL;
            EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f, v_owner);
            IF current_user <> v_owner THEN
                EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f, current_user);
            END IF;
        END LOOP;
    ELSE
        v_notes := v_notes || ('not a superuser: set_config, advisory locks, large objects, notifications and backend signals stay open to PUBLIC (only a superuser can revoke them); nofdb query still runs as nofdb_query')::text;
    END IF;
    RETURN v_notes;
END $$;
COMMENT ON FUNCTION dw.secure_query_sandbox() IS 'Creates and grants the nofdb_query sandbox role (SELECT on the nof views only) and, as a superuser, revokes from PUBLIC the functions a sandboxed query could misuse; returns notes.';
