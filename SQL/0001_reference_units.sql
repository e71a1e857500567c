-- 0001: reference units. Provinces, communes and central agencies with validity periods (units that change
-- get a new version instead of being edited or deleted), and simplified boundaries for the web maps.
-- Loaded from SQL/reference/ by the reference-data step that runs after migrations.

CREATE TABLE provinces (
    code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$')
);

CREATE TABLE province_versions (
    code text NOT NULL REFERENCES provinces (code),
    valid_from date NOT NULL,
    valid_until date,
    name text NOT NULL,
    name_en text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('province', 'municipality')),
    full_name text NOT NULL,
    full_name_en text NOT NULL,
    basis text,
    PRIMARY KEY (code, valid_from),
    CHECK (valid_until IS NULL OR valid_until > valid_from)
);

CREATE TABLE communes (
    code text PRIMARY KEY CHECK (code ~ '^[0-9]{5}$')
);

CREATE TABLE commune_versions (
    code text NOT NULL REFERENCES communes (code),
    valid_from date NOT NULL,
    valid_until date,
    province_code text NOT NULL REFERENCES provinces (code),
    name text NOT NULL,
    name_en text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('commune', 'ward', 'special_zone')),
    full_name text NOT NULL,
    full_name_en text NOT NULL,
    basis text,
    PRIMARY KEY (code, valid_from),
    CHECK (valid_until IS NULL OR valid_until > valid_from)
);

CREATE INDEX commune_versions_province ON commune_versions (province_code, valid_from);

-- Central agencies that own plan tasks. Editable by administrators; the seed only adds missing codes.
CREATE TABLE agencies (
    code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9]{1,15}$'),
    name text NOT NULL,
    name_en text NOT NULL,
    valid_from date NOT NULL,
    valid_until date,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_until IS NULL OR valid_until > valid_from)
);

-- Simplified MultiPolygon geometry (GeoJSON text, WGS84) per unit, served as-is to the maps.
CREATE TABLE province_boundaries (
    code text PRIMARY KEY REFERENCES provinces (code),
    geometry json NOT NULL
);

CREATE TABLE commune_boundaries (
    code text PRIMARY KEY REFERENCES communes (code),
    geometry json NOT NULL
);

-- Which version of each reference data set is loaded (checksum of its files), so the load runs once.
CREATE TABLE reference_data_loads (
    dataset text PRIMARY KEY,
    checksum text NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    row_count integer NOT NULL
);
