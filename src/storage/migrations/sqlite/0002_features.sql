-- Feature store (SPEC §3): datasets (metadata; values are column files under
-- DATA_DIR/datasets/<id>/), features with immutable versions, and feature values.
-- Times are INTEGER milliseconds since the Unix epoch (UTC); maps and lists are JSON TEXT.
-- feature_values.value and feature_online.value hold the JSON text of the value ('null' for a
-- null value). A value is identified by (feature, entity key, event time): writing it again
-- replaces it (last write wins). feature_online keeps the latest value per (feature, key).

CREATE TABLE datasets (
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  source_type TEXT NOT NULL,
  table_name TEXT NOT NULL,
  columns TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  size_bytes INTEGER NOT NULL,
  stored_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '{}',
  profile TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  CONSTRAINT datasets_pk PRIMARY KEY (id)
);
CREATE INDEX datasets_created_idx ON datasets (created_at, id);
CREATE INDEX datasets_name_idx ON datasets (name);

CREATE TABLE features (
  name TEXT NOT NULL,
  entity TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  latest_version INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  CONSTRAINT features_pk PRIMARY KEY (name),
  CONSTRAINT features_status_ck CHECK (status IN ('active', 'deprecated', 'archived'))
);
CREATE INDEX features_created_idx ON features (created_at, name);
CREATE INDEX features_entity_idx ON features (entity);
CREATE INDEX features_owner_idx ON features (owner);

CREATE TABLE feature_tags (
  feature_name TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  CONSTRAINT feature_tags_pk PRIMARY KEY (feature_name, key),
  CONSTRAINT feature_tags_feature_fk FOREIGN KEY (feature_name) REFERENCES features (name)
);
CREATE INDEX feature_tags_key_idx ON feature_tags (key, value);

CREATE TABLE feature_versions (
  feature_name TEXT NOT NULL,
  version INTEGER NOT NULL,
  value_type TEXT NOT NULL,
  value_schema TEXT NOT NULL,
  source_dataset_id TEXT,
  source_column TEXT,
  source_transformation TEXT,
  changelog TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  CONSTRAINT feature_versions_pk PRIMARY KEY (feature_name, version),
  CONSTRAINT feature_versions_feature_fk FOREIGN KEY (feature_name) REFERENCES features (name),
  CONSTRAINT feature_versions_type_ck CHECK (value_type IN ('int64', 'float64', 'string', 'bool',
                                                            'timestamp', 'float_vector'))
);
CREATE INDEX feature_versions_dataset_idx ON feature_versions (source_dataset_id);

CREATE TABLE feature_values (
  feature_name TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  event_time INTEGER NOT NULL,
  value TEXT NOT NULL,
  written_at INTEGER NOT NULL,
  CONSTRAINT feature_values_pk PRIMARY KEY (feature_name, entity_key, event_time)
) WITHOUT ROWID;

CREATE TABLE feature_online (
  feature_name TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  event_time INTEGER NOT NULL,
  value TEXT NOT NULL,
  CONSTRAINT feature_online_pk PRIMARY KEY (feature_name, entity_key)
) WITHOUT ROWID;
