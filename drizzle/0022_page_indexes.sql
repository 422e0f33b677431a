DROP INDEX "daily_notes_arrangement_day";--> statement-breakpoint
CREATE INDEX "check_records_scheme_carer" ON "check_records" USING btree ("scheme_id","carer_id");--> statement-breakpoint
CREATE INDEX "daily_notes_arrangement_day" ON "daily_notes" USING btree ("arrangement_id","scheme_id","written_on","id");