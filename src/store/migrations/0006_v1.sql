CREATE TABLE "v1_access_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "v1_access_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "v1_customers" (
	"store_id" text NOT NULL,
	"customer_uid" text NOT NULL,
	"billing_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "v1_customers_store_id_customer_uid_pk" PRIMARY KEY("store_id","customer_uid")
);
--> statement-breakpoint
CREATE TABLE "v1_payments" (
	"store_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"notice_urls" jsonb,
	"customer_uid" text,
	"cancel_webhook_requested" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "v1_payments_store_id_payment_id_pk" PRIMARY KEY("store_id","payment_id")
);
--> statement-breakpoint
ALTER TABLE "v1_access_tokens" ADD CONSTRAINT "v1_access_tokens_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "v1_customers" ADD CONSTRAINT "v1_customers_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "v1_payments" ADD CONSTRAINT "v1_payments_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "v1_access_tokens_store_idx" ON "v1_access_tokens" USING btree ("store_id","expires_at");--> statement-breakpoint
CREATE INDEX "v1_customers_billing_key_idx" ON "v1_customers" USING btree ("billing_key");