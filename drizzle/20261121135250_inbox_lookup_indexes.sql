CREATE INDEX "channel_events_event_idx" ON "channel_events" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "conversation_events_event_idx" ON "conversation_events" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "conversations_contact_idx" ON "conversations" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "conversations_app_identity_idx" ON "conversations" USING btree ("app_id","channel","identity");