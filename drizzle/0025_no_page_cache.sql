-- The page cache is gone (every page is made afresh): its triggers, functions and table go with it.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT tg.tgrelid::regclass AS name FROM pg_trigger tg WHERE tg.tgname = 'data_changed' AND NOT tg.tgisinternal
  LOOP
    EXECUTE format('DROP TRIGGER data_changed ON %s', t.name);
  END LOOP;
END
$$;
--> statement-breakpoint
DROP FUNCTION hearth_watch(regclass, text);
--> statement-breakpoint
DROP FUNCTION hearth_data_changed();
--> statement-breakpoint
DROP FUNCTION hearth_kept_pages(jsonb);
--> statement-breakpoint
DROP FUNCTION hearth_forget_changes();
--> statement-breakpoint
DROP TABLE data_changes;
--> statement-breakpoint
-- A page's first round trip, as in 0023: who is signed in, how they like to read, and who is acting.
DROP FUNCTION hearth_page_session(text);
--> statement-breakpoint
CREATE FUNCTION hearth_page_session(p_id text)
RETURNS TABLE (user_id uuid, scheme_id uuid, scheme_name text, role role, name text, email text,
               easy_read boolean, larger_text boolean, read_aloud_first boolean)
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
    found.easy_read, found.larger_text, found.read_aloud_first;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_page_session(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hearth_page_session(text) TO hearth_app;
