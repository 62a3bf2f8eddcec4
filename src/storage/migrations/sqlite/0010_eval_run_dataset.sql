-- Referential checks (issue 10): an evaluation run records the dataset it evaluates, fixed when
-- the run is created (the scenario's dataset at that moment). A queued or running run holds its
-- dataset against deletion (DELETE of the dataset is 409 naming the run); finished runs do not.
-- Runs created before this migration get their scenario's current dataset.

ALTER TABLE eval_runs ADD COLUMN dataset_id TEXT;
UPDATE eval_runs SET dataset_id =
  (SELECT s.dataset_id FROM eval_scenarios s WHERE s.name = eval_runs.scenario_name);
CREATE INDEX eval_runs_dataset_idx ON eval_runs (dataset_id, status);
