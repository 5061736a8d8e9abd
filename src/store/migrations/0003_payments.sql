CREATE TABLE "billing_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"pg_key_ciphertext" text NOT NULL,
	"pg_key_version" integer NOT NULL,
	"card" jsonb,
	"customer" jsonb,
	"custom_data" text,
	"status" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cancellations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"payment_row_id" uuid NOT NULL,
	"status" text NOT NULL,
	"total_amount" bigint NOT NULL,
	"tax_free_amount" bigint NOT NULL,
	"reason" text NOT NULL,
	"sequence" integer NOT NULL,
	"trigger" text NOT NULL,
	"pg_cancellation_id" text,
	"requested_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payment_schedules" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"billing_key" text NOT NULL,
	"order_name" text NOT NULL,
	"total_amount" bigint NOT NULL,
	"tax_free_amount" bigint DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"installment_month" integer,
	"customer" jsonb,
	"custom_data" text,
	"notice_urls" jsonb,
	"status" text NOT NULL,
	"time_to_pay" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"channel_id" text,
	"is_test" boolean DEFAULT true NOT NULL,
	"status" text NOT NULL,
	"method" text,
	"pre_registered" boolean DEFAULT false NOT NULL,
	"order_name" text DEFAULT '' NOT NULL,
	"currency" text DEFAULT 'KRW' NOT NULL,
	"total_amount" bigint NOT NULL,
	"tax_free_amount" bigint DEFAULT 0 NOT NULL,
	"cancelled_amount" bigint DEFAULT 0 NOT NULL,
	"cancelled_tax_free_amount" bigint DEFAULT 0 NOT NULL,
	"reserved_cancel_amount" bigint DEFAULT 0 NOT NULL,
	"reserved_cancel_tax_free_amount" bigint DEFAULT 0 NOT NULL,
	"customer" jsonb,
	"custom_data" text,
	"notice_urls" jsonb,
	"pg_tx_id" text,
	"method_detail" jsonb,
	"billing_key" text,
	"schedule_id" text,
	"failure" jsonb,
	"requested_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "payments_amounts_nonnegative" CHECK ("payments"."total_amount" >= 0 and "payments"."cancelled_amount" >= 0 and "payments"."reserved_cancel_amount" >= 0),
	CONSTRAINT "payments_cancel_within_total" CHECK ("payments"."cancelled_amount" + "payments"."reserved_cancel_amount" <= "payments"."total_amount")
);
--> statement-breakpoint
CREATE TABLE "pg_calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"payment_row_id" uuid,
	"channel_id" text NOT NULL,
	"operation" text NOT NULL,
	"request_id" text NOT NULL,
	"amount" bigint,
	"cancellation_id" uuid,
	"status" text NOT NULL,
	"outcome" text,
	"record" jsonb,
	"started_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "pg_calls_request_id_unique" UNIQUE("request_id")
);
--> statement-breakpoint
CREATE TABLE "pg_notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"pg_provider" text NOT NULL,
	"event_key" text NOT NULL,
	"channel_id" text,
	"kind" text NOT NULL,
	"raw" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"outcome" text
);
--> statement-breakpoint
ALTER TABLE "billing_keys" ADD CONSTRAINT "billing_keys_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_keys" ADD CONSTRAINT "billing_keys_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cancellations" ADD CONSTRAINT "cancellations_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cancellations" ADD CONSTRAINT "cancellations_payment_row_id_payments_id_fk" FOREIGN KEY ("payment_row_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_schedules" ADD CONSTRAINT "payment_schedules_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_schedules" ADD CONSTRAINT "payment_schedules_billing_key_billing_keys_id_fk" FOREIGN KEY ("billing_key") REFERENCES "public"."billing_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pg_calls" ADD CONSTRAINT "pg_calls_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pg_calls" ADD CONSTRAINT "pg_calls_payment_row_id_payments_id_fk" FOREIGN KEY ("payment_row_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pg_calls" ADD CONSTRAINT "pg_calls_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pg_notifications" ADD CONSTRAINT "pg_notifications_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_keys_store_idx" ON "billing_keys" USING btree ("store_id","issued_at");--> statement-breakpoint
CREATE INDEX "cancellations_payment_idx" ON "cancellations" USING btree ("payment_row_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cancellations_one_in_flight_idx" ON "cancellations" USING btree ("payment_row_id") WHERE status = 'REQUESTED';--> statement-breakpoint
CREATE UNIQUE INDEX "cancellations_pg_id_idx" ON "cancellations" USING btree ("payment_row_id","pg_cancellation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_schedules_live_idx" ON "payment_schedules" USING btree ("store_id","payment_id") WHERE status in ('SCHEDULED', 'STARTED', 'SUCCEEDED');--> statement-breakpoint
CREATE INDEX "payment_schedules_due_idx" ON "payment_schedules" USING btree ("status","time_to_pay");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_store_payment_idx" ON "payments" USING btree ("store_id","payment_id");--> statement-breakpoint
CREATE INDEX "payments_store_requested_idx" ON "payments" USING btree ("store_id","requested_at");--> statement-breakpoint
CREATE INDEX "payments_pg_tx_idx" ON "payments" USING btree ("pg_tx_id");--> statement-breakpoint
CREATE INDEX "pg_calls_pending_idx" ON "pg_calls" USING btree ("status","started_at");--> statement-breakpoint
CREATE INDEX "pg_calls_payment_idx" ON "pg_calls" USING btree ("payment_row_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pg_notifications_event_idx" ON "pg_notifications" USING btree ("pg_provider","event_key");