CREATE TYPE "public"."postcode_source" AS ENUM('ons', 'code_point', 'online', 'demo');--> statement-breakpoint
CREATE TABLE "postcodes" (
	"postcode" text PRIMARY KEY NOT NULL,
	"latitude" numeric(8, 5) NOT NULL,
	"longitude" numeric(8, 5) NOT NULL,
	"source" "postcode_source" NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "postcodes_usual_form" CHECK ("postcodes"."postcode" ~ '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$'),
	CONSTRAINT "postcodes_latitude" CHECK ("postcodes"."latitude" between -90 and 90),
	CONSTRAINT "postcodes_longitude" CHECK ("postcodes"."longitude" between -180 and 180)
);
--> statement-breakpoint
ALTER TABLE "postcodes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "postcodes_read" ON "postcodes" AS PERMISSIVE FOR SELECT TO "hearth_app" USING (true);--> statement-breakpoint
CREATE POLICY "postcodes_online" ON "postcodes" AS PERMISSIVE FOR INSERT TO "hearth_app" WITH CHECK ("postcodes"."source" = 'online');