CREATE TYPE "public"."support_plan_party" AS ENUM('person', 'circle_member', 'carer');--> statement-breakpoint
CREATE TYPE "public"."support_plan_proposal_kind" AS ENUM('change', 'comment');--> statement-breakpoint
CREATE TYPE "public"."support_plan_proposal_status" AS ENUM('open', 'discussing', 'accepted', 'declined', 'noted');--> statement-breakpoint
CREATE TABLE "support_plan_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"words" text NOT NULL,
	"author_user_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"author_as" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_plan_messages_words_given" CHECK (length(trim("support_plan_messages"."words")) > 0)
);
--> statement-breakpoint
ALTER TABLE "support_plan_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_plan_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"section" text NOT NULL,
	"kind" "support_plan_proposal_kind" NOT NULL,
	"words" text NOT NULL,
	"proposed_text" text,
	"on_version" integer NOT NULL,
	"status" "support_plan_proposal_status" DEFAULT 'open' NOT NULL,
	"author_user_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"author_role" "support_plan_party" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"decided_by_name" text,
	"decision_reason" text,
	"accepted_version" integer,
	CONSTRAINT "support_plan_proposals_section" CHECK ("support_plan_proposals"."section" in ('goals', 'dailySupport', 'risks', 'medication', 'importantPeople', 'routines', 'whole')),
	CONSTRAINT "support_plan_proposals_words_given" CHECK (length(trim("support_plan_proposals"."words")) > 0),
	CONSTRAINT "support_plan_proposals_decided" CHECK (("support_plan_proposals"."status" in ('open', 'discussing')) = ("support_plan_proposals"."decided_at" is null)),
	CONSTRAINT "support_plan_proposals_declined_reason" CHECK ("support_plan_proposals"."status" <> 'declined' or "support_plan_proposals"."decision_reason" is not null),
	CONSTRAINT "support_plan_proposals_accepted_version" CHECK (("support_plan_proposals"."status" = 'accepted') = ("support_plan_proposals"."accepted_version" is not null))
);
--> statement-breakpoint
ALTER TABLE "support_plan_proposals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"goals" text NOT NULL,
	"daily_support" text NOT NULL,
	"risks" jsonb NOT NULL,
	"medication" text NOT NULL,
	"important_people" text NOT NULL,
	"routines" text NOT NULL,
	"changed_sections" text[] NOT NULL,
	"reason" text NOT NULL,
	"proposal_id" uuid,
	"by_user_id" uuid,
	"by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_plan_versions_version_positive" CHECK ("support_plan_versions"."version" >= 1),
	CONSTRAINT "support_plan_versions_reason_given" CHECK (length(trim("support_plan_versions"."reason")) > 0),
	CONSTRAINT "support_plan_versions_risks_list" CHECK (jsonb_typeof("support_plan_versions"."risks") = 'array')
);
--> statement-breakpoint
ALTER TABLE "support_plan_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"arrangement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_plans_version_positive" CHECK ("support_plans"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "support_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "support_plan_messages" ADD CONSTRAINT "support_plan_messages_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plan_messages" ADD CONSTRAINT "support_plan_messages_proposal_id_support_plan_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."support_plan_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plan_proposals" ADD CONSTRAINT "support_plan_proposals_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plan_proposals" ADD CONSTRAINT "support_plan_proposals_plan_id_support_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."support_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plan_versions" ADD CONSTRAINT "support_plan_versions_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plan_versions" ADD CONSTRAINT "support_plan_versions_plan_id_support_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."support_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plans" ADD CONSTRAINT "support_plans_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plans" ADD CONSTRAINT "support_plans_arrangement_id_arrangements_id_fk" FOREIGN KEY ("arrangement_id") REFERENCES "public"."arrangements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_plan_messages_proposal" ON "support_plan_messages" USING btree ("proposal_id","created_at");--> statement-breakpoint
CREATE INDEX "support_plan_proposals_plan" ON "support_plan_proposals" USING btree ("plan_id","status","created_at");--> statement-breakpoint
CREATE INDEX "support_plan_proposals_open" ON "support_plan_proposals" USING btree ("scheme_id","status") WHERE "support_plan_proposals"."status" in ('open', 'discussing');--> statement-breakpoint
CREATE UNIQUE INDEX "support_plan_versions_version" ON "support_plan_versions" USING btree ("plan_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "support_plans_arrangement" ON "support_plans" USING btree ("arrangement_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "support_plan_messages" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "plan_visible" ON "support_plan_messages" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (exists (select 1 from support_plans p where p.id = (select q.plan_id from support_plan_proposals q where q.id = support_plan_messages.proposal_id)));--> statement-breakpoint
CREATE POLICY "written_by_themselves" ON "support_plan_messages" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (author_user_id = nullif(current_setting('app.user_id', true), '')::uuid and exists (select 1 from support_plan_proposals q where q.id = proposal_id));--> statement-breakpoint
CREATE POLICY "never_updated" ON "support_plan_messages" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "never_deleted" ON "support_plan_messages" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "support_plan_proposals" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "plan_visible" ON "support_plan_proposals" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (exists (select 1 from support_plans p where p.id = support_plan_proposals.plan_id));--> statement-breakpoint
CREATE POLICY "proposed_by_party" ON "support_plan_proposals" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('person', 'circle_member', 'carer') and author_user_id = nullif(current_setting('app.user_id', true), '')::uuid
    and exists (select 1 from support_plans p where p.id = plan_id));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "support_plan_proposals" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "never_deleted" ON "support_plan_proposals" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "support_plan_versions" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "plan_visible" ON "support_plan_versions" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (exists (select 1 from support_plans p where p.id = support_plan_versions.plan_id));--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "support_plan_versions" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "never_updated" ON "support_plan_versions" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "never_deleted" ON "support_plan_versions" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "support_plans" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "plan_visible" ON "support_plans" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker')
    or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from arrangements a join carers c on c.id = a.carer_id
  where a.id = support_plans.arrangement_id and a.status <> 'ended' and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))
    or (nullif(current_setting('app.role', true), '') in ('person', 'circle_member') and exists (select 1 from arrangements a where a.id = support_plans.arrangement_id and hearth_may_see_person(a.person_id, 'support_plan'))));--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "support_plans" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "support_plans" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "never_deleted" ON "support_plans" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);