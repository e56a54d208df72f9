CREATE TYPE "public"."health_verdict" AS ENUM('healthy', 'warning', 'broken');--> statement-breakpoint
CREATE TABLE "channel_health" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" "channel" NOT NULL,
	"verdict" "health_verdict" NOT NULL,
	"main_reason" text,
	"main_owner" text,
	"last_run_id" uuid,
	"last_run_at" timestamp with time zone NOT NULL,
	"broken_since" timestamp with time zone,
	"reconnect_required" boolean DEFAULT false NOT NULL,
	"staff_notified_at" timestamp with time zone,
	"customer_notified_at" timestamp with time zone,
	"data_access_reminder_for" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "diagnostic_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"connection_id" uuid,
	"channel" "channel" NOT NULL,
	"checks" jsonb NOT NULL,
	"overall" "health_verdict" NOT NULL,
	"main_reason" text,
	"trigger" text NOT NULL,
	"actor_label" text NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "diagnostic_sweeps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"broken" integer DEFAULT 0 NOT NULL,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "channel_health" ADD CONSTRAINT "channel_health_connection_id_channel_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."channel_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_health" ADD CONSTRAINT "channel_health_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnostic_runs" ADD CONSTRAINT "diagnostic_runs_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnostic_runs" ADD CONSTRAINT "diagnostic_runs_connection_id_channel_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."channel_connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_health_verdict_idx" ON "channel_health" USING btree ("verdict","last_run_at");--> statement-breakpoint
CREATE INDEX "diagnostic_runs_channel_idx" ON "diagnostic_runs" USING btree ("customer_id","channel","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "diagnostic_runs_created_idx" ON "diagnostic_runs" USING btree ("created_at");