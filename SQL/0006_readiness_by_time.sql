-- 0006: readiness reports by time. Scores at a past moment read the last couple of days' rows with one range
-- scan of this index (a day's round sits together on disk, as it arrives together) instead of one probe of
-- (commune_code, as_of) per commune; the probe remains for communes without a report in that window.

CREATE INDEX readiness_reports_as_of ON readiness_reports (as_of);
