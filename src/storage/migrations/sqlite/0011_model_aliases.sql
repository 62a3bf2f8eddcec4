-- Model aliases, rename and delete through the MLflow API (issue 12). The model_aliases table
-- itself came with 0009_mlflow (model_name, alias, version; primary key (model_name, alias);
-- renames cascade into it). What aliases, renames and deletes still need:
--
-- registered_models.deleted_at: MLflow's registered-models/delete is a soft delete in Cairn, so
-- a model's version numbers are never reused (deployments, drift events and the audit log name
-- versions by number); a deleted model and its versions are hidden from both APIs, and creating
-- the name again brings the row back with the next version number.
--
-- The one-production index ignores soft-deleted versions.

ALTER TABLE registered_models ADD COLUMN deleted_at INTEGER;
DROP INDEX model_versions_one_production_idx;
CREATE UNIQUE INDEX model_versions_one_production_idx ON model_versions (model_name)
  WHERE stage = 'production' AND deleted_at IS NULL;
