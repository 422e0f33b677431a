CREATE TYPE "public"."person_message_kind" AS ENUM('worry', 'complaint', 'help_now', 'not_ok');--> statement-breakpoint
CREATE TABLE "mood_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"mood" integer NOT NULL,
	"words" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_user_id" uuid,
	CONSTRAINT "mood_checks_mood" CHECK ("mood_checks"."mood" between 1 and 5),
	CONSTRAINT "mood_checks_words" CHECK ("mood_checks"."words" is null or length("mood_checks"."words") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "mood_checks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "person_message_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"words" text NOT NULL,
	"by_user_id" uuid,
	"by_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_message_replies_words" CHECK (length("person_message_replies"."words") between 1 and 2000)
);
--> statement-breakpoint
ALTER TABLE "person_message_replies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "person_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "person_message_kind" NOT NULL,
	"words" text,
	"symbols" text[] DEFAULT '{}'::text[] NOT NULL,
	"mood_check_id" uuid,
	"to_user_id" uuid,
	"to_name" text,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone,
	"seen_by_user_id" uuid,
	"seen_by_name" text,
	"dealt_with_at" timestamp with time zone,
	"dealt_with_by_user_id" uuid,
	"dealt_with_by_name" text,
	CONSTRAINT "person_messages_says_something" CHECK ("person_messages"."words" is not null or cardinality("person_messages"."symbols") > 0 or "person_messages"."kind" in ('help_now', 'not_ok')),
	CONSTRAINT "person_messages_words" CHECK ("person_messages"."words" is null or length("person_messages"."words") <= 2000),
	CONSTRAINT "person_messages_mood" CHECK (("person_messages"."kind" = 'not_ok') = ("person_messages"."mood_check_id" is not null)),
	CONSTRAINT "person_messages_seen" CHECK (("person_messages"."seen_at" is null) = ("person_messages"."seen_by_name" is null)),
	CONSTRAINT "person_messages_dealt" CHECK (("person_messages"."dealt_with_at" is null) = ("person_messages"."dealt_with_by_name" is null))
);
--> statement-breakpoint
ALTER TABLE "person_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mood_checks" ADD CONSTRAINT "mood_checks_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mood_checks" ADD CONSTRAINT "mood_checks_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mood_checks" ADD CONSTRAINT "mood_checks_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_message_replies" ADD CONSTRAINT "person_message_replies_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_message_replies" ADD CONSTRAINT "person_message_replies_message_id_person_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."person_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_message_replies" ADD CONSTRAINT "person_message_replies_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_messages" ADD CONSTRAINT "person_messages_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_messages" ADD CONSTRAINT "person_messages_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_messages" ADD CONSTRAINT "person_messages_mood_check_id_mood_checks_id_fk" FOREIGN KEY ("mood_check_id") REFERENCES "public"."mood_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_messages" ADD CONSTRAINT "person_messages_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_messages" ADD CONSTRAINT "person_messages_seen_by_user_id_users_id_fk" FOREIGN KEY ("seen_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_messages" ADD CONSTRAINT "person_messages_dealt_with_by_user_id_users_id_fk" FOREIGN KEY ("dealt_with_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mood_checks_person" ON "mood_checks" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "person_message_replies_message" ON "person_message_replies" USING btree ("message_id","at");--> statement-breakpoint
CREATE INDEX "person_messages_open" ON "person_messages" USING btree ("scheme_id","dealt_with_at","sent_at");--> statement-breakpoint
CREATE INDEX "person_messages_person" ON "person_messages" USING btree ("person_id","sent_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mood_checks" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "own_or_staff" ON "mood_checks" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'person' and hearth_may_see_person(person_id, 'own')));--> statement-breakpoint
CREATE POLICY "writers_insert" ON "mood_checks" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK ((nullif(current_setting('app.role', true), '') = 'person' and hearth_may_see_person(person_id, 'own')));--> statement-breakpoint
CREATE POLICY "writers_update" ON "mood_checks" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "no_deletes" ON "mood_checks" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "person_message_replies" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "own_or_staff" ON "person_message_replies" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'person' and exists (select 1 from person_messages m where m.id = message_id and hearth_may_see_person(m.person_id, 'own'))));--> statement-breakpoint
CREATE POLICY "writers_insert" ON "person_message_replies" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "writers_update" ON "person_message_replies" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "no_deletes" ON "person_message_replies" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "person_messages" AS PERMISSIVE FOR ALL TO "hearth_app" USING ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid) WITH CHECK ("scheme_id" = nullif(current_setting('app.scheme_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "own_or_staff" ON "person_messages" AS RESTRICTIVE FOR SELECT TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker') or (nullif(current_setting('app.role', true), '') = 'person' and hearth_may_see_person(person_id, 'own')));--> statement-breakpoint
CREATE POLICY "writers_insert" ON "person_messages" AS RESTRICTIVE FOR INSERT TO "hearth_app" WITH CHECK ((nullif(current_setting('app.role', true), '') = 'person' and hearth_may_see_person(person_id, 'own')));--> statement-breakpoint
CREATE POLICY "writers_update" ON "person_messages" AS RESTRICTIVE FOR UPDATE TO "hearth_app" USING (nullif(current_setting('app.role', true), '') in ('scheme_manager', 'scheme_worker'));--> statement-breakpoint
CREATE POLICY "no_deletes" ON "person_messages" AS RESTRICTIVE FOR DELETE TO "hearth_app" USING (false);