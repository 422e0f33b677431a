CREATE TYPE "public"."agreement_kind" AS ENUM('arrangement', 'household');--> statement-breakpoint
CREATE TYPE "public"."agreement_party" AS ENUM('person', 'carer', 'scheme');--> statement-breakpoint
CREATE TYPE "public"."arrangement_status" AS ENUM('starting', 'active', 'paused', 'ended');--> statement-breakpoint
CREATE TYPE "public"."end_kind" AS ENUM('planned', 'unplanned');--> statement-breakpoint
CREATE TYPE "public"."funder" AS ENUM('council', 'nhs', 'personal_budget', 'direct_payment', 'self_funded');--> statement-breakpoint
CREATE TABLE "agreement_acknowledgements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"party" "agreement_party" NOT NULL,
	"name" text NOT NULL,
	"as_whom" text NOT NULL,
	"recorded_by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_acknowledgements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "agreement_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"kind" "agreement_kind" NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"easy_read" text NOT NULL,
	"by_user_id" uuid,
	"by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_templates_version_positive" CHECK ("agreement_templates"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "agreement_templates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"arrangement_id" uuid NOT NULL,
	"kind" "agreement_kind" NOT NULL,
	"version" integer NOT NULL,
	"template_id" uuid NOT NULL,
	"template_version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"easy_read" text NOT NULL,
	"issued_by_user_id" uuid,
	"issued_by_name" text,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_version_positive" CHECK ("agreements"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "agreements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "arrangement_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"arrangement_id" uuid NOT NULL,
	"from_status" "arrangement_status",
	"to_status" "arrangement_status" NOT NULL,
	"on" date NOT NULL,
	"reason" text,
	"by_user_id" uuid,
	"by_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "arrangement_status_changes_moved" CHECK ("arrangement_status_changes"."from_status" is distinct from "arrangement_status_changes"."to_status")
);
--> statement-breakpoint
ALTER TABLE "arrangement_status_changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "arrangements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"carer_id" uuid NOT NULL,
	"type" "arrangement_type" NOT NULL,
	"status" "arrangement_status" DEFAULT 'starting' NOT NULL,
	"status_since" date NOT NULL,
	"starts_on" date NOT NULL,
	"planned_end_on" date,
	"worker_user_id" uuid,
	"funder" "funder" NOT NULL,
	"funder_detail" text,
	"match_id" uuid,
	"ended_on" date,
	"end_kind" "end_kind",
	"end_reason" text,
	"whats_next" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "arrangements_planned_end_after_start" CHECK ("arrangements"."planned_end_on" is null or "arrangements"."planned_end_on" > "arrangements"."starts_on"),
	CONSTRAINT "arrangements_ended_whole" CHECK (("arrangements"."status" = 'ended') = ("arrangements"."ended_on" is not null and "arrangements"."end_kind" is not null and "arrangements"."end_reason" is not null)),
	CONSTRAINT "arrangements_ended_after_start" CHECK ("arrangements"."ended_on" is null or "arrangements"."ended_on" >= "arrangements"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "arrangements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agreement_acknowledgements" ADD CONSTRAINT "agreement_acknowledgements_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_acknowledgements" ADD CONSTRAINT "agreement_acknowledgements_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_templates" ADD CONSTRAINT "agreement_templates_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_arrangement_id_arrangements_id_fk" FOREIGN KEY ("arrangement_id") REFERENCES "public"."arrangements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_template_id_agreement_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."agreement_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrangement_status_changes" ADD CONSTRAINT "arrangement_status_changes_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrangement_status_changes" ADD CONSTRAINT "arrangement_status_changes_arrangement_id_arrangements_id_fk" FOREIGN KEY ("arrangement_id") REFERENCES "public"."arrangements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrangements" ADD CONSTRAINT "arrangements_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrangements" ADD CONSTRAINT "arrangements_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrangements" ADD CONSTRAINT "arrangements_carer_id_carers_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrangements" ADD CONSTRAINT "arrangements_worker_user_id_users_id_fk" FOREIGN KEY ("worker_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrangements" ADD CONSTRAINT "arrangements_match_id_match_proposals_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."match_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_acknowledgements_once" ON "agreement_acknowledgements" USING btree ("agreement_id","party");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_templates_version" ON "agreement_templates" USING btree ("scheme_id","kind","version");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_version" ON "agreements" USING btree ("arrangement_id","kind","version");--> statement-breakpoint
CREATE INDEX "arrangement_status_changes_arrangement" ON "arrangement_status_changes" USING btree ("arrangement_id","at");--> statement-breakpoint
CREATE INDEX "arrangements_scheme_status" ON "arrangements" USING btree ("scheme_id","status","status_since");--> statement-breakpoint
CREATE INDEX "arrangements_scheme_worker" ON "arrangements" USING btree ("scheme_id","worker_user_id","status");--> statement-breakpoint
CREATE INDEX "arrangements_carer" ON "arrangements" USING btree ("carer_id","status");--> statement-breakpoint
CREATE INDEX "arrangements_person" ON "arrangements" USING btree ("person_id","status");--> statement-breakpoint
ALTER TABLE "short_break_bookings" ADD CONSTRAINT "short_break_bookings_arrangement_id_arrangements_id_fk" FOREIGN KEY ("arrangement_id") REFERENCES "public"."arrangements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agreement_acknowledgements" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "arrangement_visible" ON "agreement_acknowledgements" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (exists (select 1 from arrangements a where a.id = (select g.arrangement_id from agreements g where g.id = agreement_acknowledgements.agreement_id)));--> statement-breakpoint
CREATE POLICY "acknowledged_by_party" ON "agreement_acknowledgements" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker')
    or (nullif(current_setting('app.role', true), '') = 'person' and party = 'person' and exists (
      select 1 from agreements g join arrangements a on a.id = g.arrangement_id join people p on p.id = a.person_id
      where g.id = agreement_id and p.user_id = nullif(current_setting('app.user_id', true), '')::uuid))
    or (nullif(current_setting('app.role', true), '') = 'carer' and party = 'carer' and exists (
      select 1 from agreements g join arrangements a on a.id = g.arrangement_id
      where g.id = agreement_id and exists (select 1 from carers c where c.id = a.carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))));--> statement-breakpoint
CREATE POLICY "never_updated" ON "agreement_acknowledgements" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "never_deleted" ON "agreement_acknowledgements" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agreement_templates" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_read" ON "agreement_templates" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "manager_writes" ON "agreement_templates" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'national_admin'));--> statement-breakpoint
CREATE POLICY "never_updated" ON "agreement_templates" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "never_deleted" ON "agreement_templates" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agreements" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "arrangement_visible" ON "agreements" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (exists (select 1 from arrangements a where a.id = agreements.arrangement_id));--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "agreements" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "agreements" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "agreements" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "arrangement_status_changes" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "arrangement_visible" ON "arrangement_status_changes" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (exists (select 1 from arrangements a where a.id = arrangement_status_changes.arrangement_id));--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "arrangement_status_changes" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "arrangement_status_changes" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "arrangement_status_changes" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "arrangements" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "arrangement_visible" ON "arrangements" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker')
    or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = arrangements.carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))
    or (nullif(current_setting('app.role', true), '') in ('person', 'circle_member') and hearth_may_see_person(arrangements.person_id, 'any')));--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "arrangements" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "arrangements" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "arrangements" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));