CREATE TYPE "public"."approval_basis" AS ENUM('panel', 'earlier_record');--> statement-breakpoint
CREATE TYPE "public"."approval_decision" AS ENUM('approved', 'declined');--> statement-breakpoint
CREATE TYPE "public"."arrangement_type" AS ENUM('live_in', 'short_breaks', 'day_support');--> statement-breakpoint
CREATE TYPE "public"."carer_stage" AS ENUM('enquiry', 'initial_visit', 'assessment', 'checks', 'panel', 'decision', 'approved', 'paused', 'withdrawn', 'declined', 'left');--> statement-breakpoint
CREATE TYPE "public"."need" AS ENUM('learning_disability', 'autism', 'mental_health', 'dementia', 'physical_disability', 'sensory_impairment', 'older_people', 'leaving_hospital', 'leaving_prison', 'young_adults');--> statement-breakpoint
CREATE TYPE "public"."review_outcome" AS ENUM('continue', 'continue_with_changes', 'refer_to_panel');--> statement-breakpoint
CREATE TYPE "public"."smoking" AS ENUM('no', 'outside', 'inside');--> statement-breakpoint
CREATE TYPE "public"."check_applies_to" AS ENUM('carer', 'every_adult');--> statement-breakpoint
CREATE TYPE "public"."check_kind" AS ENUM('check', 'training');--> statement-breakpoint
CREATE TYPE "public"."check_outcome" AS ENUM('satisfactory', 'follow_up', 'unsatisfactory');--> statement-breakpoint
CREATE TYPE "public"."panel_role" AS ENUM('chair', 'member');--> statement-breakpoint
CREATE TYPE "public"."panel_view" AS ENUM('approve', 'decline', 'defer');--> statement-breakpoint
CREATE TABLE "carer_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"carer_id" uuid NOT NULL,
	"decision" "approval_decision" NOT NULL,
	"decided_on" date NOT NULL,
	"basis" "approval_basis" DEFAULT 'panel' NOT NULL,
	"panel_case_id" uuid,
	"panel_recommended" boolean DEFAULT true NOT NULL,
	"max_people" integer,
	"arrangement_types" "arrangement_type"[],
	"needs" "need"[],
	"reason" text,
	"by_user_id" uuid,
	"by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carer_approvals_panel_basis" CHECK (("carer_approvals"."basis" = 'panel') = ("carer_approvals"."panel_case_id" is not null)),
	CONSTRAINT "carer_approvals_recommended" CHECK ("carer_approvals"."panel_recommended"),
	CONSTRAINT "carer_approvals_terms" CHECK ("carer_approvals"."decision" <> 'approved' or ("carer_approvals"."max_people" between 1 and 10 and cardinality("carer_approvals"."arrangement_types") > 0 and "carer_approvals"."needs" is not null)),
	CONSTRAINT "carer_approvals_decline_reason" CHECK ("carer_approvals"."decision" <> 'declined' or "carer_approvals"."reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "carer_approvals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "carer_homes" (
	"carer_id" uuid PRIMARY KEY NOT NULL,
	"scheme_id" uuid NOT NULL,
	"bedrooms" integer,
	"spare_bedrooms" integer,
	"step_free" boolean,
	"own_bathroom" boolean,
	"smoking" "smoking",
	"pets" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"faith" text,
	"culture" text,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"routines" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carer_homes_bedrooms" CHECK ("carer_homes"."bedrooms" between 0 and 30 and "carer_homes"."spare_bedrooms" between 0 and "carer_homes"."bedrooms")
);
--> statement-breakpoint
ALTER TABLE "carer_homes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "carer_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"carer_id" uuid NOT NULL,
	"reviewed_on" date NOT NULL,
	"outcome" "review_outcome" NOT NULL,
	"carer_view" text,
	"summary" text NOT NULL,
	"next_due_on" date NOT NULL,
	"by_user_id" uuid,
	"by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carer_reviews_next_after" CHECK ("carer_reviews"."next_due_on" > "carer_reviews"."reviewed_on")
);
--> statement-breakpoint
ALTER TABLE "carer_reviews" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "carer_stage_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"carer_id" uuid NOT NULL,
	"from_stage" "carer_stage",
	"to_stage" "carer_stage" NOT NULL,
	"reason" text,
	"effective_on" date NOT NULL,
	"by_user_id" uuid,
	"by_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carer_stage_changes_reason" CHECK ("carer_stage_changes"."to_stage" not in ('withdrawn', 'declined', 'paused', 'left') or "carer_stage_changes"."reason" is not null),
	CONSTRAINT "carer_stage_changes_moves" CHECK ("carer_stage_changes"."from_stage" is distinct from "carer_stage_changes"."to_stage")
);
--> statement-breakpoint
ALTER TABLE "carer_stage_changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "carers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"address" text,
	"postcode" text,
	"area" text,
	"latitude" numeric(8, 5),
	"longitude" numeric(8, 5),
	"worker_user_id" uuid,
	"stage" "carer_stage" DEFAULT 'enquiry' NOT NULL,
	"stage_since" date DEFAULT current_date NOT NULL,
	"stage_reason" text,
	"enquired_on" date DEFAULT current_date NOT NULL,
	"approved_on" date,
	"review_due_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carers_reason_when_needed" CHECK ("carers"."stage" not in ('withdrawn', 'declined', 'paused', 'left') or "carers"."stage_reason" is not null),
	CONSTRAINT "carers_approved_has_date" CHECK ("carers"."stage" not in ('approved', 'paused') or "carers"."approved_on" is not null),
	CONSTRAINT "carers_latitude" CHECK ("carers"."latitude" between -90 and 90),
	CONSTRAINT "carers_longitude" CHECK ("carers"."longitude" between -180 and 180),
	CONSTRAINT "carers_email_lower" CHECK ("carers"."email" = lower("carers"."email"))
);
--> statement-breakpoint
ALTER TABLE "carers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "household_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"carer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relationship" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"moved_out_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_members_moved_after_birth" CHECK ("household_members"."moved_out_on" is null or "household_members"."moved_out_on" >= "household_members"."date_of_birth")
);
--> statement-breakpoint
ALTER TABLE "household_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "check_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"carer_id" uuid NOT NULL,
	"check_type_id" uuid NOT NULL,
	"household_member_id" uuid,
	"completed_on" date NOT NULL,
	"expires_on" date,
	"outcome" "check_outcome" NOT NULL,
	"reference" text,
	"notes" text,
	"by_user_id" uuid,
	"by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_records_expiry_after" CHECK ("check_records"."expires_on" is null or "check_records"."expires_on" >= "check_records"."completed_on")
);
--> statement-breakpoint
ALTER TABLE "check_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "check_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "check_kind" NOT NULL,
	"applies_to" "check_applies_to" DEFAULT 'carer' NOT NULL,
	"valid_months" integer,
	"how_many" integer DEFAULT 1 NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_types_valid_months" CHECK ("check_types"."valid_months" between 1 and 120),
	CONSTRAINT "check_types_how_many" CHECK ("check_types"."how_many" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "check_types" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "approval_panels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"meets_on" date NOT NULL,
	"place" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "approval_panels" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "panel_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"panel_id" uuid NOT NULL,
	"carer_id" uuid NOT NULL,
	"papers" jsonb NOT NULL,
	"recommendation" "panel_view",
	"recommended_terms" jsonb,
	"recommendation_reason" text,
	"recommended_on" date,
	"recommended" boolean GENERATED ALWAYS AS (coalesce(recommendation in ('approve', 'decline'), false)) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "panel_cases_once" UNIQUE("panel_id","carer_id"),
	CONSTRAINT "panel_cases_recommended" UNIQUE("id","carer_id","recommended")
);
--> statement-breakpoint
ALTER TABLE "panel_cases" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "panel_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"panel_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "panel_role" DEFAULT 'member' NOT NULL,
	CONSTRAINT "panel_members_once" UNIQUE("panel_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "panel_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "panel_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"view" "panel_view" NOT NULL,
	"comments" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "panel_views_once" UNIQUE("case_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "panel_views" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "carer_approvals" ADD CONSTRAINT "carer_approvals_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_approvals" ADD CONSTRAINT "carer_approvals_carer_id_carers_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_approvals" ADD CONSTRAINT "carer_approvals_recommended_case" FOREIGN KEY ("panel_case_id","carer_id","panel_recommended") REFERENCES "public"."panel_cases"("id","carer_id","recommended") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_homes" ADD CONSTRAINT "carer_homes_carer_id_carers_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_homes" ADD CONSTRAINT "carer_homes_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_reviews" ADD CONSTRAINT "carer_reviews_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_reviews" ADD CONSTRAINT "carer_reviews_carer_id_carers_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_stage_changes" ADD CONSTRAINT "carer_stage_changes_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_stage_changes" ADD CONSTRAINT "carer_stage_changes_carer_id_carers_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carers" ADD CONSTRAINT "carers_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carers" ADD CONSTRAINT "carers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carers" ADD CONSTRAINT "carers_worker_user_id_users_id_fk" FOREIGN KEY ("worker_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_carer_id_carers_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_records" ADD CONSTRAINT "check_records_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_records" ADD CONSTRAINT "check_records_carer_id_carers_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_records" ADD CONSTRAINT "check_records_check_type_id_check_types_id_fk" FOREIGN KEY ("check_type_id") REFERENCES "public"."check_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_records" ADD CONSTRAINT "check_records_household_member_id_household_members_id_fk" FOREIGN KEY ("household_member_id") REFERENCES "public"."household_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_types" ADD CONSTRAINT "check_types_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_panels" ADD CONSTRAINT "approval_panels_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_cases" ADD CONSTRAINT "panel_cases_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_cases" ADD CONSTRAINT "panel_cases_panel_id_approval_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."approval_panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_cases" ADD CONSTRAINT "panel_cases_carer_id_carers_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_panel_id_approval_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."approval_panels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_views" ADD CONSTRAINT "panel_views_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_views" ADD CONSTRAINT "panel_views_case_id_panel_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."panel_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_views" ADD CONSTRAINT "panel_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "carer_approvals_carer" ON "carer_approvals" USING btree ("carer_id","decided_on");--> statement-breakpoint
CREATE INDEX "carer_reviews_carer" ON "carer_reviews" USING btree ("carer_id","reviewed_on");--> statement-breakpoint
CREATE INDEX "carer_stage_changes_carer" ON "carer_stage_changes" USING btree ("carer_id","at");--> statement-breakpoint
CREATE INDEX "carers_scheme_stage" ON "carers" USING btree ("scheme_id","stage","stage_since");--> statement-breakpoint
CREATE INDEX "carers_scheme_name" ON "carers" USING btree ("scheme_id","name");--> statement-breakpoint
CREATE INDEX "carers_scheme_worker" ON "carers" USING btree ("scheme_id","worker_user_id");--> statement-breakpoint
CREATE INDEX "carers_scheme_area" ON "carers" USING btree ("scheme_id","area");--> statement-breakpoint
CREATE INDEX "carers_scheme_review" ON "carers" USING btree ("scheme_id","review_due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "carers_user" ON "carers" USING btree ("scheme_id","user_id");--> statement-breakpoint
CREATE INDEX "household_members_carer" ON "household_members" USING btree ("carer_id");--> statement-breakpoint
CREATE INDEX "check_records_carer" ON "check_records" USING btree ("carer_id","check_type_id");--> statement-breakpoint
CREATE INDEX "check_records_scheme_expiry" ON "check_records" USING btree ("scheme_id","expires_on");--> statement-breakpoint
CREATE UNIQUE INDEX "check_types_scheme_name" ON "check_types" USING btree ("scheme_id",lower("name"));--> statement-breakpoint
CREATE INDEX "approval_panels_scheme" ON "approval_panels" USING btree ("scheme_id","meets_on");--> statement-breakpoint
CREATE INDEX "panel_cases_carer" ON "panel_cases" USING btree ("carer_id");--> statement-breakpoint
CREATE INDEX "panel_members_user" ON "panel_members" USING btree ("user_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "carer_approvals" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_own_carer" ON "carer_approvals" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "carer_approvals".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "carer_approvals".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "carer_homes" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_own_carer" ON "carer_homes" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "carer_homes".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "carer_homes".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "carer_reviews" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_own_carer" ON "carer_reviews" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "carer_reviews".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "carer_reviews".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "carer_stage_changes" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_own_carer" ON "carer_stage_changes" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "carer_stage_changes".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "carer_stage_changes".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "carers" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_own_carer" ON "carers" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and user_id = nullif(current_setting('app.user_id', true), '')::uuid)) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and user_id = nullif(current_setting('app.user_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "household_members" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_own_carer" ON "household_members" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "household_members".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "household_members".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "check_records" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_own_carer" ON "check_records" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "check_records".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "check_records".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "check_types" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "approval_panels" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_sitting" ON "approval_panels" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'panel_member' and exists (select 1 from panel_members pm where pm.panel_id = approval_panels.id and pm.user_id = nullif(current_setting('app.user_id', true), '')::uuid))) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "panel_cases" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_sitting" ON "panel_cases" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'panel_member' and exists (select 1 from panel_members pm where pm.panel_id = panel_cases.panel_id and pm.user_id = nullif(current_setting('app.user_id', true), '')::uuid))) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "panel_members" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_own_seat" ON "panel_members" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'panel_member' and user_id = nullif(current_setting('app.user_id', true), '')::uuid)) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "panel_views" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_sitting" ON "panel_views" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'panel_member' and exists (select 1 from panel_cases pc where pc.id = panel_views.case_id))) WITH CHECK (nullif(current_setting('app.role', true), '') = 'panel_member' and user_id = nullif(current_setting('app.user_id', true), '')::uuid and exists (select 1 from panel_cases pc where pc.id = panel_views.case_id));