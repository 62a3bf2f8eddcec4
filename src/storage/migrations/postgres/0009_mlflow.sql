-- MLflow compatibility (issue 12): what MLflow's tracking server and model registry need, shared
-- by the native API. Times are BIGINT milliseconds since the Unix epoch (UTC).
--
-- Experiments get MLflow's numeric id (unique; existing experiments are numbered 1, 2, ... by
-- creation, an experiment named Default gets 0, and a Default experiment with id 0 is created
-- when there is none) and soft delete (deleted_at: MLflow's lifecycle_stage 'deleted'). New ids
-- come from tracking_counters, bumped atomically in the creating transaction.
--
-- runs: status gains 'scheduled', soft delete (deleted_at), and renaming an experiment cascades
-- to its runs.
--
-- latest_metrics.is_nan: MLflow accepts NaN metric values; as on SQLite (which cannot store NaN
-- in a REAL), a NaN is stored as value 0 with is_nan = 1 (the metric blocks keep the NaN).
--
-- run_inputs: MLflow's dataset inputs of a run (log-inputs), one row per (name, digest),
-- input tags as a JSON object (context: the mlflow.data.context tag, for search filters).
--
-- Registered models gain description, tags, creator and a revision; model versions gain
-- MLflow's source and run_link and soft delete (numbers are never reused); aliases point at a
-- version. Renaming a registered model cascades to its versions and their aliases.

ALTER TABLE experiments ADD COLUMN experiment_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE experiments ADD COLUMN deleted_at BIGINT;
UPDATE experiments SET experiment_id = CASE WHEN name = 'Default' THEN 0 ELSE (
  SELECT COUNT(*) FROM experiments e2 WHERE e2.name <> 'Default' AND (
    e2.created_at < experiments.created_at OR
    (e2.created_at = experiments.created_at AND e2.name <= experiments.name))) END;
INSERT INTO experiments (name, description, owner, status, tags, created_by, created_at,
                         updated_at, revision, experiment_id)
  SELECT 'Default', 'The default experiment (MLflow experiment 0)', '', 'active', '{}', 'system',
         (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT, (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT,
         1, 0
  WHERE NOT EXISTS (SELECT 1 FROM experiments WHERE name = 'Default');
CREATE UNIQUE INDEX experiments_id_key ON experiments (experiment_id);

CREATE TABLE tracking_counters (
  name TEXT NOT NULL,
  value BIGINT NOT NULL,
  CONSTRAINT tracking_counters_pk PRIMARY KEY (name)
);
INSERT INTO tracking_counters (name, value)
  SELECT 'experiment_id', COALESCE(MAX(experiment_id), 0) FROM experiments;

ALTER TABLE runs ADD COLUMN deleted_at BIGINT;
ALTER TABLE runs DROP CONSTRAINT runs_status_ck;
ALTER TABLE runs ADD CONSTRAINT runs_status_ck
  CHECK (status IN ('running', 'scheduled', 'completed', 'failed', 'killed'));
ALTER TABLE runs DROP CONSTRAINT runs_experiment_fk;
ALTER TABLE runs ADD CONSTRAINT runs_experiment_fk FOREIGN KEY (experiment_name)
  REFERENCES experiments (name) ON UPDATE CASCADE;
CREATE INDEX runs_experiment_start_idx ON runs (experiment_name, start_time);

ALTER TABLE latest_metrics ADD COLUMN is_nan BIGINT NOT NULL DEFAULT 0;

CREATE TABLE run_inputs (
  run_id TEXT NOT NULL,
  name TEXT NOT NULL,
  digest TEXT NOT NULL,
  position BIGINT NOT NULL,
  source_type TEXT NOT NULL,
  source TEXT NOT NULL,
  dataset_schema TEXT,
  profile TEXT,
  tags TEXT NOT NULL DEFAULT '{}',
  context TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  CONSTRAINT run_inputs_pk PRIMARY KEY (run_id, name, digest),
  CONSTRAINT run_inputs_run_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
);

ALTER TABLE registered_models ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE registered_models ADD COLUMN tags TEXT NOT NULL DEFAULT '{}';
ALTER TABLE registered_models ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE registered_models ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;

ALTER TABLE model_versions ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE model_versions ADD COLUMN run_link TEXT NOT NULL DEFAULT '';
ALTER TABLE model_versions ADD COLUMN deleted_at BIGINT;
ALTER TABLE model_versions DROP CONSTRAINT model_versions_model_fk;
ALTER TABLE model_versions ADD CONSTRAINT model_versions_model_fk FOREIGN KEY (model_name)
  REFERENCES registered_models (name) ON UPDATE CASCADE;
CREATE INDEX model_versions_run_idx ON model_versions (run_id);

CREATE TABLE model_aliases (
  model_name TEXT NOT NULL,
  alias TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT model_aliases_pk PRIMARY KEY (model_name, alias),
  CONSTRAINT model_aliases_version_fk FOREIGN KEY (model_name, version)
    REFERENCES model_versions (model_name, version) ON UPDATE CASCADE
);
CREATE INDEX model_aliases_version_idx ON model_aliases (model_name, version);
