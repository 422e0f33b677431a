-- A carer sees the people they have (or had) an arrangement with: their name and communication
-- needs ('any'); and, while an arrangement is live, what the person shares with those who support
-- them ('profile', 'support_plan', 'daily_notes'). Never the referral ('own') or matching.
-- A carer proposed to the person through matching reads, while the proposal is open, what the person agreed to share with them.
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
    WHEN 'carer' THEN (p_area IN ('any', 'profile', 'support_plan', 'daily_notes') AND EXISTS (
      SELECT 1 FROM arrangements a
      JOIN carers c ON c.id = a.carer_id
      WHERE a.person_id = p_person
        AND a.scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid
        AND c.user_id = nullif(current_setting('app.user_id', true), '')::uuid
        AND (p_area = 'any' OR a.status <> 'ended')))
      -- Matching: a carer proposed to the person reads what the person agreed to share.
      OR EXISTS (
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
-- The carer's name on an arrangement, for those who may see the arrangement but not carers' records
-- (the person and their circle): only for a carer who has an arrangement with a person they may see.
CREATE FUNCTION hearth_arrangement_carer_name(p_carer uuid, p_person uuid)
RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT c.name FROM carers c
  WHERE c.id = p_carer
    AND c.scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM arrangements a WHERE a.carer_id = p_carer AND a.person_id = p_person)
    AND hearth_may_see_person(p_person, 'any')
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_arrangement_carer_name(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hearth_arrangement_carer_name(uuid, uuid) TO hearth_app;
--> statement-breakpoint
-- The carer's approval terms, as the database's last word (src/arrangements/status.ts withinTerms
-- says the same in words first). The carer's row is locked, so two arrangements for one carer are
-- checked one after the other: of two racing for the last place, one waits and then is refused.
-- A live arrangement needs: person and carer in its scheme; the carer approved now, by their latest
-- decision; that decision's terms allowing its type; for live-in, no more than max_people live-in
-- arrangements not ended. An arrangement recorded as ended is history and is not checked.
CREATE FUNCTION hearth_check_arrangement()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  carer record;
  terms record;
  live_in integer;
BEGIN
  IF NEW.status = 'ended' THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status <> 'ended' AND NEW.carer_id = OLD.carer_id AND NEW.type = OLD.type
     AND NEW.person_id = OLD.person_id AND NEW.scheme_id = OLD.scheme_id THEN
    RETURN NEW;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM people p WHERE p.id = NEW.person_id AND p.scheme_id = NEW.scheme_id) THEN
    RAISE EXCEPTION 'arrangements_same_scheme: the person is not in this scheme'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'arrangements_same_scheme';
  END IF;
  SELECT c.id, c.scheme_id, c.stage INTO carer FROM carers c WHERE c.id = NEW.carer_id FOR UPDATE;
  IF NOT FOUND OR carer.scheme_id <> NEW.scheme_id THEN
    RAISE EXCEPTION 'arrangements_same_scheme: the carer is not in this scheme'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'arrangements_same_scheme';
  END IF;
  SELECT a.decision, a.max_people, a.arrangement_types INTO terms
    FROM carer_approvals a WHERE a.carer_id = NEW.carer_id
    ORDER BY a.decided_on DESC, a.created_at DESC LIMIT 1;
  IF carer.stage <> 'approved' OR NOT FOUND OR terms.decision <> 'approved' THEN
    RAISE EXCEPTION 'arrangements_carer_approved: carer % is not approved', NEW.carer_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'arrangements_carer_approved';
  END IF;
  IF NOT (NEW.type = ANY (terms.arrangement_types)) THEN
    RAISE EXCEPTION 'arrangements_type_approved: carer % is not approved for %', NEW.carer_id, NEW.type
      USING ERRCODE = 'check_violation', CONSTRAINT = 'arrangements_type_approved';
  END IF;
  IF NEW.type = 'live_in' THEN
    SELECT count(*) INTO live_in FROM arrangements a
      WHERE a.carer_id = NEW.carer_id AND a.type = 'live_in' AND a.status <> 'ended' AND a.id <> NEW.id;
    IF live_in + 1 > terms.max_people THEN
      RAISE EXCEPTION 'arrangements_within_capacity: carer % is approved for % people living in and has %', NEW.carer_id, terms.max_people, live_in
        USING ERRCODE = 'check_violation', CONSTRAINT = 'arrangements_within_capacity';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hearth_check_arrangement() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER arrangements_within_terms
  BEFORE INSERT OR UPDATE OF carer_id, person_id, scheme_id, type, status ON arrangements
  FOR EACH ROW EXECUTE FUNCTION hearth_check_arrangement();
--> statement-breakpoint
-- Schemes made before arrangements existed get the same default agreement templates as a new
-- scheme (src/arrangements/templates.ts DEFAULT_TEMPLATES; a test keeps the two the same).
INSERT INTO agreement_templates (scheme_id, kind, version, title, body, easy_read, by_name)
SELECT s.id, d.kind, 1, d.title, d.body, d.easy_read, 'Hearth'
FROM schemes s
CROSS JOIN (VALUES
  ('arrangement'::agreement_kind, $title$Shared Lives arrangement agreement$title$, $body$This agreement is between {person}, {carer} (the Shared Lives carer) and {scheme}.

The arrangement: {type}, starting on {start date}. {planned end}. Support is paid for by {funding}. The scheme worker is {worker}.

{person} agrees to:
- say what support they want, and what is important to them;
- tell {carer} or {worker} if something is not right.

{carer} agrees to:
- give the support written in {person}'s support plan, in a way that respects their choices;
- keep short daily notes, and tell the scheme at once about any worry, accident or concern;
- keep their checks and training up to date, and let the scheme visit.

{scheme} agrees to:
- visit and review the arrangement regularly, starting with the person's own view;
- support {carer}, and pay them as agreed;
- listen to everyone, and help if things go wrong.

Anyone can ask to change or end this agreement. We will talk about it together first. Personal information is kept safe and shared only as the law allows.$body$, $easy$This is about you living or spending time with {carer}.

You, {carer} and {scheme} all say yes to this agreement.

Your support is {type}. It starts on {start date}.

{carer} will help you in the way you want. Your support plan says how.

Your scheme worker is {worker}. They will visit you. They will ask what you think first.

If you are not happy, tell {carer} or {worker}. You can change your mind.$easy$),
  ('household'::agreement_kind, $title$Household (licence) agreement$title$, $body$This agreement is between {person} and {carer}, for {person} living in {carer}'s home from {start date}, as part of a Shared Lives arrangement with {scheme}.

{person} has their own bedroom, which others enter only when invited or in an emergency, and shares the kitchen, bathroom and living rooms with the household.

Rent and living costs are agreed separately and written down; {person} pays them from their own money or benefits, and gets a receipt.

House rules are agreed together and written down, and can be changed together. Visitors are welcome at agreed times.

This is a licence, not a tenancy: {person} lives in {carer}'s family home. Either of them can end it with 28 days' notice, or sooner in an emergency; {worker} at {scheme} will help find what happens next. It ends when the Shared Lives arrangement ends.$body$, $easy$This is about living in {carer}'s home.

You have your own bedroom. People knock before they come in.

You share the kitchen, bathroom and living room.

You pay rent and money for food. You get a receipt.

You and {carer} agree the house rules together.

If you want to move out, tell {carer} or {worker}. They will help you.$easy$)
) AS d(kind, title, body, easy_read)
WHERE NOT EXISTS (SELECT 1 FROM agreement_templates t WHERE t.scheme_id = s.id AND t.kind = d.kind);
