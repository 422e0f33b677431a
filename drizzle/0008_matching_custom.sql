-- Matching: what each side of a proposal may read about the other.
--
-- A carer proposed to a person may read, while the proposal is open or agreed, what the person
-- agreed to share with them (the proposal's `shares`, consent areas), plus their name and
-- communication needs ('any'), so the first meeting can go well. That is the carer branch of
-- hearth_may_see_person, written once with the arrangements' branch in 0015_arrangements_custom.
--
-- A carer's household as a person may know it: first names, how they are related, their ages.
-- Never surnames, dates of birth or checks. Not callable by the app role: only from the
-- SECURITY DEFINER functions that decide who may see it (hearth_proposed_carer, hearth_my_household).
CREATE FUNCTION hearth_household_as_known(p_carer uuid)
RETURNS jsonb
LANGUAGE sql STABLE SET search_path = public, pg_temp
AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object(
      'firstName', split_part(trim(m.name), ' ', 1),
      'relationship', m.relationship,
      'age', date_part('year', age(current_date, m.date_of_birth))::int) ORDER BY m.date_of_birth, m.id), '[]'::jsonb)
  FROM household_members m WHERE m.carer_id = p_carer AND m.moved_out_on IS NULL
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_household_as_known(uuid) FROM PUBLIC;
--> statement-breakpoint
-- What a person (and their circle, with consent for matching) reads about a carer proposed to
-- them: first names, the area, the home and household in outline, interests. Never the address,
-- contact details, checks or approval papers. SECURITY DEFINER because carers' own tables are
-- closed to people; the checks here are the same as the proposal's own policy.
CREATE FUNCTION hearth_proposed_carer(p_proposal uuid)
RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT jsonb_build_object(
    'firstName', split_part(trim(c.name), ' ', 1),
    'area', c.area,
    'stepFree', h.step_free,
    'ownBathroom', h.own_bathroom,
    'spareBedrooms', h.spare_bedrooms,
    'smoking', h.smoking,
    'pets', h.pets,
    'languages', coalesce(h.languages, '{}'),
    'faith', h.faith,
    'culture', h.culture,
    'interests', coalesce(h.interests, '{}'),
    'routines', h.routines,
    'household', hearth_household_as_known(c.id))
  FROM match_proposals p
  JOIN carers c ON c.id = p.carer_id AND c.scheme_id = p.scheme_id
  LEFT JOIN carer_homes h ON h.carer_id = c.id
  WHERE p.id = p_proposal
    AND p.scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid
    AND CASE nullif(current_setting('app.role', true), '')
      WHEN 'scheme_manager' THEN true
      WHEN 'scheme_worker' THEN true
      WHEN 'person' THEN hearth_may_see_person(p.person_id, 'own')
      WHEN 'circle_member' THEN hearth_may_see_person(p.person_id, 'matching')
      WHEN 'carer' THEN c.user_id = nullif(current_setting('app.user_id', true), '')::uuid
      ELSE false
    END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_proposed_carer(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hearth_proposed_carer(uuid) TO hearth_app;
