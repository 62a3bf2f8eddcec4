-- Experiment tracking (experiments, runs, params, tags, metrics, artifacts) and the audit log.
-- Times are INTEGER milliseconds since the Unix epoch (UTC); string maps are JSON TEXT.
-- metric_blocks.data packs n points, 24 bytes each, little-endian: int64 step, int64 timestamp,
-- float64 value, in logging order.

CREATE TABLE experiments (
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '{}',
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  CONSTRAINT experiments_pk PRIMARY KEY (name),
  CONSTRAINT experiments_status_ck CHECK (status IN ('active', 'completed', 'archived'))
);
CREATE INDEX experiments_created_idx ON experiments (created_at, name);
CREATE INDEX experiments_owner_idx ON experiments (owner);

CREATE TABLE runs (
  run_id TEXT NOT NULL,
  experiment_name TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER,
  created_by TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '{}',
  inputs TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  CONSTRAINT runs_pk PRIMARY KEY (run_id),
  CONSTRAINT runs_experiment_fk FOREIGN KEY (experiment_name) REFERENCES experiments (name),
  CONSTRAINT runs_status_ck CHECK (status IN ('running', 'completed', 'failed', 'killed'))
);
CREATE INDEX runs_experiment_created_idx ON runs (experiment_name, created_at);
CREATE INDEX runs_created_idx ON runs (created_at, run_id);

CREATE TABLE run_params (
  run_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  CONSTRAINT run_params_pk PRIMARY KEY (run_id, key),
  CONSTRAINT run_params_run_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
);

CREATE TABLE run_tags (
  run_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  CONSTRAINT run_tags_pk PRIMARY KEY (run_id, key),
  CONSTRAINT run_tags_run_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
);

CREATE TABLE latest_metrics (
  run_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value REAL NOT NULL,
  step INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  CONSTRAINT latest_metrics_pk PRIMARY KEY (run_id, key),
  CONSTRAINT latest_metrics_run_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
);
CREATE INDEX latest_metrics_key_value_idx ON latest_metrics (key, value);

CREATE TABLE metric_blocks (
  run_id TEXT NOT NULL,
  key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  min_step INTEGER NOT NULL,
  max_step INTEGER NOT NULL,
  n INTEGER NOT NULL,
  data BLOB NOT NULL,
  CONSTRAINT metric_blocks_pk PRIMARY KEY (run_id, key, seq),
  CONSTRAINT metric_blocks_run_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
);

CREATE TABLE run_artifacts (
  run_id TEXT NOT NULL,
  path TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content_type TEXT NOT NULL DEFAULT 'application/octet-stream',
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  CONSTRAINT run_artifacts_pk PRIMARY KEY (run_id, path),
  CONSTRAINT run_artifacts_run_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
);

CREATE TABLE audit_log (
  id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '{}',
  CONSTRAINT audit_log_pk PRIMARY KEY (id)
);
CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id);
CREATE INDEX audit_log_at_idx ON audit_log (at);
