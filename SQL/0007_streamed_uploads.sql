-- 0007: uploads stored while they are read. An upload's rows are copied in as its file is validated, before its
-- row in `uploads` exists (that row carries the answer, known only at the end), so the report tables check
-- their upload at commit rather than at each row. The original file is kept in parts of about a megabyte
-- instead of one value, so neither side ever holds a large upload whole.

ALTER TABLE readiness_reports ALTER CONSTRAINT readiness_reports_upload_id_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE task_reports ALTER CONSTRAINT task_reports_upload_id_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE service_reports ALTER CONSTRAINT service_reports_upload_id_fkey DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE upload_originals (
    upload_id uuid NOT NULL REFERENCES uploads (id) DEFERRABLE INITIALLY DEFERRED,
    part integer NOT NULL CHECK (part >= 0),
    bytes bytea NOT NULL,
    PRIMARY KEY (upload_id, part)
);

CREATE TRIGGER upload_originals_append_only BEFORE UPDATE OR DELETE ON upload_originals
    FOR EACH ROW EXECUTE FUNCTION reject_change();

INSERT INTO upload_originals (upload_id, part, bytes) SELECT id, 0, original FROM uploads;

ALTER TABLE uploads DROP COLUMN original;
