-- 0008: the order uploads were stored in. Without an Idempotency-Key, a body counts as a retry only when it
-- repeats the same token's latest upload of that kind, so "latest" must be exact even when two uploads share a
-- received_at: each upload gets an increasing number, and the index finds a token's latest upload of a kind.

ALTER TABLE uploads ADD COLUMN sequence bigint GENERATED ALWAYS AS IDENTITY;

CREATE INDEX uploads_token_kind_sequence ON uploads (token_id, kind, sequence DESC);
