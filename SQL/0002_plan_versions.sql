-- 0002: plan versions. Every imported plan definition is kept whole and never changed: a new version is a new
-- row. Scoring at a moment uses the version effective then, so old scores can always be recomputed.

CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TABLE plan_versions (
    plan_id text NOT NULL CHECK (plan_id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    version integer NOT NULL CHECK (version >= 1),
    effective_from date NOT NULL,
    title text NOT NULL,
    -- The document as imported (JSON text, byte for byte) and the SHA-256 of those bytes.
    document json NOT NULL,
    checksum text NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now(),
    imported_by text NOT NULL,
    PRIMARY KEY (plan_id, version)
);

CREATE INDEX plan_versions_effective ON plan_versions (plan_id, effective_from);

CREATE TRIGGER plan_versions_append_only BEFORE UPDATE OR DELETE ON plan_versions
    FOR EACH ROW EXECUTE FUNCTION reject_change();
