-- Who looked at my record (src/my-hearth): everyone but those who audit the scheme reads only the
-- audit events about themselves. The person's page asks for their own; this makes it the database's
-- last word too, so a person (or carer, or circle member) can never read others' events.
CREATE POLICY "audit_own_unless_auditor" ON "audit_events" AS RESTRICTIVE FOR SELECT TO "hearth_app"
  USING (nullif(current_setting('app.role', true), '') IN ('scheme_manager', 'national_admin')
    OR subject_user_id = nullif(current_setting('app.user_id', true), '')::uuid);
--> statement-breakpoint
-- "My home": the household a person lives with or visits, as the person may know it: the carer's and
-- household's first names, how they are related, their ages, and pets. Never surnames, addresses,
-- dates of birth, checks or anything else of the carer's record. Only for the person themselves,
-- only for an arrangement of theirs that has not ended. SECURITY DEFINER because carers' tables are
-- closed to people (as hearth_proposed_carer in 0008_matching_custom and hearth_arrangement_carer_name).
CREATE FUNCTION hearth_my_household(p_arrangement uuid)
RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT jsonb_build_object(
    'firstName', split_part(trim(c.name), ' ', 1),
    'area', c.area,
    'pets', h.pets,
    'household', hearth_household_as_known(c.id))
  FROM arrangements a
  JOIN carers c ON c.id = a.carer_id AND c.scheme_id = a.scheme_id
  LEFT JOIN carer_homes h ON h.carer_id = c.id
  WHERE a.id = p_arrangement
    AND a.status <> 'ended'
    AND a.scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid
    AND nullif(current_setting('app.role', true), '') = 'person'
    AND hearth_may_see_person(a.person_id, 'own')
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_my_household(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hearth_my_household(uuid) TO hearth_app;
