CREATE TYPE "public"."role" AS ENUM('admin', 'staff');--> statement-breakpoint
CREATE TYPE "public"."actor_type" AS ENUM('user', 'customer', 'system');--> statement-breakpoint
CREATE TYPE "public"."audit_action" AS ENUM('auth.signed_in', 'auth.signed_out', 'auth.sign_in_blocked', 'staff.created', 'staff.role_changed', 'staff.disabled', 'staff.enabled', 'staff.password_reset', 'staff.password_link_created', 'staff.password_set', 'settings.updated', 'settings.tested', 'customer.created', 'customer.updated', 'customer.archived', 'customer.unarchived', 'customer.step_succeeded', 'customer.step_failed', 'customer.checklist_updated', 'app.deleted', 'webhook.registered', 'webhook.adopted', 'webhook.replaced', 'webhook.repaired', 'webhook.secret_rotated', 'grant.invited', 'grant.email_delivered', 'grant.link_opened', 'grant.link_reopened', 'grant.session_started', 'grant.extended', 'grant.resent', 'grant.revoked', 'grant.expired', 'grant.completed', 'grant.reminder_sent', 'channel.connect_started', 'channel.login_completed', 'channel.asset_selected', 'channel.credential_submitted', 'channel.state_changed', 'channel.disconnected', 'channel.reconnect_required', 'channel.sender_created', 'channel.sender_state_changed', 'channel.subscribed', 'channel.region_corrected', 'inbox.reply_sent', 'inbox.event_replayed', 'diagnostics.run', 'diagnostics.fix_applied', 'system.bootstrap_admin');--> statement-breakpoint
CREATE TYPE "public"."project_mode" AS ENUM('subproject', 'existing_project');--> statement-breakpoint
CREATE TYPE "public"."region" AS ENUM('us', 'eu', 'br');--> statement-breakpoint
CREATE TYPE "public"."setup_step" AS ENUM('project', 'app', 'webhook');--> statement-breakpoint
CREATE TYPE "public"."step_status" AS ENUM('pending', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "public"."channel" AS ENUM('MESSENGER', 'INSTAGRAM', 'WHATSAPP');--> statement-breakpoint
CREATE TYPE "public"."channel_state" AS ENUM('not_started', 'connecting', 'activating', 'active', 'failing', 'reconnect_required', 'disconnected');--> statement-breakpoint
CREATE TYPE "public"."token_type" AS ENUM('user', 'system_user', 'business');--> statement-breakpoint
CREATE TYPE "public"."grant_end_reason" AS ENUM('expired', 'revoked', 'completed', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."grant_kind" AS ENUM('onboarding', 'reconnect');--> statement-breakpoint
CREATE TYPE "public"."email_status" AS ENUM('pending', 'sent', 'failed', 'not_configured');--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"blocked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "login_attempts_email_ip_pk" PRIMARY KEY("email","ip")
);
--> statement-breakpoint
CREATE TABLE "password_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "password_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" DEFAULT 'staff' NOT NULL,
	"password_hash" text,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"action" "audit_action" NOT NULL,
	"target_type" text,
	"target_id" text,
	"customer_id" uuid,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb,
	"secret_ciphertext" text,
	"secret_hint" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "conversation_apps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"app_id" text NOT NULL,
	"region" "region" NOT NULL,
	"display_name" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_apps_customerId_unique" UNIQUE("customer_id"),
	CONSTRAINT "conversation_apps_appId_unique" UNIQUE("app_id")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_name" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"region" "region" NOT NULL,
	"project_mode" "project_mode" NOT NULL,
	"human_agent_approved" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "setup_steps" (
	"customer_id" uuid NOT NULL,
	"step" "setup_step" NOT NULL,
	"status" "step_status" DEFAULT 'pending' NOT NULL,
	"result_ref" text,
	"error_code" text,
	"error_message" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"details" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "setup_steps_customer_id_step_pk" PRIMARY KEY("customer_id","step")
);
--> statement-breakpoint
CREATE TABLE "sinch_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"project_id" text NOT NULL,
	"kind" text NOT NULL,
	"parent_project_id" text,
	"key_id" text,
	"key_secret_ciphertext" text,
	"key_secret_hint" text,
	"dashboard_invited_at" timestamp with time zone,
	"dashboard_invited_by" text,
	"dashboard_removed_at" timestamp with time zone,
	"dashboard_removed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sinch_projects_customerId_unique" UNIQUE("customer_id")
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"app_id" text NOT NULL,
	"sinch_webhook_id" text NOT NULL,
	"target" text NOT NULL,
	"triggers" text[] NOT NULL,
	"secret_ciphertext" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" "channel" NOT NULL,
	"state" "channel_state" DEFAULT 'not_started' NOT NULL,
	"page_id" text,
	"page_name" text,
	"ig_account_id" text,
	"ig_username" text,
	"business_id" text,
	"waba_id" text,
	"phone_number_id" text,
	"display_phone_number" text,
	"sender_id" text,
	"sender_state" text,
	"sender_region" text,
	"meta_local_storage" text,
	"sender_token_ciphertext" text,
	"token_type" "token_type",
	"token_ciphertext" text,
	"token_expires_at" timestamp with time zone,
	"data_access_expires_at" timestamp with time zone,
	"granted_scopes" text[],
	"sinch_status" text,
	"sinch_description" text,
	"last_checked_at" timestamp with time zone,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"consecutive_auth_failures" integer DEFAULT 0 NOT NULL,
	"connected_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" "grant_kind" DEFAULT 'onboarding' NOT NULL,
	"invited_email" text NOT NULL,
	"channels" text[] NOT NULL,
	"note" text,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"first_browser_hash" text,
	"auto_revoke_on_active" boolean DEFAULT true NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" "grant_end_reason",
	"ended_by" text,
	"revoke_reason" text,
	"reminder_sent_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_grants_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "customer_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_sessions_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"customer_id" uuid,
	"href" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"body_ciphertext" text NOT NULL,
	"kind" text NOT NULL,
	"customer_id" uuid,
	"grant_id" uuid,
	"status" "email_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "password_tokens" ADD CONSTRAINT "password_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_apps" ADD CONSTRAINT "conversation_apps_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "setup_steps" ADD CONSTRAINT "setup_steps_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sinch_projects" ADD CONSTRAINT "sinch_projects_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_connections" ADD CONSTRAINT "channel_connections_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_sessions" ADD CONSTRAINT "customer_sessions_grant_id_access_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."access_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "password_tokens_user_idx" ON "password_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_customer_idx" ON "audit_log" USING btree ("customer_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "customers" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "customers_name_search_idx" ON "customers" USING btree (lower("business_name"));--> statement-breakpoint
CREATE UNIQUE INDEX "webhooks_app_unique" ON "webhooks" USING btree ("app_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_connections_customer_channel" ON "channel_connections" USING btree ("customer_id","channel");--> statement-breakpoint
CREATE INDEX "channel_connections_page_idx" ON "channel_connections" USING btree ("page_id");--> statement-breakpoint
CREATE INDEX "access_grants_customer_idx" ON "access_grants" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "access_grants_expiry_idx" ON "access_grants" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "customer_sessions_grant_idx" ON "customer_sessions" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "notifications_created_idx" ON "notifications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "outbound_emails_created_idx" ON "outbound_emails" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "outbound_emails_grant_idx" ON "outbound_emails" USING btree ("grant_id");