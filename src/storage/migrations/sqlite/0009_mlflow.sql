-- MLflow compatibility (issue 12): what MLflow's tracking server and model registry need, shared
-- by the native API. Times are INTEGER milliseconds since the Unix epoch (UTC).
--
-- Experiments get MLflow's numeric id (unique; existing experiments are numbered 1, 2, ... by
-- creation, an experiment named Default gets 0, and a Default experiment with id 0 is created
-- when there is none) and soft delete (deleted_at: MLflow's lifecycle_stage 'deleted'). New ids
-- come from tracking_counters, bumped atomically in the creating transaction.
--
-- runs is rebuilt (SQLite cannot alter a CHECK or a FOREIGN KEY): status gains 'scheduled',
-- soft delete (deleted_at), and renaming an experiment cascades to its runs. The migrator runs
-- this with foreign keys off and checks them before the commit.
--
-- latest_metrics.is_nan: MLflow accepts NaN metric values; SQLite cannot store NaN in a REAL,
-- so a NaN is stored as value 0 with is_nan = 1 (the metric blocks keep the NaN itself).
--
-- run_inputs: MLflow's dataset inputs of a run (log-inputs), one row per (name, digest),
-- input tags as a JSON object (context: the mlflow.data.context tag, for search filters).
--
-- Registered models gain description, tags, creator and a revision; model versions gain
-- MLflow's source and run_link and soft delete (numbers are never reused); aliases point at a
-- version. Renaming a registered model cascades to its versions and their aliases (so
-- model_versions is rebuilt too).

ALTER TABLE experiments ADD COLUMN experiment_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE experiments ADD COLUMN deleted_at INTEGER;
UPDATE experiments SET experiment_id = CASE WHEN name = 'Default' THEN 0 ELSE (
  SELECT COUNT(*) FROM experiments e2 WHERE e2.name <> 'Default' AND (
    e2.created_at < experiments.created_at OR
    (e2.created_at = experiments.created_at AND e2.name <= experiments.name))) END;
INSERT INTO experiments (name, description, owner, status, tags, created_by, created_at,
                         updated_at, revision, experiment_id)
  SELECT 'Default', 'The default experiment (MLflow experiment 0)', '', 'active', '{}', 'system',
         CAST(strftime('%s', 'now') AS INTEGER) * 1000,
         CAST(strftime('%s', 'now') AS INTEGER) * 1000, 1, 0
  WHERE NOT EXISTS (SELECT 1 FROM experiments WHERE name = 'Default');
CREATE UNIQUE INDEX experiments_id_key ON experiments (experiment_id);

CREATE TABLE tracking_counters (
  name TEXT NOT NULL,
  value INTEGER NOT NULL,
  CONSTRAINT tracking_counters_pk PRIMARY KEY (name)
);
INSERT INTO tracking_counters (name, value)
  SELECT 'experiment_id', COALESCE(MAX(experiment_id), 0) FROM experiments;

CREATE TABLE runs_rebuilt (
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
  deleted_at INTEGER,
  CONSTRAINT runs_pk PRIMARY KEY (run_id),
  CONSTRAINT runs_experiment_fk FOREIGN KEY (experiment_name) REFERENCES experiments (name)
    ON UPDATE CASCADE,
  CONSTRAINT runs_status_ck
    CHECK (status IN ('running', 'scheduled', 'completed', 'failed', 'killed'))
);
INSERT INTO runs_rebuilt (run_id, experiment_name, name, status, start_time, end_time,
                          created_by, source, inputs, created_at, updated_at, revision)
  SELECT run_id, experiment_name, name, status, start_time, end_time, created_by, source, inputs,
         created_at, updated_at, revision FROM runs;
DROP TABLE runs;
ALTER TABLE runs_rebuilt RENAME TO runs;
CREATE INDEX runs_experiment_created_idx ON runs (experiment_name, created_at);
CREATE INDEX runs_created_idx ON runs (created_at, run_id);
CREATE INDEX runs_experiment_start_idx ON runs (experiment_name, start_time);

ALTER TABLE latest_metrics ADD COLUMN is_nan INTEGER NOT NULL DEFAULT 0;

CREATE TABLE run_inputs (
  run_id TEXT NOT NULL,
  name TEXT NOT NULL,
  digest TEXT NOT NULL,
  position INTEGER NOT NULL,
  source_type TEXT NOT NULL,
  source TEXT NOT NULL,
  dataset_schema TEXT,
  profile TEXT,
  tags TEXT NOT NULL DEFAULT '{}',
  context TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  CONSTRAINT run_inputs_pk PRIMARY KEY (run_id, name, digest),
  CONSTRAINT run_inputs_run_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
);

ALTER TABLE registered_models ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE registered_models ADD COLUMN tags TEXT NOT NULL DEFAULT '{}';
ALTER TABLE registered_models ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE registered_models ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

CREATE TABLE model_versions_rebuilt (
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
  source TEXT NOT NULL DEFAULT '',
  run_link TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER,
  CONSTRAINT model_versions_pk PRIMARY KEY (model_name, version),
  CONSTRAINT model_versions_model_fk FOREIGN KEY (model_name) REFERENCES registered_models (name)
    ON UPDATE CASCADE,
  CONSTRAINT model_versions_stage_ck CHECK (stage IN ('none', 'staging', 'production', 'archived')),
  CONSTRAINT model_versions_format_ck
    CHECK (artifact_format IS NULL OR artifact_format IN ('xgboost-json', 'onnx', 'other'))
);
INSERT INTO model_versions_rebuilt (model_name, version, run_id, description, stage, metrics,
                                    params, tags, checklist, artifact_format, artifact_path,
                                    artifact_size_bytes, artifact_sha256, created_by, updated_by,
                                    created_at, updated_at, revision)
  SELECT model_name, version, run_id, description, stage, metrics, params, tags, checklist,
         artifact_format, artifact_path, artifact_size_bytes, artifact_sha256, created_by,
         updated_by, created_at, updated_at, revision FROM model_versions;
DROP TABLE model_versions;
ALTER TABLE model_versions_rebuilt RENAME TO model_versions;
CREATE INDEX model_versions_created_idx ON model_versions (created_at, model_name, version);
CREATE INDEX model_versions_stage_idx ON model_versions (stage, model_name);
CREATE INDEX model_versions_run_idx ON model_versions (run_id);
-- At most one production version per model (the promotion archives the previous one).
CREATE UNIQUE INDEX model_versions_one_production_idx ON model_versions (model_name)
  WHERE stage = 'production';

CREATE TABLE model_aliases (
  model_name TEXT NOT NULL,
  alias TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  CONSTRAINT model_aliases_pk PRIMARY KEY (model_name, alias),
  CONSTRAINT model_aliases_version_fk FOREIGN KEY (model_name, version)
    REFERENCES model_versions (model_name, version) ON UPDATE CASCADE
);
CREATE INDEX model_aliases_version_idx ON model_aliases (model_name, version);
