ALTER TYPE "public"."audit_action" ADD VALUE 'channel.login_failed' BEFORE 'inbox.reply_sent';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'channel.connect_cancelled' BEFORE 'inbox.reply_sent';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'channel.sender_token_set' BEFORE 'inbox.reply_sent';--> statement-breakpoint
CREATE TABLE "channel_login_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" "channel" NOT NULL,
	"token_type" "token_type" NOT NULL,
	"token_ciphertext" text NOT NULL,
	"token_expires_at" timestamp with time zone,
	"data_access_expires_at" timestamp with time zone,
	"granted_scopes" text[] NOT NULL,
	"granular_scopes" jsonb NOT NULL,
	"page_id" text,
	"page_name" text,
	"ig_account_id" text,
	"ig_username" text,
	"business_id" text,
	"created_by" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channel_login_sessions" ADD CONSTRAINT "channel_login_sessions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_login_sessions_customer_idx" ON "channel_login_sessions" USING btree ("customer_id","channel");--> statement-breakpoint
CREATE INDEX "channel_login_sessions_expiry_idx" ON "channel_login_sessions" USING btree ("expires_at");