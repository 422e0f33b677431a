-- The audit log is append-only for the application.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM hearth_app;
--> statement-breakpoint
-- Before anyone is signed in there is no user or scheme for row-level security to go by.
-- These three functions are the only doors through which the application reaches users and sessions then.
CREATE FUNCTION hearth_login(p_email text)
RETURNS TABLE (user_id uuid, password_hash text, status user_status)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT id, password_hash, status FROM users WHERE email = lower(p_email) $$;
--> statement-breakpoint
CREATE FUNCTION hearth_session(p_id text)
RETURNS TABLE (user_id uuid, scheme_id uuid, scheme_name text, role role, name text, email text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT s.user_id, s.scheme_id, sc.name, s.role, u.name, u.email
  FROM sessions s
  JOIN users u ON u.id = s.user_id
  LEFT JOIN schemes sc ON sc.id = s.scheme_id
  WHERE s.id = p_id AND s.expires_at > now() AND u.status = 'active'
    AND (s.role IS NULL OR EXISTS (
      SELECT 1 FROM memberships m
      WHERE m.user_id = s.user_id AND m.role = s.role
        AND m.scheme_id IS NOT DISTINCT FROM s.scheme_id AND m.ended_at IS NULL))
$$;
--> statement-breakpoint
CREATE FUNCTION hearth_user_id_by_email(p_email text)
RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT id FROM users WHERE email = lower(p_email) $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_login(text), hearth_session(text), hearth_user_id_by_email(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hearth_login(text), hearth_session(text), hearth_user_id_by_email(text) TO hearth_app;
