-- Matching: what each side of a proposal may read about the other.
--
-- A carer proposed to a person may read, while the proposal is open or agreed, what the person
-- agreed to share with them (the proposal's `shares`, consent areas), plus their name and
-- communication needs ('any'), so the first meeting can go well. Nothing 'own' (referral, circle).
CREATE OR REPLACE FUNCTION hearth_may_see_person(p_person uuid, p_area text)
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
    WHEN 'carer' THEN EXISTS (
      SELECT 1 FROM match_proposals m
      JOIN carers c ON c.id = m.carer_id
      WHERE m.person_id = p_person
        AND m.scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid
        AND c.user_id = nullif(current_setting('app.user_id', true), '')::uuid
        AND m.stopped_at IS NULL
        AND (p_area = 'any' OR p_area = ANY (m.shares::text[])))
    ELSE false
  END
$$;
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
    'household', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
        'firstName', split_part(trim(m.name), ' ', 1),
        'relationship', m.relationship,
        'age', date_part('year', age(current_date, m.date_of_birth))::int) ORDER BY m.date_of_birth, m.id)
      FROM household_members m WHERE m.carer_id = c.id AND m.moved_out_on IS NULL), '[]'::jsonb))
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
