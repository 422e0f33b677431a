-- What changed, and when, so that a page kept by Hearth's page cache (src/platform/http/page-cache.ts)
-- is shown again only while nothing it could have shown has changed since it was made.
--
-- Every statement that writes to a table a page can show adds a row here, in the same transaction:
-- which scheme's data it changed (the nil uuid: data of every scheme, such as a user's name) and the
-- writing transaction's id. A kept page carries the snapshot its first query saw; it is still current
-- if no committed change to its scheme (or to every scheme) is missing from that snapshot. Because
-- the row commits with the change, there is no moment when a change is visible but its row is not.
CREATE TABLE data_changes (
  scheme_id uuid NOT NULL,
  xid xid8 NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (scheme_id, xid)
);
--> statement-breakpoint
-- Only Hearth's own functions read or write it: the application role has no rights and no rows.
ALTER TABLE data_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY data_changes_none ON data_changes AS RESTRICTIVE FOR ALL TO hearth_app USING (false) WITH CHECK (false);
--> statement-breakpoint
REVOKE ALL ON data_changes FROM hearth_app;
--> statement-breakpoint
-- A writing statement's change. The application's transactions say their scheme (app.scheme_id, as
-- row-level security reads it), and its policies keep their writes inside it; a write with no scheme
-- (loading the demo, a national user, a migration), or to a table of every scheme, changes every scheme.
CREATE FUNCTION hearth_data_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  INSERT INTO data_changes (scheme_id, xid)
  VALUES (coalesce(CASE WHEN TG_ARGV[0] = 'every scheme' THEN NULL ELSE nullif(current_setting('app.scheme_id', true), '')::uuid END,
                   '00000000-0000-0000-0000-000000000000'),
          pg_current_xact_id())
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Watches a table: a later migration's new table calls this too (a test fails for a table that does not).
CREATE FUNCTION hearth_watch(p_table regclass, p_scope text) RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp
AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION hearth_data_changed(%L)', p_table, p_scope);
END
$$;
--> statement-breakpoint
-- Every table a page can show. Not watched: the audit log (every page read writes to it; no kept page
-- shows it), sessions, sign-in links and passkey challenges (the session is checked afresh on every
-- page), the mail outbox, and this table.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.oid::regclass AS name,
      EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'scheme_id' AND NOT a.attisdropped) AS per_scheme
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'
      AND c.relname NOT IN ('audit_events', 'sessions', 'sign_in_links', 'passkey_challenges', 'outbox', 'data_changes', '__drizzle_migrations')
  LOOP
    PERFORM hearth_watch(t.name, CASE WHEN t.per_scheme THEN 'its scheme' ELSE 'every scheme' END);
  END LOOP;
END
$$;
--> statement-breakpoint
-- The session check, as before (0002), in PL/pgSQL: PostgreSQL plans a SQL function that it cannot
-- inline (this one is SECURITY DEFINER) on every call, which took 0.3 ms of a page; PL/pgSQL keeps
-- its plan, and the same check takes 0.06 ms.
CREATE OR REPLACE FUNCTION hearth_session(p_id text)
RETURNS TABLE (user_id uuid, scheme_id uuid, scheme_name text, role role, name text, email text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  RETURN QUERY
  SELECT s.user_id, s.scheme_id, sc.name, s.role, u.name, u.email
  FROM sessions s
  JOIN users u ON u.id = s.user_id
  LEFT JOIN schemes sc ON sc.id = s.scheme_id
  WHERE s.id = p_id AND s.expires_at > now() AND u.status = 'active'
    AND (s.role IS NULL OR EXISTS (
      SELECT 1 FROM memberships m
      WHERE m.user_id = s.user_id AND m.role = s.role
        AND m.scheme_id IS NOT DISTINCT FROM s.scheme_id AND m.ended_at IS NULL));
END
$$;
--> statement-breakpoint
-- The page's first round trip (0023) now also gives the snapshot its first query saw.
DROP FUNCTION hearth_page_session(text);
--> statement-breakpoint
CREATE FUNCTION hearth_page_session(p_id text)
RETURNS TABLE (user_id uuid, scheme_id uuid, scheme_name text, role role, name text, email text,
               easy_read boolean, larger_text boolean, read_aloud_first boolean, snapshot text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  found record;
BEGIN
  SELECT s.user_id, s.scheme_id, s.scheme_name, s.role, s.name, s.email, r.easy_read, r.larger_text, r.read_aloud_first
    INTO found
    FROM hearth_session(p_id) s LEFT JOIN reading_preferences r ON r.user_id = s.user_id;
  IF found.user_id IS NULL THEN
    RETURN;
  END IF;
  PERFORM set_config('app.scheme_id', coalesce(found.scheme_id::text, ''), true),
          set_config('app.user_id', found.user_id::text, true),
          set_config('app.role', coalesce(found.role::text, ''), true);
  RETURN QUERY SELECT found.user_id, found.scheme_id, found.scheme_name, found.role, found.name, found.email,
    found.easy_read, found.larger_text, found.read_aloud_first, pg_current_snapshot()::text;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_page_session(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hearth_page_session(text) TO hearth_app;
--> statement-breakpoint
-- Kept pages asking to be shown again, many at once: [{session, user, scheme, role, snapshot, audit}].
-- A page is current while its session is still the same person in the same scheme and role, and no
-- committed change to that scheme (or to every scheme) is missing from its snapshot. For each current
-- page its audit entries are written, as reading it afresh would; the answer is their places (from 1).
CREATE FUNCTION hearth_kept_pages(p_pages jsonb) RETURNS SETOF integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  -- One statement for the whole batch (PL/pgSQL keeps its plan): a statement a page cost twice as much.
  RETURN QUERY
  WITH page AS (
    SELECT x.n::integer AS n, x.p->>'session' AS session_id, (x.p->>'user')::uuid AS user_id, (x.p->>'scheme')::uuid AS scheme_id,
           (x.p->>'role')::role AS role, (x.p->>'snapshot')::pg_snapshot AS seen, x.p->'audit' AS audit
    FROM jsonb_array_elements(p_pages) WITH ORDINALITY AS x(p, n)
  ), current AS (
    SELECT page.n, page.audit FROM page
    CROSS JOIN LATERAL hearth_session(page.session_id) s
    WHERE s.user_id = page.user_id AND s.scheme_id = page.scheme_id AND s.role = page.role
      AND NOT EXISTS (
        SELECT 1 FROM data_changes c
        WHERE c.scheme_id IN (page.scheme_id, '00000000-0000-0000-0000-000000000000')
          AND c.xid >= pg_snapshot_xmin(page.seen) AND NOT pg_visible_in_snapshot(c.xid, page.seen))
  ), audited AS (
    INSERT INTO audit_events (scheme_id, actor_user_id, actor_name, actor_role, action, record_type, record_id, subject_user_id, changed_fields)
      SELECT a.scheme_id, a.actor_user_id, a.actor_name, a.actor_role, a.action, a.record_type, a.record_id, a.subject_user_id, a.changed_fields
      FROM current, jsonb_to_recordset(current.audit)
        AS a(scheme_id uuid, actor_user_id uuid, actor_name text, actor_role role, action text, record_type text, record_id text, subject_user_id uuid, changed_fields jsonb)
  )
  SELECT current.n FROM current ORDER BY current.n;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_kept_pages(jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hearth_kept_pages(jsonb) TO hearth_app;
--> statement-breakpoint
-- Changes older than any kept page could be (pages are kept within the hour) are let go. A change's
-- time is when its statement ran, not when it committed: this holds for any transaction shorter than
-- two hours, and Hearth's are a request long.
CREATE FUNCTION hearth_forget_changes() RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  WITH gone AS (DELETE FROM data_changes WHERE at < clock_timestamp() - interval '3 hours' RETURNING 1)
  SELECT count(*)::integer FROM gone
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_forget_changes() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hearth_forget_changes() TO hearth_app;
