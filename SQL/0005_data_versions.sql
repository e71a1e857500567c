-- 0005: data versions. One counter per input of the scores (uploads, plan versions, reference units and their
-- boundaries), bumped by triggers in the same transaction as the change, so the API can cache scores and
-- answers per version and check for changes with one cheap read. The upload counter is bumped by a deferred
-- trigger at commit, so concurrent uploads hold its row lock only for an instant.

CREATE TABLE data_versions (
    subject text PRIMARY KEY CHECK (subject IN ('reports', 'plans', 'units')),
    version bigint NOT NULL DEFAULT 0,
    changed_at timestamptz
);

INSERT INTO data_versions (subject, version, changed_at)
SELECT 'reports', (SELECT count(*) FROM uploads), (SELECT max(received_at) FROM uploads)
UNION ALL SELECT 'plans', (SELECT count(*) FROM plan_versions), now()
UNION ALL SELECT 'units', 1, now();

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_versions SET version = version + 1, changed_at = now() WHERE subject = TG_ARGV[0];
    RETURN NULL;
END;
$$;

-- The time of an upload is its received_at (the clock the API stamped it with), not the commit time.
CREATE FUNCTION bump_reports_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_versions SET version = version + 1, changed_at = GREATEST(changed_at, NEW.received_at) WHERE subject = 'reports';
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER uploads_bump_data_version AFTER INSERT ON uploads
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_reports_version();

CREATE TRIGGER plan_versions_bump_data_version AFTER INSERT ON plan_versions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('plans');

CREATE TRIGGER province_versions_bump_data_version AFTER INSERT OR UPDATE OR DELETE ON province_versions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('units');
CREATE TRIGGER commune_versions_bump_data_version AFTER INSERT OR UPDATE OR DELETE ON commune_versions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('units');
CREATE TRIGGER agencies_bump_data_version AFTER INSERT OR UPDATE OR DELETE ON agencies
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('units');
CREATE TRIGGER province_boundaries_bump_data_version AFTER INSERT OR UPDATE OR DELETE ON province_boundaries
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('units');
CREATE TRIGGER commune_boundaries_bump_data_version AFTER INSERT OR UPDATE OR DELETE ON commune_boundaries
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('units');
