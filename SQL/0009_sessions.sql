-- 0009: dashboard sessions. Logging in with a token opens a session whose own random secret goes in the browser's
-- cookie (only its SHA-256 is kept here, and it is not the token), so logging out ends the session on the server,
-- it expires by itself, and revoking the token ends every session opened with it.

CREATE TABLE sessions (
    secret_hash text PRIMARY KEY,
    token_id uuid NOT NULL REFERENCES api_tokens (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    ended_at timestamptz,
    CHECK (expires_at > created_at)
);

CREATE INDEX sessions_token ON sessions (token_id);
