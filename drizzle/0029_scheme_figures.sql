-- A scheme's published figures (src/figures), for its commissioner: how many people are supported and
-- waiting now, and how many were matched with a carer since a day (the start of the year). Counts
-- only, never a row about anyone, and a count under 5 is never returned (NULL, read as "fewer than 5"),
-- so no one can be recognised from them. SECURITY DEFINER because commissioners see no personal records.
CREATE FUNCTION hearth_scheme_figures(p_from date)
RETURNS TABLE (supported integer, waiting integer, matched integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  WITH scheme AS (
    SELECT nullif(current_setting('app.scheme_id', true), '')::uuid AS id
    WHERE nullif(current_setting('app.role', true), '') = 'commissioner'
  ), counts AS (
    SELECT
      (SELECT count(*) FROM people p WHERE p.scheme_id = s.id AND p.status = 'supported')::integer AS supported,
      (SELECT count(*) FROM people p WHERE p.scheme_id = s.id AND p.status = 'waiting')::integer AS waiting,
      (SELECT count(DISTINCT m.person_id) FROM match_proposals m WHERE m.scheme_id = s.id AND m.agreed_on >= p_from)::integer AS matched
    FROM scheme s
    WHERE s.id IS NOT NULL
  )
  SELECT
    CASE WHEN supported >= 5 THEN supported END,
    CASE WHEN waiting >= 5 THEN waiting END,
    CASE WHEN matched >= 5 THEN matched END
  FROM counts
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_scheme_figures(date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hearth_scheme_figures(date) TO hearth_app;
