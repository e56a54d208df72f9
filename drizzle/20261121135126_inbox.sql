CREATE TABLE "channel_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" text NOT NULL,
	"customer_id" uuid,
	"channel" text NOT NULL,
	"event_type" text NOT NULL,
	"additional_data" jsonb,
	"at" timestamp with time zone NOT NULL,
	"event_id" uuid
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"app_id" text NOT NULL,
	"sinch_contact_id" text NOT NULL,
	"display_name" text,
	"identities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" text NOT NULL,
	"conversation_id" uuid,
	"type" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"event_id" uuid
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"app_id" text NOT NULL,
	"conv_key" text NOT NULL,
	"contact_id" uuid,
	"channel" text NOT NULL,
	"identity" text,
	"contact_name" text,
	"active" boolean DEFAULT true NOT NULL,
	"last_message_at" timestamp with time zone NOT NULL,
	"last_inbound_at" timestamp with time zone,
	"last_direction" text,
	"preview" text,
	"unread_count" integer DEFAULT 0 NOT NULL,
	"has_failure" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" text NOT NULL,
	"sinch_message_id" text NOT NULL,
	"status" text NOT NULL,
	"reason_code" text,
	"reason_sub_code" text,
	"reason_description" text,
	"channel" text,
	"at" timestamp with time zone NOT NULL,
	"event_id" uuid
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"sinch_message_id" text,
	"direction" text NOT NULL,
	"kind" text NOT NULL,
	"text" text,
	"media_url" text,
	"thumbnail_url" text,
	"caption" text,
	"payload" jsonb,
	"reply_to_sinch_message_id" text,
	"status" text,
	"status_rank" smallint DEFAULT 0 NOT NULL,
	"reason_code" text,
	"reason_description" text,
	"sent_by" text,
	"sent_at" timestamp with time zone NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce("text", '') || ' ' || coalesce("caption", ''))) STORED,
	CONSTRAINT "messages_sinchMessageId_unique" UNIQUE("sinch_message_id")
);
--> statement-breakpoint
CREATE TABLE "signature_failures" (
	"app_id" text NOT NULL,
	"reason" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signature_failures_app_id_reason_pk" PRIMARY KEY("app_id","reason")
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" text NOT NULL,
	"customer_id" uuid,
	"type_key" text NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"raw" "bytea" NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"verdict" text NOT NULL,
	"status" text NOT NULL,
	"processing_error" text,
	"replay_count" integer DEFAULT 0 NOT NULL,
	"last_replayed_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_nonces" (
	"app_id" text NOT NULL,
	"nonce" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_nonces_app_id_nonce_pk" PRIMARY KEY("app_id","nonce")
);
--> statement-breakpoint
ALTER TABLE "channel_events" ADD CONSTRAINT "channel_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_events" ADD CONSTRAINT "conversation_events_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_events_app_idx" ON "channel_events" USING btree ("app_id","at");--> statement-breakpoint
CREATE INDEX "channel_events_at_idx" ON "channel_events" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_app_contact_unique" ON "contacts" USING btree ("app_id","sinch_contact_id");--> statement-breakpoint
CREATE INDEX "conversation_events_conv_idx" ON "conversation_events" USING btree ("conversation_id","at");--> statement-breakpoint
CREATE INDEX "conversation_events_at_idx" ON "conversation_events" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_app_key_unique" ON "conversations" USING btree ("app_id","conv_key");--> statement-breakpoint
CREATE INDEX "conversations_list_idx" ON "conversations" USING btree ("last_message_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversations_customer_list_idx" ON "conversations" USING btree ("customer_id","last_message_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversations_channel_list_idx" ON "conversations" USING btree ("channel","last_message_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversations_unread_list_idx" ON "conversations" USING btree ("last_message_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "conversations"."unread_count" > 0;--> statement-breakpoint
CREATE INDEX "conversations_failure_list_idx" ON "conversations" USING btree ("last_message_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "conversations"."has_failure";--> statement-breakpoint
CREATE INDEX "conversations_updated_idx" ON "conversations" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "conversations_customer_updated_idx" ON "conversations" USING btree ("customer_id","updated_at");--> statement-breakpoint
CREATE INDEX "delivery_reports_message_idx" ON "delivery_reports" USING btree ("sinch_message_id","at");--> statement-breakpoint
CREATE INDEX "delivery_reports_at_idx" ON "delivery_reports" USING btree ("at");--> statement-breakpoint
CREATE INDEX "messages_thread_idx" ON "messages" USING btree ("conversation_id","sent_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "messages_sent_idx" ON "messages" USING btree ("sent_at");--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_events_dedupe_unique" ON "webhook_events" USING btree ("app_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "webhook_events_app_received_idx" ON "webhook_events" USING btree ("app_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_events_received_idx" ON "webhook_events" USING btree ("received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_nonces_seen_idx" ON "webhook_nonces" USING btree ("seen_at");