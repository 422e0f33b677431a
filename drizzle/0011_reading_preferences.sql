CREATE TABLE "reading_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"easy_read" boolean NOT NULL,
	"larger_text" boolean NOT NULL,
	"read_aloud_first" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reading_preferences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "reading_preferences" ADD CONSTRAINT "reading_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "reading_preferences_own" ON "reading_preferences" AS PERMISSIVE FOR ALL TO "hearth_app" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid) WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);