-- A page's first round trip: who is signed in, how they like to read, and who is acting for
-- row-level security, all at once. Before, a page asked for the session, then set who is acting,
-- then read the reading preference: three round trips before its own first read.
-- The caller takes the application role in the same statement; this function, like hearth_session,
-- is the only door to sessions and users before anyone is known. It sets app.scheme_id, app.user_id
-- and app.role for the rest of the transaction, as the application does with set_config otherwise.
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
