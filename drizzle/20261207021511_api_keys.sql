ALTER TYPE "public"."audit_action" ADD VALUE 'api_key.created' BEFORE 'system.bootstrap_admin';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'api_key.revoked' BEFORE 'system.bootstrap_admin';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'api.request' BEFORE 'system.bootstrap_admin';--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"scope" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_created_idx" ON "api_keys" USING btree ("created_at");