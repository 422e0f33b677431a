CREATE TYPE "public"."circle_relationship" AS ENUM('family', 'friend', 'advocate', 'social_worker', 'other');--> statement-breakpoint
CREATE TYPE "public"."communication_need" AS ENUM('easy_read', 'large_print', 'bsl', 'symbols', 'reader', 'plain_english', 'audio', 'braille', 'other');--> statement-breakpoint
CREATE TYPE "public"."consent_area" AS ENUM('profile', 'support_plan', 'daily_notes', 'matching');--> statement-breakpoint
CREATE TYPE "public"."contact_method" AS ENUM('letter', 'email', 'phone_call', 'text_message', 'video_call', 'in_person', 'through_someone');--> statement-breakpoint
CREATE TYPE "public"."household_answer" AS ENUM('would_like', 'fine', 'not_wanted');--> statement-breakpoint
CREATE TYPE "public"."person_status" AS ENUM('referred', 'assessing', 'waiting', 'introductions', 'supported', 'moved_on', 'declined');--> statement-breakpoint
CREATE TYPE "public"."referral_decision" AS ENUM('accepted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."referral_source" AS ENUM('social_worker', 'health', 'family', 'self', 'other');--> statement-breakpoint
CREATE TYPE "public"."referral_urgency" AS ENUM('urgent', 'soon', 'routine');--> statement-breakpoint
CREATE TABLE "circle_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"circle_member_id" uuid NOT NULL,
	"area" "consent_area" NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by_user_id" uuid,
	CONSTRAINT "circle_consents_withdrawn_by" CHECK (("circle_consents"."withdrawn_at" is null) = ("circle_consents"."withdrawn_by_user_id" is null))
);
--> statement-breakpoint
ALTER TABLE "circle_consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "circle_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relationship" "circle_relationship" NOT NULL,
	"relationship_detail" text,
	"phone" text,
	"email" text,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "circle_members_of_person" UNIQUE("id","person_id")
);
--> statement-breakpoint
ALTER TABLE "circle_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "communication_needs" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"scheme_id" uuid NOT NULL,
	"needs" "communication_need"[] DEFAULT '{}' NOT NULL,
	"other_needs" text,
	"preferred_contact" "contact_method",
	"notes" text,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "communication_needs_other_described" CHECK (not ('other' = any("communication_needs"."needs")) or "communication_needs"."other_needs" is not null)
);
--> statement-breakpoint
ALTER TABLE "communication_needs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "matching_preferences" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"scheme_id" uuid NOT NULL,
	"areas" text,
	"max_distance_miles" integer,
	"household" text,
	"children" "household_answer",
	"pets" "household_answer",
	"smoking" "household_answer",
	"faith" text,
	"culture" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"routines" text,
	"live_with_or_near" text,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_preferences_distance" CHECK ("matching_preferences"."max_distance_miles" is null or "matching_preferences"."max_distance_miles" between 1 and 500)
);
--> statement-breakpoint
ALTER TABLE "matching_preferences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "needs_summaries" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"scheme_id" uuid NOT NULL,
	"support_needs" text,
	"health" text,
	"medication" text,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "needs_summaries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "one_page_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"like_and_admire" text NOT NULL,
	"important_to_me" text NOT NULL,
	"how_to_support_me" text NOT NULL,
	"written_with" text NOT NULL,
	"in_own_words" boolean NOT NULL,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "one_page_profiles_version_positive" CHECK ("one_page_profiles"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "one_page_profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"preferred_name" text,
	"date_of_birth" date,
	"pronouns" text,
	"email" text,
	"phone" text,
	"address" text,
	"postcode" text,
	"area" text,
	"latitude" numeric(8, 5),
	"longitude" numeric(8, 5),
	"user_id" uuid,
	"worker_user_id" uuid,
	"status" "person_status" DEFAULT 'referred' NOT NULL,
	"status_since" date NOT NULL,
	"arrangement_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_name_given" CHECK (length(trim("people"."name")) > 0),
	CONSTRAINT "people_location_whole" CHECK (("people"."latitude" is null) = ("people"."longitude" is null)),
	CONSTRAINT "people_location_uk" CHECK ("people"."latitude" is null or ("people"."latitude" between 49 and 61 and "people"."longitude" between -9 and 2)),
	CONSTRAINT "people_arrangements_known" CHECK ("people"."arrangement_types" <@ array['live_in', 'short_breaks', 'day_support']::text[]),
	CONSTRAINT "people_supported_has_arrangements" CHECK (("people"."status" = 'supported') = (cardinality("people"."arrangement_types") > 0))
);
--> statement-breakpoint
ALTER TABLE "people" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "person_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"from_status" "person_status",
	"to_status" "person_status" NOT NULL,
	"on" date NOT NULL,
	"arrangement_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"reason" text,
	"recorded_by_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_status_changes_moved" CHECK ("person_status_changes"."from_status" is distinct from "person_status_changes"."to_status" or "person_status_changes"."to_status" = 'supported')
);
--> statement-breakpoint
ALTER TABLE "person_status_changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "person_support_needs" (
	"scheme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	CONSTRAINT "person_support_needs_person_id_category_id_pk" PRIMARY KEY("person_id","category_id")
);
--> statement-breakpoint
ALTER TABLE "person_support_needs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"source" "referral_source" NOT NULL,
	"referrer_name" text,
	"referrer_organisation" text,
	"referrer_contact" text,
	"received_on" date NOT NULL,
	"reason" text NOT NULL,
	"urgency" "referral_urgency" NOT NULL,
	"what_they_want" text NOT NULL,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision" "referral_decision",
	"decision_reason" text,
	"decided_on" date,
	"decided_by_user_id" uuid,
	CONSTRAINT "referrals_referrer_named" CHECK ("referrals"."source" = 'self' or "referrals"."referrer_name" is not null),
	CONSTRAINT "referrals_decision_dated" CHECK (("referrals"."decision" is null) = ("referrals"."decided_on" is null)),
	CONSTRAINT "referrals_decline_has_reason" CHECK ("referrals"."decision" is distinct from 'declined' or "referrals"."decision_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "referrals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"risk" text NOT NULL,
	"positive_steps" text NOT NULL,
	"agreed_with" text,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "risks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_need_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_need_categories_in_scheme" UNIQUE("id","scheme_id"),
	CONSTRAINT "support_need_categories_named" CHECK (length(trim("support_need_categories"."name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "support_need_categories" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "circle_consents" ADD CONSTRAINT "circle_consents_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circle_consents" ADD CONSTRAINT "circle_consents_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circle_consents" ADD CONSTRAINT "circle_consents_withdrawn_by_user_id_users_id_fk" FOREIGN KEY ("withdrawn_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circle_consents" ADD CONSTRAINT "circle_consents_circle_member_id_person_id_circle_members_id_person_id_fk" FOREIGN KEY ("circle_member_id","person_id") REFERENCES "public"."circle_members"("id","person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circle_members" ADD CONSTRAINT "circle_members_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circle_members" ADD CONSTRAINT "circle_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circle_members" ADD CONSTRAINT "circle_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_needs" ADD CONSTRAINT "communication_needs_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_needs" ADD CONSTRAINT "communication_needs_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_needs" ADD CONSTRAINT "communication_needs_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_preferences" ADD CONSTRAINT "matching_preferences_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_preferences" ADD CONSTRAINT "matching_preferences_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_preferences" ADD CONSTRAINT "matching_preferences_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_summaries" ADD CONSTRAINT "needs_summaries_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_summaries" ADD CONSTRAINT "needs_summaries_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_summaries" ADD CONSTRAINT "needs_summaries_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_page_profiles" ADD CONSTRAINT "one_page_profiles_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_page_profiles" ADD CONSTRAINT "one_page_profiles_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_page_profiles" ADD CONSTRAINT "one_page_profiles_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_worker_user_id_users_id_fk" FOREIGN KEY ("worker_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_status_changes" ADD CONSTRAINT "person_status_changes_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_status_changes" ADD CONSTRAINT "person_status_changes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_status_changes" ADD CONSTRAINT "person_status_changes_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_support_needs" ADD CONSTRAINT "person_support_needs_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_support_needs" ADD CONSTRAINT "person_support_needs_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_support_needs" ADD CONSTRAINT "person_support_needs_category_id_scheme_id_support_need_categories_id_scheme_id_fk" FOREIGN KEY ("category_id","scheme_id") REFERENCES "public"."support_need_categories"("id","scheme_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_need_categories" ADD CONSTRAINT "support_need_categories_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "circle_consents_current" ON "circle_consents" USING btree ("circle_member_id","area") WHERE "circle_consents"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "circle_consents_person" ON "circle_consents" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "circle_members_person" ON "circle_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "circle_members_user" ON "circle_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "circle_members_one_link" ON "circle_members" USING btree ("person_id","user_id") WHERE "circle_members"."user_id" is not null and "circle_members"."ended_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "one_page_profiles_version" ON "one_page_profiles" USING btree ("person_id","version");--> statement-breakpoint
CREATE INDEX "people_scheme_status" ON "people" USING btree ("scheme_id","status","status_since");--> statement-breakpoint
CREATE INDEX "people_scheme_name" ON "people" USING btree ("scheme_id","name");--> statement-breakpoint
CREATE INDEX "people_scheme_worker" ON "people" USING btree ("scheme_id","worker_user_id");--> statement-breakpoint
CREATE INDEX "people_scheme_area" ON "people" USING btree ("scheme_id","area");--> statement-breakpoint
CREATE UNIQUE INDEX "people_scheme_user" ON "people" USING btree ("scheme_id","user_id") WHERE "people"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "person_status_changes_person" ON "person_status_changes" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_person" ON "referrals" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "referrals_scheme_urgency" ON "referrals" USING btree ("scheme_id","urgency");--> statement-breakpoint
CREATE INDEX "risks_person" ON "risks" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_need_categories_name" ON "support_need_categories" USING btree ("scheme_id",lower("name"));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "circle_consents" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "circle_consents" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "circle_consents" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "circle_consents" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "circle_members" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "circle_members" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "circle_members" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "circle_members" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "communication_needs" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "communication_needs" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "communication_needs" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "communication_needs" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "matching_preferences" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "matching_preferences" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "matching_preferences" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "matching_preferences" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "needs_summaries" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "needs_summaries" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "needs_summaries" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "needs_summaries" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "one_page_profiles" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "one_page_profiles" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "one_page_profiles" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "one_page_profiles" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "people" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "people" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "people" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "people" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "person_status_changes" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "person_status_changes" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "person_status_changes" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "person_status_changes" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "person_support_needs" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "person_support_needs" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "person_support_needs" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "person_support_needs" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "referrals" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "referrals" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "referrals" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "referrals" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "risks" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "risks" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "risks" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "risks" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "support_need_categories" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "support_need_categories" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "support_need_categories" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "support_need_categories" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "settings_by_manager" ON "support_need_categories" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') = 'scheme_manager');