CREATE TYPE "public"."proposal_answer" AS ENUM('yes', 'maybe', 'no');--> statement-breakpoint
CREATE TYPE "public"."proposal_side" AS ENUM('person', 'carer', 'scheme');--> statement-breakpoint
CREATE TABLE "introduction_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"planned_on" date,
	"person_go_on" boolean,
	"person_words" text,
	"person_recorded_at" timestamp with time zone,
	"person_recorded_by_user_id" uuid,
	"carer_go_on" boolean,
	"carer_words" text,
	"carer_recorded_at" timestamp with time zone,
	"carer_recorded_by_user_id" uuid,
	CONSTRAINT "introduction_steps_position" CHECK ("introduction_steps"."position" between 1 and 8),
	CONSTRAINT "introduction_steps_named" CHECK (length(trim("introduction_steps"."name")) > 0),
	CONSTRAINT "introduction_steps_person" CHECK (("introduction_steps"."person_go_on" is null) = ("introduction_steps"."person_recorded_at" is null)),
	CONSTRAINT "introduction_steps_carer" CHECK (("introduction_steps"."carer_go_on" is null) = ("introduction_steps"."carer_recorded_at" is null)),
	CONSTRAINT "introduction_steps_after_date" CHECK (("introduction_steps"."person_go_on" is null and "introduction_steps"."carer_go_on" is null) or "introduction_steps"."planned_on" is not null)
);
--> statement-breakpoint
ALTER TABLE "introduction_steps" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "match_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"carer_id" uuid NOT NULL,
	"score" numeric(5, 2) NOT NULL,
	"explanation" jsonb NOT NULL,
	"worker_note" text,
	"shares" "consent_area"[] NOT NULL,
	"proposed_by_user_id" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_answer" "proposal_answer",
	"person_words" text,
	"person_answered_at" timestamp with time zone,
	"person_answered_by_user_id" uuid,
	"carer_answer" "proposal_answer",
	"carer_words" text,
	"carer_answered_at" timestamp with time zone,
	"carer_answered_by_user_id" uuid,
	"stopped_at" timestamp with time zone,
	"stopped_by" "proposal_side",
	"stop_words" text,
	"stopped_by_user_id" uuid,
	"agreed_on" date,
	"starts_on" date,
	"agreed_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_proposals_in_scheme" UNIQUE("id","scheme_id"),
	CONSTRAINT "match_proposals_carer_answers" CHECK ("match_proposals"."carer_answer" is distinct from 'maybe'),
	CONSTRAINT "match_proposals_person_answered" CHECK (("match_proposals"."person_answer" is null) = ("match_proposals"."person_answered_at" is null)),
	CONSTRAINT "match_proposals_carer_answered" CHECK (("match_proposals"."carer_answer" is null) = ("match_proposals"."carer_answered_at" is null)),
	CONSTRAINT "match_proposals_stopped" CHECK (("match_proposals"."stopped_at" is null) = ("match_proposals"."stopped_by" is null)),
	CONSTRAINT "match_proposals_agreed" CHECK (("match_proposals"."agreed_on" is null) = ("match_proposals"."starts_on" is null)),
	CONSTRAINT "match_proposals_agreed_by_both" CHECK ("match_proposals"."agreed_on" is null or ("match_proposals"."person_answer" = 'yes' and "match_proposals"."carer_answer" = 'yes' and "match_proposals"."stopped_at" is null)),
	CONSTRAINT "match_proposals_shares" CHECK (cardinality("match_proposals"."shares") > 0),
	CONSTRAINT "match_proposals_score" CHECK ("match_proposals"."score" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "match_proposals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "matching_settings" (
	"scheme_id" uuid PRIMARY KEY NOT NULL,
	"weights" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"max_miles" integer,
	"introduction_steps" text[] DEFAULT array['First meeting', 'Tea visit', 'Overnight stay', 'Trial period']::text[] NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_settings_miles" CHECK ("matching_settings"."max_miles" is null or "matching_settings"."max_miles" between 1 and 500),
	CONSTRAINT "matching_settings_steps" CHECK (cardinality("matching_settings"."introduction_steps") between 1 and 8)
);
--> statement-breakpoint
ALTER TABLE "matching_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "matching_preferences" ADD COLUMN "arrangement" text;--> statement-breakpoint
ALTER TABLE "introduction_steps" ADD CONSTRAINT "introduction_steps_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introduction_steps" ADD CONSTRAINT "introduction_steps_person_recorded_by_user_id_users_id_fk" FOREIGN KEY ("person_recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introduction_steps" ADD CONSTRAINT "introduction_steps_carer_recorded_by_user_id_users_id_fk" FOREIGN KEY ("carer_recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introduction_steps" ADD CONSTRAINT "introduction_steps_proposal_id_scheme_id_match_proposals_id_scheme_id_fk" FOREIGN KEY ("proposal_id","scheme_id") REFERENCES "public"."match_proposals"("id","scheme_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_proposals" ADD CONSTRAINT "match_proposals_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_proposals" ADD CONSTRAINT "match_proposals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_proposals" ADD CONSTRAINT "match_proposals_carer_id_carers_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_proposals" ADD CONSTRAINT "match_proposals_proposed_by_user_id_users_id_fk" FOREIGN KEY ("proposed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_proposals" ADD CONSTRAINT "match_proposals_person_answered_by_user_id_users_id_fk" FOREIGN KEY ("person_answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_proposals" ADD CONSTRAINT "match_proposals_carer_answered_by_user_id_users_id_fk" FOREIGN KEY ("carer_answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_proposals" ADD CONSTRAINT "match_proposals_stopped_by_user_id_users_id_fk" FOREIGN KEY ("stopped_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_proposals" ADD CONSTRAINT "match_proposals_agreed_by_user_id_users_id_fk" FOREIGN KEY ("agreed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_settings" ADD CONSTRAINT "matching_settings_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_settings" ADD CONSTRAINT "matching_settings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "introduction_steps_position" ON "introduction_steps" USING btree ("proposal_id","position");--> statement-breakpoint
CREATE INDEX "match_proposals_person" ON "match_proposals" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "match_proposals_carer" ON "match_proposals" USING btree ("carer_id");--> statement-breakpoint
CREATE INDEX "match_proposals_scheme_open" ON "match_proposals" USING btree ("scheme_id","updated_at") WHERE "match_proposals"."stopped_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "match_proposals_one_open" ON "match_proposals" USING btree ("person_id","carer_id") WHERE "match_proposals"."stopped_at" is null;--> statement-breakpoint
ALTER TABLE "matching_preferences" ADD CONSTRAINT "matching_preferences_arrangement" CHECK ("matching_preferences"."arrangement" is null or "matching_preferences"."arrangement" = any(array['live_in', 'short_breaks', 'day_support']::text[]));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "introduction_steps" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "party_visible" ON "introduction_steps" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or exists (select 1 from match_proposals m where m.id = proposal_id and ((nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)) or (nullif(current_setting('app.role', true), '') in ('person', 'circle_member') and hearth_may_see_person(person_id, 'matching')))));--> statement-breakpoint
CREATE POLICY "party_answers" ON "introduction_steps" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or exists (select 1 from match_proposals m where m.id = proposal_id and ((nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)) or (nullif(current_setting('app.role', true), '') = 'person' and hearth_may_see_person(person_id, 'own')))));--> statement-breakpoint
CREATE POLICY "staff_inserts" ON "introduction_steps" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "no_deletes" ON "introduction_steps" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "match_proposals" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "party_visible" ON "match_proposals" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or ((nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)) or (nullif(current_setting('app.role', true), '') in ('person', 'circle_member') and hearth_may_see_person(person_id, 'matching'))));--> statement-breakpoint
CREATE POLICY "party_answers" ON "match_proposals" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or ((nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)) or (nullif(current_setting('app.role', true), '') = 'person' and hearth_may_see_person(person_id, 'own'))));--> statement-breakpoint
CREATE POLICY "staff_inserts" ON "match_proposals" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "no_deletes" ON "match_proposals" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "matching_settings" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "manager_writes" ON "matching_settings" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (true) WITH CHECK (nullif(current_setting('app.role', true), '') = 'scheme_manager');