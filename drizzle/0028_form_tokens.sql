CREATE TABLE "form_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"result" jsonb,
	"spent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "form_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "form_tokens" ADD CONSTRAINT "form_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "form_tokens_user_spent_at" ON "form_tokens" USING btree ("user_id","spent_at");--> statement-breakpoint
CREATE POLICY "form_tokens_own" ON "form_tokens" AS PERMISSIVE FOR ALL TO "hearth_app" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid) WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);