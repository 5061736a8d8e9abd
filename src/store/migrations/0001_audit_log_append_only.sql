-- The audit log is append-only: refuse every UPDATE and DELETE, whoever asks.
CREATE OR REPLACE FUNCTION paymux_audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION paymux_audit_log_append_only();
