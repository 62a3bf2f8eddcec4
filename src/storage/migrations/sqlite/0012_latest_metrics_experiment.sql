-- latest_metrics.experiment_id: the run's experiment (its MLflow id, which never changes; a
-- rename keeps it), copied into each latest value so that a search within an experiment that
-- filters on a metric and orders by it ("metrics.auc > 0.5 ORDER BY metrics.auc DESC") reads
-- that experiment's values in order from one index range, instead of probing the metric of every
-- run of the experiment and sorting them (issue 15: cost must not grow with the other
-- experiments' runs, nor with this one's beyond the page).

ALTER TABLE latest_metrics ADD COLUMN experiment_id BIGINT;
UPDATE latest_metrics SET experiment_id = (
  SELECT e.experiment_id FROM runs r JOIN experiments e ON e.name = r.experiment_name
  WHERE r.run_id = latest_metrics.run_id);
CREATE INDEX latest_metrics_experiment_key_value_idx
  ON latest_metrics (key, experiment_id, value);
