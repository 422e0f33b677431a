-- Exclusion constraints need btree_gist for the "=" part (carer, room, person) beside the range's "&&".
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- The database refuses double bookings, whatever the application does and however requests race:
-- the same room of a carer's home on overlapping nights; the same person on overlapping nights or
-- overlapping sessions. Cancelled bookings do not count.
ALTER TABLE short_break_bookings ADD CONSTRAINT short_break_bookings_room_free
  EXCLUDE USING gist (carer_id WITH =, room WITH =, nights WITH &&) WHERE (status = 'booked' AND kind = 'short_breaks');
--> statement-breakpoint
ALTER TABLE short_break_bookings ADD CONSTRAINT short_break_bookings_person_nights_free
  EXCLUDE USING gist (person_id WITH =, nights WITH &&) WHERE (status = 'booked' AND kind = 'short_breaks');
--> statement-breakpoint
ALTER TABLE short_break_bookings ADD CONSTRAINT short_break_bookings_person_sessions_free
  EXCLUDE USING gist (person_id WITH =, hours WITH &&) WHERE (status = 'booked' AND kind = 'day_support');
--> statement-breakpoint
-- A carer's published times, and their own breaks, do not overlap themselves.
ALTER TABLE short_break_availability ADD CONSTRAINT short_break_availability_nights_once
  EXCLUDE USING gist (carer_id WITH =, nights WITH &&) WHERE (kind = 'short_breaks');
--> statement-breakpoint
ALTER TABLE short_break_availability ADD CONSTRAINT short_break_availability_hours_once
  EXCLUDE USING gist (carer_id WITH =, hours WITH &&) WHERE (kind = 'day_support');
--> statement-breakpoint
ALTER TABLE carer_breaks ADD CONSTRAINT carer_breaks_once
  EXCLUDE USING gist (carer_id WITH =, nights WITH &&);
--> statement-breakpoint
-- Who may see a booking between this carer and this person: scheme staff; the carer whose home it
-- is; the person; someone in the person's circle of support with any current consent.
-- SECURITY DEFINER so the policies below do not recurse through carers' and people's own policies.
CREATE FUNCTION hearth_may_see_booking(p_carer uuid, p_person uuid)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT CASE nullif(current_setting('app.role', true), '')
    WHEN 'scheme_manager' THEN true
    WHEN 'scheme_worker' THEN true
    WHEN 'carer' THEN EXISTS (
      SELECT 1 FROM carers c
      WHERE c.id = p_carer
        AND c.scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid
        AND c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WHEN 'person' THEN hearth_may_see_person(p_person, 'any')
    WHEN 'circle_member' THEN hearth_may_see_person(p_person, 'any')
    ELSE false
  END
$$;
--> statement-breakpoint
-- Whether someone outside the staff has a booking (of a person they may see) with this carer:
-- then they may see when the carer is available, and the carer's name.
CREATE FUNCTION hearth_booked_with_carer(p_carer uuid)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT EXISTS (
    SELECT 1 FROM short_break_bookings b
    WHERE b.carer_id = p_carer
      AND b.scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid
      AND hearth_may_see_person(b.person_id, 'any'))
$$;
--> statement-breakpoint
-- The two names on a booking the caller may see, and nothing else of either record: a carer
-- learns who is coming to stay, a person who they are staying with.
CREATE FUNCTION hearth_booking_names(p_carer uuid, p_person uuid)
RETURNS TABLE (carer_name text, person_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT c.name, p.name
  FROM carers c JOIN people p ON p.id = p_person AND p.scheme_id = c.scheme_id
  WHERE c.id = p_carer
    AND c.scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid
    AND hearth_may_see_booking(p_carer, p_person)
    AND EXISTS (SELECT 1 FROM short_break_bookings b WHERE b.carer_id = p_carer AND b.person_id = p_person)
$$;
--> statement-breakpoint
-- The private calendar link's only door: from the hash of its token to whose feed it is, while
-- that user is active and still has that role in that scheme.
CREATE FUNCTION hearth_calendar_feed(p_hash text)
RETURNS TABLE (user_id uuid, scheme_id uuid, role role, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT f.user_id, f.scheme_id, f.role, u.name
  FROM calendar_feeds f JOIN users u ON u.id = f.user_id
  WHERE f.token_hash = p_hash AND u.status = 'active'
    AND EXISTS (
      SELECT 1 FROM memberships m
      WHERE m.user_id = f.user_id AND m.scheme_id = f.scheme_id AND m.role = f.role AND m.ended_at IS NULL)
$$;
--> statement-breakpoint
-- What a carer offers now, for choosing and checking a booking: nothing unless they are approved,
-- then the kinds their latest approval names and how many spare rooms they have (at least one).
-- Open to staff, to the carer, and to people (and circles) who have stayed with them.
CREATE FUNCTION hearth_carer_offer(p_carer uuid)
RETURNS TABLE (kinds text[], rooms integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT ARRAY(SELECT unnest(a.arrangement_types)::text INTERSECT SELECT unnest(ARRAY['short_breaks', 'day_support'])),
    greatest(coalesce(h.spare_bedrooms, 1), 1)
  FROM carers c
  JOIN LATERAL (
    SELECT x.arrangement_types, x.decision FROM carer_approvals x
    WHERE x.carer_id = c.id ORDER BY x.decided_on DESC, x.created_at DESC LIMIT 1) a ON a.decision = 'approved'
  LEFT JOIN carer_homes h ON h.carer_id = c.id
  WHERE c.id = p_carer AND c.stage = 'approved'
    AND c.scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid
    AND (nullif(current_setting('app.role', true), '') IN ('scheme_manager', 'scheme_worker')
      OR (nullif(current_setting('app.role', true), '') = 'carer' AND c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)
      OR (nullif(current_setting('app.role', true), '') IN ('person', 'circle_member') AND hearth_booked_with_carer(c.id)))
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_may_see_booking(uuid, uuid), hearth_booked_with_carer(uuid), hearth_booking_names(uuid, uuid), hearth_calendar_feed(text), hearth_carer_offer(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hearth_may_see_booking(uuid, uuid), hearth_booked_with_carer(uuid), hearth_booking_names(uuid, uuid), hearth_calendar_feed(text), hearth_carer_offer(uuid) TO hearth_app;
--> statement-breakpoint
CREATE POLICY who_sees ON short_break_bookings AS RESTRICTIVE FOR SELECT TO hearth_app
  USING (nullif(current_setting('app.role', true), '') IN ('scheme_manager', 'scheme_worker') OR hearth_may_see_booking(carer_id, person_id));
--> statement-breakpoint
-- Staff book and cancel; the person and their circle too, where the scheme allows it. Carers read only.
CREATE POLICY who_books ON short_break_bookings AS RESTRICTIVE FOR INSERT TO hearth_app
  WITH CHECK (nullif(current_setting('app.role', true), '') IN ('scheme_manager', 'scheme_worker')
    OR (nullif(current_setting('app.role', true), '') IN ('person', 'circle_member')
      AND hearth_may_see_person(person_id, 'any')
      AND EXISTS (SELECT 1 FROM short_break_settings s WHERE s.people_may_book)));
--> statement-breakpoint
CREATE POLICY who_cancels ON short_break_bookings AS RESTRICTIVE FOR UPDATE TO hearth_app
  USING (nullif(current_setting('app.role', true), '') IN ('scheme_manager', 'scheme_worker')
    OR (nullif(current_setting('app.role', true), '') IN ('person', 'circle_member')
      AND hearth_may_see_person(person_id, 'any')
      AND EXISTS (SELECT 1 FROM short_break_settings s WHERE s.people_may_book)));
--> statement-breakpoint
CREATE POLICY no_deletes ON short_break_bookings AS RESTRICTIVE FOR DELETE TO hearth_app USING (false);
--> statement-breakpoint
CREATE POLICY who_sees ON short_break_availability AS RESTRICTIVE FOR SELECT TO hearth_app
  USING (nullif(current_setting('app.role', true), '') IN ('scheme_manager', 'scheme_worker')
    OR (nullif(current_setting('app.role', true), '') = 'carer' AND EXISTS (
      SELECT 1 FROM carers c WHERE c.id = carer_id AND c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))
    OR (nullif(current_setting('app.role', true), '') IN ('person', 'circle_member') AND hearth_booked_with_carer(carer_id)));
