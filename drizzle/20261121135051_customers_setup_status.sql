CREATE TYPE "public"."customer_setup_status" AS ENUM('in_progress', 'needs_attention', 'ready');--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "setup_status" "customer_setup_status" DEFAULT 'in_progress' NOT NULL;--> statement-breakpoint
ALTER TABLE "sinch_projects" ADD COLUMN "dashboard_reminder_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sinch_projects" ADD COLUMN "dashboard_reminder_step" text;--> statement-breakpoint
CREATE INDEX "customers_region_idx" ON "customers" USING btree ("region","created_at");--> statement-breakpoint
CREATE INDEX "customers_setup_status_idx" ON "customers" USING btree ("setup_status","created_at");--> statement-breakpoint
CREATE INDEX "customers_archived_idx" ON "customers" USING btree ("archived_at");--> statement-breakpoint
CREATE INDEX "customers_activity_idx" ON "customers" USING btree ("last_activity_at");