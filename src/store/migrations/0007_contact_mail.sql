ALTER TABLE "contact_notifications" ADD COLUMN "status" text DEFAULT 'RECORDED' NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_notifications" ADD COLUMN "attempt_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_notifications" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "contact_notifications_due_idx" ON "contact_notifications" USING btree ("status","next_attempt_at");