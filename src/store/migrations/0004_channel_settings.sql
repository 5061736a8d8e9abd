ALTER TABLE "channels" ADD COLUMN "enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "default_methods" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "masked_license_key" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "masked_encryption_key" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "hecto_notice_id" text;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_hecto_notice_id_unique" UNIQUE("hecto_notice_id");--> statement-breakpoint
-- Channels made before per-method defaults: the old default channel becomes the default for what its MID takes.
UPDATE "channels" SET "default_methods" = CASE WHEN "mid" = 'portone1' THEN ARRAY['CARD','VIRTUAL_ACCOUNT','TRANSFER'] ELSE ARRAY['CARD'] END WHERE "is_default";--> statement-breakpoint
UPDATE "channels" SET "hecto_notice_id" = 'imp_' || substr(md5("id"), 1, 4) WHERE "hecto_notice_id" IS NULL AND "pg_provider" = 'SETTLE';
