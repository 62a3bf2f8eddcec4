-- experiments.run_count: the experiment's runs that are not deleted, kept by the statements that
-- create, delete and restore runs (in the same transaction, as one atomic UPDATE each), so that
-- listing experiments reads one column per experiment instead of counting each one's runs (issue
-- 15, scale_bench at 100 000 runs: the list took 239 ms, 31.6 times its cost at a tenth of the
-- data).

ALTER TABLE experiments ADD COLUMN run_count BIGINT NOT NULL DEFAULT 0;
UPDATE experiments SET run_count = (
  SELECT COUNT(*) FROM runs r WHERE r.experiment_name = experiments.name AND r.deleted_at IS NULL);
