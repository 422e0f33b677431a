CREATE TYPE "public"."role" AS ENUM('scheme_manager', 'scheme_worker', 'carer', 'person', 'circle_member', 'ambassador', 'panel_member', 'commissioner', 'national_admin');--> statement-breakpoint
CREATE TYPE "public"."scheme_kind" AS ENUM('shared_lives', 'homeshare', 'both');--> statement-breakpoint
CREATE TYPE "public"."user_status" AS ENUM('active', 'suspended');--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"scheme_id" uuid,
	"actor_user_id" uuid,
	"actor_name" text,
	"actor_role" "role",
	"action" text NOT NULL,
	"record_type" text NOT NULL,
	"record_id" text,
	"subject_user_id" uuid,
	"changed_fields" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"scheme_id" uuid,
	"role" "role" NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_national_has_no_scheme" CHECK (("memberships"."role" = 'national_admin') = ("memberships"."scheme_id" is null))
);
--> statement-breakpoint
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "scheme_kind" DEFAULT 'shared_lives' NOT NULL,
	"region" text NOT NULL,
	"local_authority" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "schemes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"scheme_id" uuid,
	"role" "role",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"status" "user_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_lower" CHECK ("users"."email" = lower("users"."email"))
);
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_scheme_at" ON "audit_events" USING btree ("scheme_id","at");--> statement-breakpoint
CREATE INDEX "audit_subject" ON "audit_events" USING btree ("subject_user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_user_scheme_role" ON "memberships" USING btree ("user_id","scheme_id","role") WHERE "memberships"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "memberships_scheme" ON "memberships" USING btree ("scheme_id","role");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree ("email");--> statement-breakpoint
CREATE POLICY "audit_scheme" ON "audit_events" AS PERMISSIVE FOR SELECT TO "hearth_app" USING (scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid or (scheme_id is null and nullif(current_setting('app.scheme_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'national_admin'));--> statement-breakpoint
CREATE POLICY "audit_append" ON "audit_events" AS PERMISSIVE FOR INSERT TO "hearth_app" WITH CHECK ((scheme_id is not distinct from nullif(current_setting('app.scheme_id', true), '')::uuid) and actor_user_id is not distinct from nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "memberships_own" ON "memberships" AS PERMISSIVE FOR SELECT TO "hearth_app" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "memberships" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "schemes_read" ON "schemes" AS PERMISSIVE FOR SELECT TO "hearth_app" USING (true);--> statement-breakpoint
CREATE POLICY "schemes_create" ON "schemes" AS PERMISSIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') = 'national_admin');--> statement-breakpoint
CREATE POLICY "schemes_update" ON "schemes" AS PERMISSIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') = 'national_admin' or (id = nullif(current_setting('app.scheme_id', true), '')::uuid and nullif(current_setting('app.role', true), '') = 'scheme_manager'));--> statement-breakpoint
CREATE POLICY "sessions_own" ON "sessions" AS PERMISSIVE FOR ALL TO "hearth_app" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid) WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "users_visible" ON "users" AS PERMISSIVE FOR SELECT TO "hearth_app" USING (id = nullif(current_setting('app.user_id', true), '')::uuid or exists (select 1 from memberships m where m.user_id = users.id and m.scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "users_create" ON "users" AS PERMISSIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.user_id', true), '')::uuid is not null);--> statement-breakpoint
CREATE POLICY "users_update" ON "users" AS PERMISSIVE FOR UPDATE TO "hearth_app" USING (id = nullif(current_setting('app.user_id', true), '')::uuid or (nullif(current_setting('app.role', true), '') = 'scheme_manager' and exists (select 1 from memberships m where m.user_id = users.id and m.scheme_id = nullif(current_setting('app.scheme_id', true), '')::uuid)));