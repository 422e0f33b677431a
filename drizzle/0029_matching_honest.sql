CREATE TYPE "public"."note_view" AS ENUM('hopeful', 'neutral', 'worried');--> statement-breakpoint
ALTER TABLE "match_proposals" ADD COLUMN "worker_note_view" "note_view";--> statement-breakpoint
ALTER TABLE "match_proposals" ADD COLUMN "closed_by_match_id" uuid;--> statement-breakpoint
ALTER TABLE "match_proposals" ADD CONSTRAINT "match_proposals_closed_by" FOREIGN KEY ("closed_by_match_id","scheme_id") REFERENCES "public"."match_proposals"("id","scheme_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_proposals" ADD CONSTRAINT "match_proposals_closed" CHECK ("match_proposals"."closed_by_match_id" is null or ("match_proposals"."stopped_by" = 'scheme' and "match_proposals"."closed_by_match_id" <> "match_proposals"."id"));