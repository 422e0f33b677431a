CREATE TYPE "public"."incident_kind" AS ENUM('incident', 'safeguarding');--> statement-breakpoint
CREATE TYPE "public"."incident_severity" AS ENUM('low', 'medium', 'high', 'serious');--> statement-breakpoint
CREATE TYPE "public"."notifiable_category" AS ENUM('death', 'serious_injury', 'abuse', 'police', 'deprivation_of_liberty');--> statement-breakpoint
CREATE TYPE "public"."notification_method" AS ENUM('online', 'email', 'phone', 'post');--> statement-breakpoint
CREATE TABLE "daily_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"arrangement_id" uuid NOT NULL,
	"written_on" date NOT NULL,
	"what_happened" text NOT NULL,
	"mood" smallint NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"flag_reason" text,
	"written_by_user_id" uuid,
	"written_by_name" text NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dealt_at" timestamp with time zone,
	"dealt_by_user_id" uuid,
	"dealt_by_name" text,
	"what_was_done" text,
	CONSTRAINT "daily_notes_mood_scale" CHECK ("daily_notes"."mood" between 1 and 5),
	CONSTRAINT "daily_notes_flag_says_why" CHECK ("daily_notes"."flagged" = ("daily_notes"."flag_reason" is not null)),
	CONSTRAINT "daily_notes_dealt_whole" CHECK (("daily_notes"."dealt_at" is null) = ("daily_notes"."what_was_done" is null) and ("daily_notes"."dealt_at" is null or "daily_notes"."flagged"))
);
--> statement-breakpoint
ALTER TABLE "daily_notes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "incident_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"note" text NOT NULL,
	"by_user_id" uuid,
	"by_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_follow_ups" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"arrangement_id" uuid NOT NULL,
	"kind" "incident_kind" NOT NULL,
	"severity" "incident_severity" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"what_happened" text NOT NULL,
	"who_involved" text NOT NULL,
	"immediate_action" text NOT NULL,
	"categories" "notifiable_category"[] DEFAULT '{}' NOT NULL,
	"notifiable" boolean DEFAULT false NOT NULL,
	"notified_on" date,
	"notified_how" "notification_method",
	"notification_reference" text,
	"notification_recorded_by_name" text,
	"needs_attention" boolean DEFAULT false NOT NULL,
	"dealt_at" timestamp with time zone,
	"dealt_by_name" text,
	"what_was_done" text,
	"closed_at" timestamp with time zone,
	"closed_by_name" text,
	"outcome" text,
	"recorded_by_user_id" uuid,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_notified_whole" CHECK (("incidents"."notified_on" is null) = ("incidents"."notified_how" is null) and ("incidents"."notified_on" is null or "incidents"."notifiable")),
	CONSTRAINT "incidents_notifiable_has_category" CHECK ("incidents"."notifiable" = (cardinality("incidents"."categories") > 0)),
	CONSTRAINT "incidents_dealt_whole" CHECK (("incidents"."dealt_at" is null) = ("incidents"."what_was_done" is null) and ("incidents"."dealt_at" is null or "incidents"."needs_attention")),
	CONSTRAINT "incidents_closed_whole" CHECK (("incidents"."closed_at" is null) = ("incidents"."outcome" is null)),
	CONSTRAINT "incidents_closed_once_notified" CHECK ("incidents"."closed_at" is null or not "incidents"."notifiable" or "incidents"."notified_on" is not null)
);
--> statement-breakpoint
ALTER TABLE "incidents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "daily_notes" ADD CONSTRAINT "daily_notes_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_notes" ADD CONSTRAINT "daily_notes_arrangement_id_arrangements_id_fk" FOREIGN KEY ("arrangement_id") REFERENCES "public"."arrangements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_notes" ADD CONSTRAINT "daily_notes_written_by_user_id_users_id_fk" FOREIGN KEY ("written_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_notes" ADD CONSTRAINT "daily_notes_dealt_by_user_id_users_id_fk" FOREIGN KEY ("dealt_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_follow_ups" ADD CONSTRAINT "incident_follow_ups_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_follow_ups" ADD CONSTRAINT "incident_follow_ups_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_follow_ups" ADD CONSTRAINT "incident_follow_ups_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_arrangement_id_arrangements_id_fk" FOREIGN KEY ("arrangement_id") REFERENCES "public"."arrangements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "daily_notes_scheme_day" ON "daily_notes" USING btree ("scheme_id","written_on","id");--> statement-breakpoint
CREATE INDEX "daily_notes_arrangement_day" ON "daily_notes" USING btree ("arrangement_id","written_on","id");--> statement-breakpoint
CREATE INDEX "daily_notes_flagged_day" ON "daily_notes" USING btree ("scheme_id","written_on","id") WHERE "daily_notes"."flagged";--> statement-breakpoint
CREATE INDEX "daily_notes_open_flags" ON "daily_notes" USING btree ("scheme_id","written_on") WHERE "daily_notes"."flagged" and "daily_notes"."dealt_at" is null;--> statement-breakpoint
CREATE INDEX "incident_follow_ups_incident" ON "incident_follow_ups" USING btree ("incident_id","at");--> statement-breakpoint
CREATE INDEX "incidents_scheme_occurred" ON "incidents" USING btree ("scheme_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "incidents_arrangement" ON "incidents" USING btree ("arrangement_id","occurred_at");--> statement-breakpoint
CREATE INDEX "incidents_waiting" ON "incidents" USING btree ("scheme_id") WHERE ("incidents"."notifiable" and "incidents"."notified_on" is null) or ("incidents"."needs_attention" and "incidents"."dealt_at" is null);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "daily_notes" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "arrangement_reader" ON "daily_notes" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (hearth_is_staff() or (nullif(current_setting('app.role', true), '') = 'carer' and exists (
  select 1 from arrangements a join carers c on c.id = a.carer_id where a.id = daily_notes.arrangement_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)) or (nullif(current_setting('app.role', true), '') in ('person', 'circle_member') and exists (
  select 1 from arrangements a where a.id = daily_notes.arrangement_id and hearth_may_see_person(a.person_id, 'daily_notes'))));--> statement-breakpoint
CREATE POLICY "staff_or_carer_writes" ON "daily_notes" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (written_by_user_id = nullif(current_setting('app.user_id', true), '')::uuid and (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (
  select 1 from arrangements a join carers c on c.id = a.carer_id where a.id = arrangement_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid and a.status <> 'ended'))));--> statement-breakpoint
CREATE POLICY "staff_updates" ON "daily_notes" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker')) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "never_deleted" ON "daily_notes" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "incident_follow_ups" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "incident_visible" ON "incident_follow_ups" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (exists (select 1 from incidents i where i.id = incident_follow_ups.incident_id));--> statement-breakpoint
CREATE POLICY "staff_or_carer_writes" ON "incident_follow_ups" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (by_user_id = nullif(current_setting('app.user_id', true), '')::uuid and (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or exists (select 1 from incidents i where i.id = incident_id and (nullif(current_setting('app.role', true), '') = 'carer' and exists (
  select 1 from arrangements a join carers c on c.id = a.carer_id where a.id = i.arrangement_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)))));--> statement-breakpoint
CREATE POLICY "never_updated" ON "incident_follow_ups" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "never_deleted" ON "incident_follow_ups" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "incidents" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "arrangement_reader" ON "incidents" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (hearth_is_staff() or (nullif(current_setting('app.role', true), '') = 'carer' and exists (
  select 1 from arrangements a join carers c on c.id = a.carer_id where a.id = incidents.arrangement_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "staff_or_carer_writes" ON "incidents" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (recorded_by_user_id = nullif(current_setting('app.user_id', true), '')::uuid and (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (
  select 1 from arrangements a join carers c on c.id = a.carer_id where a.id = arrangement_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid and a.status <> 'ended'))));--> statement-breakpoint
CREATE POLICY "staff_updates" ON "incidents" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker')) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "never_deleted" ON "incidents" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);