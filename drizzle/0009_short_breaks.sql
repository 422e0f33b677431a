CREATE TYPE "public"."booking_kind" AS ENUM('short_breaks', 'day_support');--> statement-breakpoint
CREATE TYPE "public"."booking_status" AS ENUM('booked', 'cancelled');--> statement-breakpoint
CREATE TABLE "short_break_availability" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"carer_id" uuid NOT NULL,
	"kind" "booking_kind" NOT NULL,
	"nights" daterange,
	"hours" "tstzrange",
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "short_break_availability_shape" CHECK (case "short_break_availability"."kind" when 'short_breaks' then "short_break_availability"."nights" is not null and "short_break_availability"."hours" is null else "short_break_availability"."hours" is not null and "short_break_availability"."nights" is null end),
	CONSTRAINT "short_break_availability_nights" CHECK ("short_break_availability"."nights" is null or (not isempty(nights) and not lower_inf(nights) and not upper_inf(nights))),
	CONSTRAINT "short_break_availability_hours" CHECK ("short_break_availability"."hours" is null or (not isempty(hours) and not lower_inf(hours) and not upper_inf(hours)))
);
--> statement-breakpoint
ALTER TABLE "short_break_availability" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "short_break_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"carer_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"arrangement_id" uuid,
	"kind" "booking_kind" NOT NULL,
	"nights" daterange,
	"room" integer,
	"hours" "tstzrange",
	"notes" text,
	"status" "booking_status" DEFAULT 'booked' NOT NULL,
	"booked_by_user_id" uuid,
	"booked_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_user_id" uuid,
	"cancelled_by_name" text,
	"cancel_reason" text,
	CONSTRAINT "short_break_bookings_shape" CHECK (case "short_break_bookings"."kind" when 'short_breaks' then "short_break_bookings"."nights" is not null and "short_break_bookings"."room" is not null and "short_break_bookings"."hours" is null else "short_break_bookings"."hours" is not null and "short_break_bookings"."nights" is null and "short_break_bookings"."room" is null end),
	CONSTRAINT "short_break_bookings_room" CHECK ("short_break_bookings"."room" is null or "short_break_bookings"."room" between 1 and 30),
	CONSTRAINT "short_break_bookings_nights" CHECK ("short_break_bookings"."nights" is null or (not isempty(nights) and not lower_inf(nights) and not upper_inf(nights))),
	CONSTRAINT "short_break_bookings_hours" CHECK ("short_break_bookings"."hours" is null or (not isempty(hours) and not lower_inf(hours) and not upper_inf(hours) and upper("short_break_bookings"."hours") - lower("short_break_bookings"."hours") <= interval '24 hours')),
	CONSTRAINT "short_break_bookings_cancelled" CHECK (("short_break_bookings"."status" = 'cancelled') = ("short_break_bookings"."cancelled_at" is not null) and ("short_break_bookings"."status" = 'booked' or "short_break_bookings"."cancel_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "short_break_bookings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "carer_breaks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"carer_id" uuid NOT NULL,
	"nights" daterange NOT NULL,
	"note" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carer_breaks_nights" CHECK (not isempty(nights) and not lower_inf(nights) and not upper_inf(nights))
);
--> statement-breakpoint
ALTER TABLE "carer_breaks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "respite_allowances" (
	"carer_id" uuid PRIMARY KEY NOT NULL,
	"scheme_id" uuid NOT NULL,
	"nights" integer NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "respite_allowances_nights" CHECK ("respite_allowances"."nights" between 0 and 366)
);
--> statement-breakpoint
ALTER TABLE "respite_allowances" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "short_break_settings" (
	"scheme_id" uuid PRIMARY KEY NOT NULL,
	"people_may_book" boolean DEFAULT false NOT NULL,
	"respite_nights" integer DEFAULT 28 NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "short_break_settings_nights" CHECK ("short_break_settings"."respite_nights" between 0 and 366)
);
--> statement-breakpoint
ALTER TABLE "short_break_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "short_break_availability" ADD CONSTRAINT "short_break_availability_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "short_break_availability" ADD CONSTRAINT "short_break_availability_carer_id_carers_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "short_break_availability" ADD CONSTRAINT "short_break_availability_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "short_break_bookings" ADD CONSTRAINT "short_break_bookings_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "short_break_bookings" ADD CONSTRAINT "short_break_bookings_carer_id_carers_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "short_break_bookings" ADD CONSTRAINT "short_break_bookings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "short_break_bookings" ADD CONSTRAINT "short_break_bookings_booked_by_user_id_users_id_fk" FOREIGN KEY ("booked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "short_break_bookings" ADD CONSTRAINT "short_break_bookings_cancelled_by_user_id_users_id_fk" FOREIGN KEY ("cancelled_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_breaks" ADD CONSTRAINT "carer_breaks_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_breaks" ADD CONSTRAINT "carer_breaks_carer_id_carers_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_breaks" ADD CONSTRAINT "carer_breaks_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respite_allowances" ADD CONSTRAINT "respite_allowances_carer_id_carers_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respite_allowances" ADD CONSTRAINT "respite_allowances_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respite_allowances" ADD CONSTRAINT "respite_allowances_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "short_break_settings" ADD CONSTRAINT "short_break_settings_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "short_break_settings" ADD CONSTRAINT "short_break_settings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "short_break_availability_carer" ON "short_break_availability" USING btree ("carer_id","kind");--> statement-breakpoint
CREATE INDEX "short_break_bookings_carer" ON "short_break_bookings" USING btree ("carer_id");--> statement-breakpoint
CREATE INDEX "short_break_bookings_person" ON "short_break_bookings" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "short_break_bookings_scheme" ON "short_break_bookings" USING btree ("scheme_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_owner" ON "calendar_feeds" USING btree ("user_id","scheme_id","role");--> statement-breakpoint
CREATE INDEX "carer_breaks_carer" ON "carer_breaks" USING btree ("carer_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "short_break_availability" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_carer_writes_insert" ON "short_break_availability" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "short_break_availability".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "staff_or_carer_writes_update" ON "short_break_availability" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "short_break_availability".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "staff_or_carer_writes_delete" ON "short_break_availability" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "short_break_availability".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "short_break_bookings" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "calendar_feeds" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "own_feed" ON "calendar_feeds" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid) WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "carer_breaks" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_own_carer" ON "carer_breaks" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "carer_breaks".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "carer_breaks".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "respite_allowances" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_or_own_carer" ON "respite_allowances" AS RESTRICTIVE FOR ALL TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "respite_allowances".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid))) WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'carer' and exists (select 1 from carers c where c.id = "respite_allowances".carer_id and c.user_id = nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "respite_allowances" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "respite_allowances" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "respite_allowances" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "short_break_settings" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "manager_writes_insert" ON "short_break_settings" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') = 'scheme_manager');--> statement-breakpoint
CREATE POLICY "manager_writes_update" ON "short_break_settings" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') = 'scheme_manager');--> statement-breakpoint
CREATE POLICY "manager_writes_delete" ON "short_break_settings" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') = 'scheme_manager');