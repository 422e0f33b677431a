CREATE TYPE "public"."review_answered_by" AS ENUM('themselves', 'with_support');--> statement-breakpoint
CREATE TYPE "public"."arrangement_review_kind" AS ENUM('visit', 'review');--> statement-breakpoint
CREATE TYPE "public"."wellbeing_area" AS ENUM('dignity', 'health', 'protection', 'control', 'participation', 'social_economic', 'relationships', 'accommodation', 'contribution');--> statement-breakpoint
CREATE TABLE "arrangement_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"arrangement_id" uuid NOT NULL,
	"kind" "arrangement_review_kind" NOT NULL,
	"held_on" date NOT NULL,
	"note" text,
	"summary" text,
	"completed_at" timestamp with time zone,
	"completed_by_name" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "arrangement_reviews_visit_whole" CHECK ("arrangement_reviews"."kind" <> 'visit' or ("arrangement_reviews"."note" is not null and "arrangement_reviews"."completed_at" is not null)),
	CONSTRAINT "arrangement_reviews_completed_whole" CHECK ("arrangement_reviews"."kind" <> 'review' or (("arrangement_reviews"."completed_at" is null) = ("arrangement_reviews"."summary" is null)))
);
--> statement-breakpoint
ALTER TABLE "arrangement_reviews" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "review_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"scheme_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"action" text NOT NULL,
	"who" text NOT NULL,
	"by_when" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_actions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "review_carer_views" (
	"review_id" uuid PRIMARY KEY NOT NULL,
	"scheme_id" uuid NOT NULL,
	"going_well" text NOT NULL,
	"not_going_well" text,
	"support_needed" text,
	"recorded_by_user_id" uuid,
	"recorded_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_carer_views" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "review_person_views" (
	"review_id" uuid PRIMARY KEY NOT NULL,
	"scheme_id" uuid NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"anything_else" text,
	"answered_by" "review_answered_by" DEFAULT 'themselves' NOT NULL,
	"support_from" text,
	"finished_at" timestamp with time zone,
	"recorded_by_user_id" uuid,
	"recorded_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_person_views_support" CHECK (("review_person_views"."answered_by" = 'with_support') = ("review_person_views"."support_from" is not null))
);
--> statement-breakpoint
ALTER TABLE "review_person_views" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "review_private_notes" (
	"review_id" uuid PRIMARY KEY NOT NULL,
	"scheme_id" uuid NOT NULL,
	"note" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_private_notes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "review_ratings" (
	"review_id" uuid NOT NULL,
	"scheme_id" uuid NOT NULL,
	"area" "wellbeing_area" NOT NULL,
	"rating" smallint NOT NULL,
	CONSTRAINT "review_ratings_review_id_area_pk" PRIMARY KEY("review_id","area"),
	CONSTRAINT "review_ratings_range" CHECK ("review_ratings"."rating" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "review_ratings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "review_settings" (
	"scheme_id" uuid PRIMARY KEY NOT NULL,
	"visit_months" integer DEFAULT 6 NOT NULL,
	"first_review_weeks" integer DEFAULT 6 NOT NULL,
	"review_every_months" integer DEFAULT 12 NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_settings_ranges" CHECK ("review_settings"."visit_months" between 0 and 24 and "review_settings"."first_review_weeks" between 1 and 52 and "review_settings"."review_every_months" between 1 and 36)
);
--> statement-breakpoint
ALTER TABLE "review_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "arrangement_reviews" ADD CONSTRAINT "arrangement_reviews_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrangement_reviews" ADD CONSTRAINT "arrangement_reviews_arrangement_id_arrangements_id_fk" FOREIGN KEY ("arrangement_id") REFERENCES "public"."arrangements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_review_id_arrangement_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."arrangement_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_carer_views" ADD CONSTRAINT "review_carer_views_review_id_arrangement_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."arrangement_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_carer_views" ADD CONSTRAINT "review_carer_views_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_person_views" ADD CONSTRAINT "review_person_views_review_id_arrangement_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."arrangement_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_person_views" ADD CONSTRAINT "review_person_views_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_private_notes" ADD CONSTRAINT "review_private_notes_review_id_arrangement_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."arrangement_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_private_notes" ADD CONSTRAINT "review_private_notes_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_ratings" ADD CONSTRAINT "review_ratings_review_id_arrangement_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."arrangement_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_ratings" ADD CONSTRAINT "review_ratings_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_settings" ADD CONSTRAINT "review_settings_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_settings" ADD CONSTRAINT "review_settings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arrangement_reviews_arrangement" ON "arrangement_reviews" USING btree ("arrangement_id","held_on");--> statement-breakpoint
CREATE INDEX "review_actions_review" ON "review_actions" USING btree ("review_id","position");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "arrangement_reviews" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "review_visible" ON "arrangement_reviews" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (exists (select 1 from arrangements a where a.id = arrangement_reviews.arrangement_id
    and (nullif(current_setting('app.role', true), '') <> 'circle_member' or hearth_may_see_person(a.person_id, 'support_plan'))));--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "arrangement_reviews" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "arrangement_reviews" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "arrangement_reviews" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "review_actions" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "review_visible" ON "review_actions" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (exists (select 1 from arrangements a where a.id = (select r.arrangement_id from arrangement_reviews r where r.id = review_actions.review_id)
    and (nullif(current_setting('app.role', true), '') <> 'circle_member' or hearth_may_see_person(a.person_id, 'support_plan'))));--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "review_actions" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') and exists (select 1 from arrangement_reviews r where r.id = review_actions.review_id and r.completed_at is null));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "review_actions" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') and exists (select 1 from arrangement_reviews r where r.id = review_actions.review_id and r.completed_at is null));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "review_actions" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') and exists (select 1 from arrangement_reviews r where r.id = review_actions.review_id and r.completed_at is null));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "review_carer_views" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "review_visible" ON "review_carer_views" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (exists (select 1 from arrangements a where a.id = (select r.arrangement_id from arrangement_reviews r where r.id = review_carer_views.review_id)
    and (nullif(current_setting('app.role', true), '') <> 'circle_member' or hearth_may_see_person(a.person_id, 'support_plan'))));--> statement-breakpoint
CREATE POLICY "party_writes_insert" ON "review_carer_views" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (exists (select 1 from arrangement_reviews r join arrangements a on a.id = r.arrangement_id
  where r.id = review_carer_views.review_id and r.completed_at is null and (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = a.carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))));--> statement-breakpoint
CREATE POLICY "party_writes_update" ON "review_carer_views" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (exists (select 1 from arrangement_reviews r join arrangements a on a.id = r.arrangement_id
  where r.id = review_carer_views.review_id and r.completed_at is null and (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = a.carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)))) WITH CHECK (exists (select 1 from arrangement_reviews r join arrangements a on a.id = r.arrangement_id
  where r.id = review_carer_views.review_id and r.completed_at is null and (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = a.carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))));--> statement-breakpoint
CREATE POLICY "never_deleted" ON "review_carer_views" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "review_person_views" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "review_visible" ON "review_person_views" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (exists (select 1 from arrangements a where a.id = (select r.arrangement_id from arrangement_reviews r where r.id = review_person_views.review_id)
    and (nullif(current_setting('app.role', true), '') <> 'circle_member' or hearth_may_see_person(a.person_id, 'support_plan'))));--> statement-breakpoint
CREATE POLICY "party_writes_insert" ON "review_person_views" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (exists (select 1 from arrangement_reviews r join arrangements a on a.id = r.arrangement_id
  where r.id = review_person_views.review_id and r.completed_at is null and (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or nullif(current_setting('app.role', true), '') = 'person' and exists (select 1 from people p where p.id = a.person_id and p.user_id = nullif(current_setting('app.user_id', true), '')::uuid))));--> statement-breakpoint
CREATE POLICY "party_writes_update" ON "review_person_views" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (exists (select 1 from arrangement_reviews r join arrangements a on a.id = r.arrangement_id
  where r.id = review_person_views.review_id and r.completed_at is null and (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or nullif(current_setting('app.role', true), '') = 'person' and exists (select 1 from people p where p.id = a.person_id and p.user_id = nullif(current_setting('app.user_id', true), '')::uuid)))) WITH CHECK (exists (select 1 from arrangement_reviews r join arrangements a on a.id = r.arrangement_id
  where r.id = review_person_views.review_id and r.completed_at is null and (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or nullif(current_setting('app.role', true), '') = 'person' and exists (select 1 from people p where p.id = a.person_id and p.user_id = nullif(current_setting('app.user_id', true), '')::uuid))));--> statement-breakpoint
CREATE POLICY "never_deleted" ON "review_person_views" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "review_private_notes" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_only" ON "review_private_notes" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker')) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "review_ratings" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "review_visible" ON "review_ratings" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (exists (select 1 from arrangements a where a.id = (select r.arrangement_id from arrangement_reviews r where r.id = review_ratings.review_id)
    and (nullif(current_setting('app.role', true), '') <> 'circle_member' or hearth_may_see_person(a.person_id, 'support_plan'))));--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "review_ratings" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') and exists (select 1 from arrangement_reviews r where r.id = review_ratings.review_id and r.completed_at is null));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "review_ratings" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') and exists (select 1 from arrangement_reviews r where r.id = review_ratings.review_id and r.completed_at is null));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "review_ratings" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') and exists (select 1 from arrangement_reviews r where r.id = review_ratings.review_id and r.completed_at is null));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "review_settings" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "manager_writes_insert" ON "review_settings" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') = 'scheme_manager');--> statement-breakpoint
CREATE POLICY "manager_writes_update" ON "review_settings" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') = 'scheme_manager');--> statement-breakpoint
CREATE POLICY "manager_writes_delete" ON "review_settings" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') = 'scheme_manager');