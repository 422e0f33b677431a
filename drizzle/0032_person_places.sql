CREATE TYPE "public"."place_kind" AS ENUM('family', 'friends', 'day_service', 'college', 'work', 'other');--> statement-breakpoint
CREATE TABLE "person_places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"label" text NOT NULL,
	"kind" "place_kind" NOT NULL,
	"postcode" text,
	"latitude" numeric(8, 5),
	"longitude" numeric(8, 5),
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_places_label" CHECK (length(trim("person_places"."label")) between 1 and 80),
	CONSTRAINT "person_places_location_whole" CHECK (("person_places"."latitude" is null) = ("person_places"."longitude" is null)),
	CONSTRAINT "person_places_location_uk" CHECK ("person_places"."latitude" is null or ("person_places"."latitude" between 49 and 61 and "person_places"."longitude" between -9 and 2)),
	CONSTRAINT "person_places_location_has_postcode" CHECK ("person_places"."latitude" is null or "person_places"."postcode" is not null)
);
--> statement-breakpoint
ALTER TABLE "person_places" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "person_places" ADD CONSTRAINT "person_places_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_places" ADD CONSTRAINT "person_places_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_places" ADD CONSTRAINT "person_places_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_places_person" ON "person_places" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "person_places" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "staff_writes_insert" ON "person_places" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_update" ON "person_places" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "staff_writes_delete" ON "person_places" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "person_visible" ON "person_places" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') in ('person', 'circle_member') and hearth_may_see_person("person_places"."person_id", 'matching')));