-- Whether the request is scheme staff, as a function the planner does not see into (plpgsql is
-- never inlined). Row-level security on daily notes and incidents reads it for every row: written
-- out in SQL, the planner guesses that "role is staff" is true of hardly any row, and so sorts all
-- of a scheme's notes instead of walking the newest-first index and stopping after a page. A
-- function it cannot see into gets its ordinary guess (a third of rows), and the index wins.
CREATE FUNCTION hearth_is_staff()
RETURNS boolean
LANGUAGE plpgsql STABLE
AS $$
BEGIN
  RETURN coalesce(nullif(current_setting('app.role', true), '') IN ('scheme_manager', 'scheme_worker'), false);
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hearth_is_staff() TO hearth_app;
