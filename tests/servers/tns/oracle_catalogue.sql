-- The Oracle dictionary views, DUAL, the SCN functions and the LOB and national-text type
-- names the oracle source and its tests use (sources spec §7.3), made from PostgreSQL's own
-- catalogue. Run by tns_server.py in every database a client logs on to (and by tests that
-- create tables of these types first). Names are upper-cased as Oracle stores unquoted
-- identifiers; a user is the schema of the same name.
CREATE OR REPLACE VIEW public.dual AS SELECT 'X'::varchar(1) AS dummy;
CREATE OR REPLACE VIEW public.all_tables AS
  SELECT upper(n.nspname)::varchar(128) AS owner, upper(c.relname)::varchar(128) AS table_name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p')
     AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast');
CREATE OR REPLACE VIEW public.all_constraints AS
  SELECT upper(n.nspname)::varchar(128) AS owner, upper(k.conname)::varchar(128) AS constraint_name,
         (CASE k.contype WHEN 'p' THEN 'P' WHEN 'u' THEN 'U' WHEN 'f' THEN 'R' ELSE 'C' END)::varchar(1)
           AS constraint_type,
         upper(c.relname)::varchar(128) AS table_name
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = k.connamespace;
CREATE OR REPLACE VIEW public.all_cons_columns AS
  SELECT upper(n.nspname)::varchar(128) AS owner, upper(k.conname)::varchar(128) AS constraint_name,
         upper(c.relname)::varchar(128) AS table_name, upper(a.attname)::varchar(128) AS column_name,
         key.position::integer AS position
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = k.connamespace
    CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS key(attnum, position)
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = key.attnum;
-- ORA_ROWSCN: a row's commit time in microseconds since 1970 (the test PostgreSQL runs with
-- track_commit_timestamp=on); SCN_TO_TIMESTAMP turns it back into a timestamp.
CREATE OR REPLACE FUNCTION public.ei_ora_rowscn(row_xmin xid) RETURNS bigint
  LANGUAGE sql STABLE AS
  $$ SELECT (extract(epoch FROM pg_xact_commit_timestamp(row_xmin)) * 1000000)::bigint $$;
CREATE OR REPLACE FUNCTION public.scn_to_timestamp(scn bigint) RETURNS timestamp
  LANGUAGE sql IMMUTABLE AS $$ SELECT to_timestamp(scn / 1000000.0) AT TIME ZONE 'UTC' $$;
DO $$ BEGIN
  CREATE DOMAIN public.clob AS text;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE DOMAIN public.blob AS bytea;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE DOMAIN public.nvarchar2 AS varchar;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
