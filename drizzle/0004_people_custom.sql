-- Who may read a person's records, for row-level security: scheme staff; the person themselves;
-- someone in their circle of support, for what the person consented to share with them.
-- p_area is a consent area, 'any' (any current consent) or 'own' (the person and staff only).
-- SECURITY DEFINER so the policies below do not recurse through each other's tables.
-- Carers see no person's records yet: matching and arrangements will add their branch here.
CREATE FUNCTION hearth_may_see_person(p_person uuid, p_area text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT CASE nullif(current_setting('app.role', true), '')
    WHEN 'scheme_manager' THEN true
    WHEN 'scheme_worker' THEN true
    WHEN 'person' THEN EXISTS (
      SELECT 1 FROM people p
      WHERE p.id = p_person
        AND p.scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid
        AND p.user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WHEN 'circle_member' THEN EXISTS (
      SELECT 1 FROM circle_members c
      JOIN circle_consents k ON k.circle_member_id = c.id AND k.withdrawn_at IS NULL
      WHERE c.person_id = p_person
        AND c.scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid
        AND c.user_id = nullif(current_setting('app.user_id', true), '')::uuid
        AND c.ended_at IS NULL
        AND (p_area = 'any' OR k.area::text = p_area))
    ELSE false
  END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_may_see_person(uuid, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hearth_may_see_person(uuid, text) TO hearth_app;
--> statement-breakpoint
CREATE POLICY person_visible ON people AS RESTRICTIVE FOR SELECT TO hearth_app
  USING (nullif(current_setting('app.role', true), '') IN ('scheme_manager', 'scheme_worker') OR hearth_may_see_person(id, 'any'));
--> statement-breakpoint
CREATE POLICY person_visible ON circle_members AS RESTRICTIVE FOR SELECT TO hearth_app
  USING (nullif(current_setting('app.role', true), '') IN ('scheme_manager', 'scheme_worker')
    OR user_id = nullif(current_setting('app.user_id', true), '')::uuid
    OR hearth_may_see_person(person_id, 'own'));
--> statement-breakpoint
CREATE POLICY person_visible ON circle_consents AS RESTRICTIVE FOR SELECT TO hearth_app
  USING (nullif(current_setting('app.role', true), '') IN ('scheme_manager', 'scheme_worker')
    OR hearth_may_see_person(person_id, 'own')
    OR EXISTS (SELECT 1 FROM circle_members c WHERE c.id = circle_member_id AND c.user_id = nullif(current_setting('app.user_id', true), '')::uuid));
--> statement-breakpoint
DO $$
DECLARE
  visible_to record;
BEGIN
  FOR visible_to IN SELECT * FROM (VALUES
    ('communication_needs', 'any'),
    ('person_status_changes', 'matching'),
    ('referrals', 'own'),
    ('one_page_profiles', 'profile'),
    ('person_support_needs', 'support_plan'),
    ('needs_summaries', 'support_plan'),
    ('risks', 'support_plan'),
    ('matching_preferences', 'matching')
  ) AS t(table_name, area) LOOP
    EXECUTE format(
      'CREATE POLICY person_visible ON %I AS RESTRICTIVE FOR SELECT TO hearth_app USING (nullif(current_setting(''app.role'', true), '''') IN (''scheme_manager'', ''scheme_worker'') OR hearth_may_see_person(person_id, %L))',
      visible_to.table_name, visible_to.area);
  END LOOP;
END
$$;
