-- Model registry (registered models with their version counter, model versions), deployments and
-- drift events. Times are INTEGER milliseconds since the Unix epoch (UTC); maps and the checklist
-- are JSON TEXT. registered_models.last_version is the per-model version counter: it is bumped in
-- the transaction that inserts the version, so versions are 1, 2, 3 ... without gaps.

CREATE TABLE registered_models (
  name TEXT NOT NULL,
  last_version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CONSTRAINT registered_models_pk PRIMARY KEY (name)
);

CREATE TABLE model_versions (
  model_name TEXT NOT NULL,
  version INTEGER NOT NULL,
  run_id TEXT,
  description TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL,
  metrics TEXT NOT NULL DEFAULT '{}',
  params TEXT NOT NULL DEFAULT '{}',
  tags TEXT NOT NULL DEFAULT '{}',
  checklist TEXT NOT NULL DEFAULT '[]',
  artifact_format TEXT,
  artifact_path TEXT,
  artifact_size_bytes INTEGER,
  artifact_sha256 TEXT,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  CONSTRAINT model_versions_pk PRIMARY KEY (model_name, version),
  CONSTRAINT model_versions_model_fk FOREIGN KEY (model_name) REFERENCES registered_models (name),
  CONSTRAINT model_versions_stage_ck CHECK (stage IN ('none', 'staging', 'production', 'archived')),
  CONSTRAINT model_versions_format_ck
    CHECK (artifact_format IS NULL OR artifact_format IN ('xgboost-json', 'onnx', 'other'))
);
CREATE INDEX model_versions_created_idx ON model_versions (created_at, model_name, version);
CREATE INDEX model_versions_stage_idx ON model_versions (stage, model_name);
-- At most one production version per model (the promotion archives the previous one).
CREATE UNIQUE INDEX model_versions_one_production_idx ON model_versions (model_name)
  WHERE stage = 'production';

CREATE TABLE deployments (
  id TEXT NOT NULL,
  model_name TEXT NOT NULL,
  model_version INTEGER NOT NULL,
  status TEXT NOT NULL,
  environment TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  config TEXT NOT NULL DEFAULT '{}',
  health_status TEXT NOT NULL,
  metrics TEXT NOT NULL DEFAULT '{}',
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deployed_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  CONSTRAINT deployments_pk PRIMARY KEY (id),
  CONSTRAINT deployments_status_ck CHECK (status IN ('pending', 'validating', 'deploying',
    'active', 'failed', 'rollback', 'terminated')),
  CONSTRAINT deployments_environment_ck
    CHECK (environment IN ('development', 'staging', 'production')),
  CONSTRAINT deployments_health_ck
    CHECK (health_status IN ('unknown', 'healthy', 'degraded', 'unhealthy'))
);
CREATE INDEX deployments_created_idx ON deployments (created_at, id);
CREATE INDEX deployments_model_idx ON deployments (model_name, model_version);

CREATE TABLE drift_events (
  id TEXT NOT NULL,
  model_name TEXT NOT NULL,
  model_version INTEGER,
  deployment_id TEXT,
  feature TEXT NOT NULL,
  method TEXT NOT NULL,
  score REAL NOT NULL,
  p_value REAL,
  threshold REAL,
  severity TEXT NOT NULL,
  window_start INTEGER,
  window_end INTEGER,
  details TEXT NOT NULL DEFAULT '{}',
  created_by TEXT NOT NULL,
  detected_at INTEGER NOT NULL,
  CONSTRAINT drift_events_pk PRIMARY KEY (id),
  CONSTRAINT drift_events_method_ck CHECK (method IN ('psi', 'ks', 'js', 'wasserstein', 'chi2')),
  CONSTRAINT drift_events_severity_ck CHECK (severity IN ('low', 'medium', 'high', 'critical'))
);
CREATE INDEX drift_events_detected_idx ON drift_events (detected_at, id);
CREATE INDEX drift_events_model_idx ON drift_events (model_name, detected_at);
