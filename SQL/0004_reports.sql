-- 0004: uploaded reports. Every upload is kept whole (original bytes, who, when, from where, the answer given) and
-- its rows are append-only; the *_current tables hold each unit's latest report and are maintained in the same
-- transaction as the upload, so a reader never sees half an upload.

CREATE TABLE uploads (
    id uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('readiness', 'tasks', 'services')),
    format text NOT NULL CHECK (format IN ('csv', 'json')),
    token_id uuid NOT NULL REFERENCES api_tokens (id),
    uploader text NOT NULL,
    remote_address text,
    received_at timestamptz NOT NULL,
    -- The client's Idempotency-Key, or a hash of kind, parameters and body: a retry returns the first answer.
    idempotency_key text NOT NULL,
    content_sha256 text NOT NULL,
    plan_id text NOT NULL,
    plan_version integer NOT NULL,
    row_count integer NOT NULL,
    units_touched integer NOT NULL,
    original bytea NOT NULL,
    -- json, not jsonb: the text is kept as sent, so a retry gets the same bytes.
    answer json NOT NULL,
    UNIQUE (token_id, idempotency_key),
    FOREIGN KEY (plan_id, plan_version) REFERENCES plan_versions (plan_id, version)
);

CREATE INDEX uploads_received ON uploads (received_at DESC);

CREATE TABLE readiness_reports (
    upload_id uuid NOT NULL REFERENCES uploads (id),
    row_number integer NOT NULL,
    commune_code text NOT NULL REFERENCES communes (code),
    as_of timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    -- Criterion key -> value (true/false, a share 0..1, or a count), keys from the plan in force.
    criteria jsonb NOT NULL,
    note text,
    PRIMARY KEY (upload_id, row_number)
);

CREATE INDEX readiness_reports_unit_time ON readiness_reports (commune_code, as_of DESC, received_at DESC);

CREATE TABLE task_reports (
    upload_id uuid NOT NULL REFERENCES uploads (id),
    row_number integer NOT NULL,
    unit_code text NOT NULL,
    task_code text NOT NULL,
    as_of timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    status text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
    progress numeric(5, 2) NOT NULL CHECK (progress BETWEEN 0 AND 100),
    completed_on date,
    note text,
    PRIMARY KEY (upload_id, row_number),
    CHECK ((status = 'done') = (completed_on IS NOT NULL))
);

CREATE INDEX task_reports_unit_time ON task_reports (unit_code, task_code, as_of DESC, received_at DESC);

CREATE TABLE service_reports (
    upload_id uuid NOT NULL REFERENCES uploads (id),
    row_number integer NOT NULL,
    unit_code text NOT NULL,
    period date NOT NULL CHECK (extract(day FROM period) = 1),
    as_of timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    received_online integer NOT NULL CHECK (received_online >= 0),
    received_in_person integer NOT NULL CHECK (received_in_person >= 0),
    received_by_post integer NOT NULL CHECK (received_by_post >= 0),
    carried_over integer NOT NULL CHECK (carried_over >= 0),
    resolved_on_time integer NOT NULL CHECK (resolved_on_time >= 0),
    resolved_late integer NOT NULL CHECK (resolved_late >= 0),
    pending_within_deadline integer NOT NULL CHECK (pending_within_deadline >= 0),
    pending_overdue integer NOT NULL CHECK (pending_overdue >= 0),
    synced_to_portal integer NOT NULL CHECK (synced_to_portal >= 0),
    with_fee integer NOT NULL CHECK (with_fee >= 0),
    paid_online integer NOT NULL CHECK (paid_online >= 0 AND paid_online <= with_fee),
    electronic_results integer NOT NULL CHECK (electronic_results >= 0),
    note text,
    PRIMARY KEY (upload_id, row_number)
);

CREATE INDEX service_reports_unit_time ON service_reports (unit_code, period, as_of DESC, received_at DESC);

CREATE TRIGGER uploads_append_only BEFORE UPDATE OR DELETE ON uploads FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER readiness_reports_append_only BEFORE UPDATE OR DELETE ON readiness_reports FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER task_reports_append_only BEFORE UPDATE OR DELETE ON task_reports FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER service_reports_append_only BEFORE UPDATE OR DELETE ON service_reports FOR EACH ROW EXECUTE FUNCTION reject_change();

-- Latest report per unit (per task, per month): the row the scores read first.
CREATE TABLE readiness_current (
    commune_code text PRIMARY KEY REFERENCES communes (code),
    upload_id uuid NOT NULL,
    row_number integer NOT NULL,
    as_of timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    FOREIGN KEY (upload_id, row_number) REFERENCES readiness_reports (upload_id, row_number)
);

CREATE TABLE task_current (
    unit_code text NOT NULL,
    task_code text NOT NULL,
    upload_id uuid NOT NULL,
    row_number integer NOT NULL,
    as_of timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (unit_code, task_code),
    FOREIGN KEY (upload_id, row_number) REFERENCES task_reports (upload_id, row_number)
);

CREATE TABLE service_current (
    unit_code text NOT NULL,
    period date NOT NULL,
    upload_id uuid NOT NULL,
    row_number integer NOT NULL,
    as_of timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (unit_code, period),
    FOREIGN KEY (upload_id, row_number) REFERENCES service_reports (upload_id, row_number)
);
