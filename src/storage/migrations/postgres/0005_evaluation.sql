-- Evaluation harness (SPEC §4): scenarios and evaluation runs (background jobs with reports).
-- Times are BIGINT milliseconds since the Unix epoch (UTC); lists and maps are JSON TEXT.
-- eval_runs.report holds the serialized report of a completed run. claimed_by/heartbeat_at
-- belong to the job runner: a run is claimed by a conditional UPDATE (status 'queued' ->
-- 'running'), and the claiming server refreshes heartbeat_at while it works on it.

CREATE TABLE eval_scenarios (
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  task_type TEXT NOT NULL,
  dataset_id TEXT NOT NULL,
  label_column TEXT NOT NULL,
  score_column TEXT,
  prediction_column TEXT,
  model_name TEXT,
  model_version BIGINT,
  feature_columns TEXT NOT NULL DEFAULT '[]',
  metrics TEXT NOT NULL DEFAULT '[]',
  thresholds TEXT NOT NULL DEFAULT '{}',
  slice_column TEXT,
  decision_threshold DOUBLE PRECISION NOT NULL,
  importance_repeats BIGINT NOT NULL,
  importance_seed BIGINT NOT NULL,
  tags TEXT NOT NULL DEFAULT '{}',
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  revision BIGINT NOT NULL,
  CONSTRAINT eval_scenarios_pk PRIMARY KEY (name),
  CONSTRAINT eval_scenarios_task_ck CHECK (task_type IN ('binary_classification',
    'multiclass_classification', 'regression'))
);
CREATE INDEX eval_scenarios_created_idx ON eval_scenarios (created_at, name);
CREATE INDEX eval_scenarios_dataset_idx ON eval_scenarios (dataset_id);

CREATE TABLE eval_runs (
  run_id TEXT NOT NULL,
  scenario_name TEXT NOT NULL,
  scenario_revision BIGINT NOT NULL,
  model_name TEXT,
  model_version BIGINT,
  status TEXT NOT NULL,
  verdict TEXT,
  failure_reason TEXT,
  n_rows BIGINT,
  report TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT,
  claimed_by TEXT,
  heartbeat_at BIGINT,
  revision BIGINT NOT NULL,
  CONSTRAINT eval_runs_pk PRIMARY KEY (run_id),
  CONSTRAINT eval_runs_scenario_fk FOREIGN KEY (scenario_name) REFERENCES eval_scenarios (name),
  CONSTRAINT eval_runs_status_ck CHECK (status IN ('queued', 'running', 'completed', 'failed')),
  CONSTRAINT eval_runs_verdict_ck CHECK (verdict IS NULL OR verdict IN ('pass', 'fail'))
);
CREATE INDEX eval_runs_created_idx ON eval_runs (created_at, run_id);
CREATE INDEX eval_runs_scenario_idx ON eval_runs (scenario_name, created_at);
CREATE INDEX eval_runs_status_idx ON eval_runs (status, created_at);
