-- Sign-in links and passkeys are used before anyone is signed in, so row-level security has no user
-- to go by. Like hearth_login and hearth_session, these functions are the only doors then.

-- What a sign-in link's token is now: 'usable', 'used', 'expired', or null when there is no such link.
CREATE FUNCTION hearth_sign_in_link_state(p_id text, p_now timestamptz)
RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT CASE
    WHEN l.used_at IS NOT NULL THEN 'used'
    WHEN l.expires_at <= p_now OR u.status <> 'active' THEN 'expired'
    ELSE 'usable'
  END
  FROM sign_in_links l JOIN users u ON u.id = l.user_id
  WHERE l.id = p_id
$$;
--> statement-breakpoint
-- Uses a sign-in link once: marks it used and returns whose it is, or nothing if it cannot be used.
CREATE FUNCTION hearth_use_sign_in_link(p_id text, p_now timestamptz)
RETURNS TABLE (user_id uuid, return_to text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  UPDATE sign_in_links l SET used_at = p_now
  FROM users u
  WHERE l.id = p_id AND l.used_at IS NULL AND l.expires_at > p_now AND u.id = l.user_id AND u.status = 'active'
  RETURNING l.user_id, l.return_to
$$;
--> statement-breakpoint
-- The passkey a sign-in answer names, if its owner may sign in.
CREATE FUNCTION hearth_passkey(p_credential_id text)
RETURNS TABLE (user_id uuid, public_key text, counter bigint, transports text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT p.user_id, p.public_key, p.counter, p.transports
  FROM passkeys p JOIN users u ON u.id = p.user_id
  WHERE p.credential_id = p_credential_id AND u.status = 'active'
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_sign_in_link_state(text, timestamptz), hearth_use_sign_in_link(text, timestamptz), hearth_passkey(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hearth_sign_in_link_state(text, timestamptz), hearth_use_sign_in_link(text, timestamptz), hearth_passkey(text) TO hearth_app;
--> statement-breakpoint
-- The outbox is a record: the application adds to it, never changes or removes what is there.
REVOKE UPDATE, DELETE, TRUNCATE ON outbox FROM hearth_app;
