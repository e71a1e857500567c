-- 0003: API tokens and the audit log. A token belongs to one role and, for province, commune and agency officers,
-- one unit; only its SHA-256 is stored. Every write is recorded in the append-only audit log.

CREATE TABLE api_tokens (
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role text NOT NULL CHECK (role IN ('admin', 'central', 'province', 'commune', 'agency')),
    scope text,
    token_hash text NOT NULL UNIQUE,
    token_prefix text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    revoked_at timestamptz,
    revoked_by text,
    CHECK ((role IN ('admin', 'central')) = (scope IS NULL)),
    CHECK (role <> 'province' OR scope ~ '^[0-9]{2}$'),
    CHECK (role <> 'commune' OR scope ~ '^[0-9]{5}$'),
    CHECK (role <> 'agency' OR scope ~ '^[A-Z][A-Z0-9]{1,15}$')
);

CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    token_id uuid REFERENCES api_tokens (id),
    actor text NOT NULL,
    action text NOT NULL,
    target text,
    detail jsonb NOT NULL DEFAULT '{}'::jsonb,
    remote_address text
);

CREATE INDEX audit_log_at ON audit_log (at DESC);

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION reject_change();
