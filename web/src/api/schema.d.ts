// Generated from openapi.json by web/scripts/gen-api.mjs (openapi-typescript). Do not edit.
export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The web console (a single-page app: its pages under /experiments, /models, /deployments, /drift, /features, /datasets, /evaluation, /prompts, /audit answer the same index.html) */
        get: operations["console"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/artifacts/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a run's artifacts under a path (ListArtifacts) */
        get: operations["mlflowAjax_get_artifacts_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/experiments/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an experiment (CreateExperiment) */
        post: operations["mlflowAjax_post_experiments_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/experiments/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Soft-delete an experiment and its runs (DeleteExperiment) */
        post: operations["mlflowAjax_post_experiments_delete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/experiments/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an experiment by id (GetExperiment) */
        get: operations["mlflowAjax_get_experiments_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/experiments/get-by-name": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an experiment by name (GetExperimentByName) */
        get: operations["mlflowAjax_get_experiments_get_by_name"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/experiments/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore a deleted experiment and its runs (RestoreExperiment) */
        post: operations["mlflowAjax_post_experiments_restore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/experiments/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search experiments (SearchExperiments, query string) */
        get: operations["mlflowAjax_get_experiments_search"];
        put?: never;
        /** Search experiments (SearchExperiments) */
        post: operations["mlflowAjax_post_experiments_search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/experiments/set-experiment-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set an experiment tag (SetExperimentTag) */
        post: operations["mlflowAjax_post_experiments_set_experiment_tag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/experiments/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rename an experiment (UpdateExperiment) */
        post: operations["mlflowAjax_post_experiments_update"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/metrics/get-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A metric's full history (GetMetricHistory) */
        get: operations["mlflowAjax_get_metrics_get_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A metric's sampled history over several runs (GetMetricHistoryBulkInterval) */
        get: operations["mlflowAjax_get_metrics_get_history_bulk_interval"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/model-versions/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register a model version from a source URI, optionally a run's (CreateModelVersion) */
        post: operations["mlflowAjax_post_model_versions_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/model-versions/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Soft-delete a model version (its number is never reused); refused in production or deployed (DeleteModelVersion) */
        delete: operations["mlflowAjax_delete_model_versions_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/model-versions/delete-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a model version tag (DeleteModelVersionTag) */
        delete: operations["mlflowAjax_delete_model_versions_delete_tag"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/model-versions/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a model version (GetModelVersion) */
        get: operations["mlflowAjax_get_model_versions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/model-versions/get-download-uri": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A model version's download URI: its source (GetModelVersionDownloadUri) */
        get: operations["mlflowAjax_get_model_versions_get_download_uri"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/model-versions/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search model versions with MLflow's filter grammar (SearchModelVersions) */
        get: operations["mlflowAjax_get_model_versions_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/model-versions/set-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a model version tag (SetModelVersionTag) */
        post: operations["mlflowAjax_post_model_versions_set_tag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/model-versions/transition-stage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a model version to a stage; Production goes through the promotion checklist and four-eyes rule (TransitionModelVersionStage) */
        post: operations["mlflowAjax_post_model_versions_transition_stage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/model-versions/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a model version's description (UpdateModelVersion) */
        patch: operations["mlflowAjax_patch_model_versions_update"];
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/registered-models/alias": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The version an alias names (GetModelVersionByAlias) */
        get: operations["mlflowAjax_get_registered_models_alias"];
        put?: never;
        /** Point an alias at a version, moving it if it exists (SetRegisteredModelAlias) */
        post: operations["mlflowAjax_post_registered_models_alias"];
        /** Delete an alias; an unknown alias is not an error (DeleteRegisteredModelAlias) */
        delete: operations["mlflowAjax_delete_registered_models_alias"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/registered-models/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a registered model with no versions (CreateRegisteredModel) */
        post: operations["mlflowAjax_post_registered_models_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/registered-models/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Soft-delete a registered model and its versions; refused with a version in production or deployed (DeleteRegisteredModel) */
        delete: operations["mlflowAjax_delete_registered_models_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/registered-models/delete-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a registered model tag (DeleteRegisteredModelTag) */
        delete: operations["mlflowAjax_delete_registered_models_delete_tag"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/registered-models/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a registered model (GetRegisteredModel) */
        get: operations["mlflowAjax_get_registered_models_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/registered-models/get-latest-versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The newest version in each stage (GetLatestVersions, query string) */
        get: operations["mlflowAjax_get_registered_models_get_latest_versions"];
        put?: never;
        /** The newest version in each stage (GetLatestVersions) */
        post: operations["mlflowAjax_post_registered_models_get_latest_versions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/registered-models/rename": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rename a registered model; versions and aliases follow; refused while deployed (RenameRegisteredModel) */
        post: operations["mlflowAjax_post_registered_models_rename"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/registered-models/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search registered models with MLflow's filter grammar (SearchRegisteredModels) */
        get: operations["mlflowAjax_get_registered_models_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/registered-models/set-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a registered model tag (SetRegisteredModelTag) */
        post: operations["mlflowAjax_post_registered_models_set_tag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/registered-models/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a registered model's description (UpdateRegisteredModel) */
        patch: operations["mlflowAjax_patch_registered_models_update"];
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/runs/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a run (CreateRun) */
        post: operations["mlflowAjax_post_runs_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/runs/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Soft-delete a run (DeleteRun) */
        post: operations["mlflowAjax_post_runs_delete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/runs/delete-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete a run tag (DeleteTag) */
        post: operations["mlflowAjax_post_runs_delete_tag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/runs/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a run (GetRun) */
        get: operations["mlflowAjax_get_runs_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/runs/log-batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log metrics, params and tags in one request (LogBatch) */
        post: operations["mlflowAjax_post_runs_log_batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/runs/log-inputs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the datasets a run used (LogInputs) */
        post: operations["mlflowAjax_post_runs_log_inputs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/runs/log-metric": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log one metric point (LogMetric) */
        post: operations["mlflowAjax_post_runs_log_metric"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/runs/log-model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a logged model in the run's mlflow.log-model.history tag (LogModel) */
        post: operations["mlflowAjax_post_runs_log_model"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/runs/log-parameter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log a parameter (LogParam) */
        post: operations["mlflowAjax_post_runs_log_parameter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/runs/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore a deleted run (RestoreRun) */
        post: operations["mlflowAjax_post_runs_restore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/runs/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Search runs with MLflow's filter grammar (SearchRuns) */
        post: operations["mlflowAjax_post_runs_search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/runs/set-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a run tag (SetTag) */
        post: operations["mlflowAjax_post_runs_set_tag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ajax-api/2.0/mlflow/runs/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Update a run's status, end time or name (UpdateRun) */
        post: operations["mlflowAjax_post_runs_update"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow-artifacts/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the artifact proxy's directory ?path= (experiments, runs, a run's artifacts) */
        get: operations["mlflowArtifactsList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow-artifacts/artifacts/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a run artifact through the proxy */
        get: operations["mlflowArtifactsGet"];
        /** Upload (or overwrite) a run artifact through the proxy; streamed, sha256 recorded */
        put: operations["mlflowArtifactsPut"];
        post?: never;
        /** Delete a run artifact, or every artifact under a directory */
        delete: operations["mlflowArtifactsDelete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow-artifacts/mpu/abort/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Multipart upload abort: not supported (501 NOT_IMPLEMENTED, as MLflow's server with a local store) */
        post: operations["mlflowMpu_abort"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow-artifacts/mpu/complete/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Multipart upload complete: not supported (501 NOT_IMPLEMENTED, as MLflow's server with a local store) */
        post: operations["mlflowMpu_complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow-artifacts/mpu/create/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Multipart upload create: not supported (501 NOT_IMPLEMENTED, as MLflow's server with a local store) */
        post: operations["mlflowMpu_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/artifacts/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a run's artifacts under a path (ListArtifacts) */
        get: operations["mlflow_get_artifacts_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/experiments/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an experiment (CreateExperiment) */
        post: operations["mlflow_post_experiments_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/experiments/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Soft-delete an experiment and its runs (DeleteExperiment) */
        post: operations["mlflow_post_experiments_delete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/experiments/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an experiment by id (GetExperiment) */
        get: operations["mlflow_get_experiments_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/experiments/get-by-name": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an experiment by name (GetExperimentByName) */
        get: operations["mlflow_get_experiments_get_by_name"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/experiments/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore a deleted experiment and its runs (RestoreExperiment) */
        post: operations["mlflow_post_experiments_restore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/experiments/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search experiments (SearchExperiments, query string) */
        get: operations["mlflow_get_experiments_search"];
        put?: never;
        /** Search experiments (SearchExperiments) */
        post: operations["mlflow_post_experiments_search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/experiments/set-experiment-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set an experiment tag (SetExperimentTag) */
        post: operations["mlflow_post_experiments_set_experiment_tag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/experiments/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rename an experiment (UpdateExperiment) */
        post: operations["mlflow_post_experiments_update"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/metrics/get-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A metric's full history (GetMetricHistory) */
        get: operations["mlflow_get_metrics_get_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/metrics/get-history-bulk-interval": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A metric's sampled history over several runs (GetMetricHistoryBulkInterval) */
        get: operations["mlflow_get_metrics_get_history_bulk_interval"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/model-versions/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register a model version from a source URI, optionally a run's (CreateModelVersion) */
        post: operations["mlflow_post_model_versions_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/model-versions/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Soft-delete a model version (its number is never reused); refused in production or deployed (DeleteModelVersion) */
        delete: operations["mlflow_delete_model_versions_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/model-versions/delete-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a model version tag (DeleteModelVersionTag) */
        delete: operations["mlflow_delete_model_versions_delete_tag"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/model-versions/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a model version (GetModelVersion) */
        get: operations["mlflow_get_model_versions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/model-versions/get-download-uri": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A model version's download URI: its source (GetModelVersionDownloadUri) */
        get: operations["mlflow_get_model_versions_get_download_uri"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/model-versions/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search model versions with MLflow's filter grammar (SearchModelVersions) */
        get: operations["mlflow_get_model_versions_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/model-versions/set-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a model version tag (SetModelVersionTag) */
        post: operations["mlflow_post_model_versions_set_tag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/model-versions/transition-stage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a model version to a stage; Production goes through the promotion checklist and four-eyes rule (TransitionModelVersionStage) */
        post: operations["mlflow_post_model_versions_transition_stage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/model-versions/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a model version's description (UpdateModelVersion) */
        patch: operations["mlflow_patch_model_versions_update"];
        trace?: never;
    };
    "/api/2.0/mlflow/registered-models/alias": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The version an alias names (GetModelVersionByAlias) */
        get: operations["mlflow_get_registered_models_alias"];
        put?: never;
        /** Point an alias at a version, moving it if it exists (SetRegisteredModelAlias) */
        post: operations["mlflow_post_registered_models_alias"];
        /** Delete an alias; an unknown alias is not an error (DeleteRegisteredModelAlias) */
        delete: operations["mlflow_delete_registered_models_alias"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/registered-models/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a registered model with no versions (CreateRegisteredModel) */
        post: operations["mlflow_post_registered_models_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/registered-models/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Soft-delete a registered model and its versions; refused with a version in production or deployed (DeleteRegisteredModel) */
        delete: operations["mlflow_delete_registered_models_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/registered-models/delete-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a registered model tag (DeleteRegisteredModelTag) */
        delete: operations["mlflow_delete_registered_models_delete_tag"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/registered-models/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a registered model (GetRegisteredModel) */
        get: operations["mlflow_get_registered_models_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/registered-models/get-latest-versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The newest version in each stage (GetLatestVersions, query string) */
        get: operations["mlflow_get_registered_models_get_latest_versions"];
        put?: never;
        /** The newest version in each stage (GetLatestVersions) */
        post: operations["mlflow_post_registered_models_get_latest_versions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/registered-models/rename": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rename a registered model; versions and aliases follow; refused while deployed (RenameRegisteredModel) */
        post: operations["mlflow_post_registered_models_rename"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/registered-models/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search registered models with MLflow's filter grammar (SearchRegisteredModels) */
        get: operations["mlflow_get_registered_models_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/registered-models/set-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a registered model tag (SetRegisteredModelTag) */
        post: operations["mlflow_post_registered_models_set_tag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/registered-models/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a registered model's description (UpdateRegisteredModel) */
        patch: operations["mlflow_patch_registered_models_update"];
        trace?: never;
    };
    "/api/2.0/mlflow/runs/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a run (CreateRun) */
        post: operations["mlflow_post_runs_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/runs/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Soft-delete a run (DeleteRun) */
        post: operations["mlflow_post_runs_delete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/runs/delete-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete a run tag (DeleteTag) */
        post: operations["mlflow_post_runs_delete_tag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/runs/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a run (GetRun) */
        get: operations["mlflow_get_runs_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/runs/log-batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log metrics, params and tags in one request (LogBatch) */
        post: operations["mlflow_post_runs_log_batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/runs/log-inputs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the datasets a run used (LogInputs) */
        post: operations["mlflow_post_runs_log_inputs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/runs/log-metric": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log one metric point (LogMetric) */
        post: operations["mlflow_post_runs_log_metric"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/runs/log-model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a logged model in the run's mlflow.log-model.history tag (LogModel) */
        post: operations["mlflow_post_runs_log_model"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/runs/log-parameter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log a parameter (LogParam) */
        post: operations["mlflow_post_runs_log_parameter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/runs/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore a deleted run (RestoreRun) */
        post: operations["mlflow_post_runs_restore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/runs/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Search runs with MLflow's filter grammar (SearchRuns) */
        post: operations["mlflow_post_runs_search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/runs/set-tag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a run tag (SetTag) */
        post: operations["mlflow_post_runs_set_tag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2.0/mlflow/runs/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Update a run's status, end time or name (UpdateRun) */
        post: operations["mlflow_post_runs_update"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit records, newest first */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in to the console: sets the session and CSRF cookies (rate-limited per user and per address: 429 with Retry-After). Like every /api/v1/auth route, 404 when authentication is off */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends the session and clears the cookies */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller (404 when authentication is off: the identity is then X-Cairn-User) */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change one's own password (ends one's sessions) */
        put: operations["changeOwnPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API tokens: one's own, or (admins) anyone's */
        get: operations["listTokens"];
        put?: never;
        /** Create an API token; the secret is in the answer only (role at most the owner's and the caller's) */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One token (others' tokens are 404 to non-admins) */
        get: operations["getToken"];
        put?: never;
        post?: never;
        /** Revoke a token (idempotent; effective at once on this server, within the credential cache TTL on others) */
        delete: operations["revokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users, newest first */
        get: operations["listUsers"];
        put?: never;
        /** Create a user */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/users/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change display name, role or disabled (disabling ends the user's sessions; the last enabled admin cannot be demoted or disabled: 409) */
        patch: operations["patchUser"];
        trace?: never;
    };
    "/api/v1/auth/users/{name}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Reset a user's password (ends their sessions) */
        put: operations["setUserPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/features": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List features (latest versions), newest first */
        get: operations["listFeatures"];
        put?: never;
        /** Create a feature (version 1) */
        post: operations["createFeature"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/features/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A feature at its latest version, or at ?version= */
        get: operations["getFeature"];
        put?: never;
        post?: never;
        /** Archive a feature (kept for history) */
        delete: operations["archiveFeature"];
        options?: never;
        head?: never;
        /** Update metadata (never creates a version) */
        patch: operations["patchFeature"];
        trace?: never;
    };
    "/api/v1/features/{name}/materialize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Load values from a dataset's entity/timestamp/value columns (all or nothing) */
        post: operations["materializeFeature"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/features/{name}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All versions, newest first (not paged: limit or page_token is 400) */
        get: operations["listFeatureVersions"];
        put?: never;
        /** New version: must change value_type, schema or source; changelog required */
        post: operations["createFeatureVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/features/{name}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One immutable version */
        get: operations["getFeatureVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/features/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List datasets (without profiles), newest first */
        get: operations["listDatasets"];
        put?: never;
        /** Upload a CSV dataset (streamed; RFC 4180; types inferred; profile computed). A bad row is 400 naming line and column, and nothing is stored. */
        post: operations["uploadDataset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/features/datasets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dataset detail with profile */
        get: operations["getDataset"];
        put?: never;
        post?: never;
        /** Delete a dataset no feature, scenario or queued or running evaluation run uses (409 naming them) */
        delete: operations["deleteDataset"];
        options?: never;
        head?: never;
        /** Update description and tags (the data, schema and profile are immutable; tags replace the whole map) */
        patch: operations["patchDataset"];
        trace?: never;
    };
    "/api/v1/features/datasets/{id}/rows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Preview rows (paged with offset and limit; page_token is 400) */
        get: operations["previewDatasetRows"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/features/historical": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Point-in-time join: each feature's latest value with event_time <= the row's */
        post: operations["getHistoricalFeatures"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/features/online": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Latest value per key and feature */
        get: operations["getOnlineFeatures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/features/values": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Write feature values (1..10000 rows, all or nothing; equal (feature, key, event_time) = last write wins) */
        post: operations["writeFeatureValues"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/evaluation/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List evaluation runs, newest first */
        get: operations["listEvaluationRuns"];
        put?: never;
        /** Evaluate a scenario. Runs without model execution over fewer than 50 000 rows complete inline (201); others are queued as background jobs (202) */
        post: operations["createEvaluationRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/evaluation/runs/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Evaluation run status */
        get: operations["getEvaluationRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/evaluation/runs/{run_id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Evaluation report (results null until the run completes) */
        get: operations["getEvaluationReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/evaluation/scenarios": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List scenarios, newest first */
        get: operations["listScenarios"];
        put?: never;
        /** Create an evaluation scenario (dataset, columns and model are validated) */
        post: operations["createScenario"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/evaluation/scenarios/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Scenario detail */
        get: operations["getScenario"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a scenario (re-validated; null clears an optional field) */
        patch: operations["patchScenario"];
        trace?: never;
    };
    "/api/v1/ml/lifecycle/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List deployments, newest first */
        get: operations["listDeployments"];
        put?: never;
        /** Create a deployment (pending) */
        post: operations["createDeployment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/deployments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deployment detail */
        get: operations["getDeployment"];
        put?: never;
        post?: never;
        /** Terminate (kept for history) */
        delete: operations["deleteDeployment"];
        options?: never;
        head?: never;
        /** Status (validated by the state machine), health, metrics, config */
        patch: operations["patchDeployment"];
        trace?: never;
    };
    "/api/v1/ml/lifecycle/drift-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List drift events, newest first */
        get: operations["listDriftEvents"];
        put?: never;
        /** Record a drift event */
        post: operations["createDriftEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/drift/compute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Per-column drift (KS, PSI, JS, Wasserstein; chi-square for categorical) between a reference and a current sample; with model_name, drifted columns are recorded as events */
        post: operations["computeDrift"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/experiments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List experiments */
        get: operations["listExperiments"];
        put?: never;
        /** Create an experiment */
        post: operations["createExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/experiments/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Experiment detail with run counts and latest runs */
        get: operations["getExperiment"];
        put?: never;
        post?: never;
        /** Soft-delete an experiment and its runs (lifecycle_stage deleted; hidden from lists unless ?lifecycle=deleted|all; 404 when already deleted) */
        delete: operations["deleteExperiment"];
        options?: never;
        head?: never;
        /** Update an experiment */
        patch: operations["patchExperiment"];
        trace?: never;
    };
    "/api/v1/ml/lifecycle/experiments/{name}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore a soft-deleted experiment and the runs deleted with it (404 when not deleted) */
        post: operations["restoreExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List model versions, newest first */
        get: operations["listModelVersions"];
        put?: never;
        /** Register the next version of a model (copies a run's latest metrics and params when run_id is given) */
        post: operations["registerModelVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/models/{model_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A model with all its versions (newest first; not paged: limit or page_token is 400, page versions with GET /models?model_name=) */
        get: operations["getModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/models/{model_name}/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Model version detail */
        get: operations["getModelVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Tick/untick checklist items, change stage (production needs every required item; archives the previous production version), description, tags */
        patch: operations["patchModelVersion"];
        trace?: never;
    };
    "/api/v1/ml/lifecycle/models/{model_name}/{version}/artifact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the model file */
        get: operations["getModelArtifact"];
        /** Upload the model file (raw bytes, streamed to disk, sha256 recorded, write-once) */
        put: operations["putModelArtifact"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/models/{model_name}/aliases/{alias}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The version an alias names */
        get: operations["getModelAlias"];
        /** Point an alias (MLflow's rule: [A-Za-z0-9_-], at most 255, not latest or v<digits>) at a version, moving it if it names another */
        put: operations["putModelAlias"];
        post?: never;
        /** Remove an alias (an unknown alias of an existing model is 204 too) */
        delete: operations["deleteModelAlias"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/models/{model_name}/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Compare versions: metric values, best version, deltas against the first listed version, differing params */
        post: operations["compareModelVersions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List and search runs */
        get: operations["listRuns"];
        put?: never;
        /** Start a run */
        post: operations["createRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/runs/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Run detail */
        get: operations["getRun"];
        put?: never;
        post?: never;
        /** Soft-delete a run (lifecycle_stage deleted; idempotent) */
        delete: operations["deleteRun"];
        options?: never;
        head?: never;
        /** Update a run (status, end time, tags, new params) */
        patch: operations["patchRun"];
        trace?: never;
    };
    "/api/v1/ml/lifecycle/runs/{run_id}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a run's artifacts (all of them: not paged; limit or page_token is 400) */
        get: operations["listArtifacts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/runs/{run_id}/artifacts/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an artifact */
        get: operations["getArtifact"];
        /** Upload an artifact (raw bytes, streamed to disk, sha256 recorded) */
        put: operations["putArtifact"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/runs/{run_id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log a batch of metric points (all or nothing) */
        post: operations["logMetrics"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/runs/{run_id}/metrics/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Metric history ordered by step */
        get: operations["getMetricHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ml/lifecycle/runs/{run_id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore a soft-deleted run (idempotent) */
        post: operations["restoreRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompt-governance/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Automatic evaluation of a stored version ({template_id, version}; recorded on drafts) or of an inline {body, variables}
         * @description Injection, PII, secret and banned-term rules match the body after Unicode normalisation (NFKC; zero-width, bidi and other format characters removed; tag characters read as ASCII), so fullwidth or invisibly split text does not hide them. Every PII category (email, phone, card passing Luhn, Korean RRN with a valid checksum) and every secret shape is blocking: passed is false and submit answers 409.
         */
        post: operations["evaluatePrompt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompt-governance/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The evaluation rule catalogue (ids, categories, severities, weights) and the configured budget */
        get: operations["listPromptRules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompt-governance/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List templates, newest first (versions without bodies) */
        get: operations["listPromptTemplates"];
        put?: never;
        /** Create a template and its version 1 (draft); owner = caller */
        post: operations["createPromptTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompt-governance/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Template with all versions and labels */
        get: operations["getPromptTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update description and tags (tags replace the whole map) */
        patch: operations["patchPromptTemplate"];
        trace?: never;
    };
    "/api/v1/prompt-governance/templates/{id}/{version}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** pending_review → approved; the approver must be neither the author, the submitter nor an editor (403) */
        post: operations["approvePromptVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompt-governance/templates/{id}/{version}/deprecate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** approved → deprecated; refused (409) while a label points at the version */
        post: operations["deprecatePromptVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompt-governance/templates/{id}/{version}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** pending_review → rejected; comment required */
        post: operations["rejectPromptVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompt-governance/templates/{id}/{version}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** draft → pending_review; runs the evaluation on the exact body and fails (409, errors[] lists blocking findings) unless it passes */
        post: operations["submitPromptVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompt-governance/templates/{id}/{version}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Usage summary with exact latency percentiles */
        get: operations["getPromptUsage"];
        put?: never;
        /** Log one use of an approved version (409 otherwise) */
        post: operations["logPromptUsage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompt-governance/templates/{id}/labels/{label}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Point a label at an approved version (moves it atomically; If-Match names the label's revision) */
        put: operations["putPromptLabel"];
        post?: never;
        /** Remove a label */
        delete: operations["deletePromptLabel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompt-governance/templates/{id}/render": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render an approved version by label or version; values are inserted literally */
        post: operations["renderPrompt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompt-governance/templates/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a new draft version */
        post: operations["createPromptVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompt-governance/templates/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version */
        get: operations["getPromptVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a draft version (other statuses are immutable: 409) */
        patch: operations["patchPromptVersion"];
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Swagger UI (redirects to /docs/index.html) */
        get: operations["docsRedirect"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Swagger UI assets */
        get: operations["docs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** MLflow's health check (answers OK) */
        get: operations["mlflowHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: operations["openapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness (storage reachable) */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The MLflow version whose REST API Cairn emulates (2.12.2) */
        get: operations["mlflowVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Artifact: {
            path?: string;
            sha256?: string;
            size_bytes?: number;
        };
        AuditRecord: {
            action?: string;
            actor?: string;
            /** Format: date-time */
            at?: string;
            id?: number;
            resource_id?: string;
            resource_type?: string;
            summary?: {
                [key: string]: unknown;
            };
        };
        Autoscaling: {
            max_replicas: number;
            min_replicas: number;
            target_rps: number;
        };
        ChecklistItem: {
            description?: string;
            done?: boolean;
            /** Format: date-time */
            done_at?: string | null;
            done_by?: string | null;
            key?: string;
            note?: string;
            required?: boolean;
        };
        ColumnProfile: {
            count?: number;
            distinct?: number;
            distinct_exact?: boolean;
            histogram?: {
                counts?: number[];
                edges?: number[];
            } | null;
            max?: number | string | null;
            mean?: number | string | null;
            min?: number | string | null;
            missing?: number;
            /** @description p1 p5 p25 p50 p75 p95 p99 (numpy linear) */
            quantiles?: Record<string, never> | null;
            std?: number | null;
            top_values?: {
                count?: number;
                value?: string;
            }[] | null;
            top_values_exact?: boolean;
            /** @enum {unknown} */
            type?: "int64" | "float64" | "bool" | "timestamp" | "string";
        };
        CompareRequest: {
            metrics?: string[];
            versions: number[];
        };
        Comparison: {
            metrics?: {
                [key: string]: {
                    best_version?: number | null;
                    /** @description keyed by version number */
                    deltas?: {
                        [key: string]: number | null;
                    };
                    higher_is_better?: boolean;
                    /** @description keyed by version number */
                    values?: {
                        [key: string]: number | null;
                    };
                };
            };
            model_name?: string;
            params_diff?: {
                [key: string]: {
                    [key: string]: string | null;
                };
            };
            versions?: number[];
        };
        CreatedToken: components["schemas"]["Token"] & {
            /** @description cairn_ + 43 base64url characters; shown only here */
            token: string;
        };
        Dataset: {
            columns?: {
                name?: string;
                /** @enum {unknown} */
                type?: "int64" | "float64" | "bool" | "timestamp" | "string";
            }[];
            /** Format: date-time */
            created_at?: string;
            created_by?: string;
            description?: string;
            /** Format: uuid */
            id?: string;
            name?: string;
            profile?: {
                [key: string]: components["schemas"]["ColumnProfile"];
            };
            revision?: number;
            row_count?: number;
            schema?: {
                [key: string]: "int64" | "float64" | "bool" | "timestamp" | "string";
            };
            sha256?: string;
            size_bytes?: number;
            source_type?: string;
            stored_bytes?: number;
            table_name?: string;
            tags?: {
                [key: string]: string;
            };
            /** Format: date-time */
            updated_at?: string;
        };
        DatasetRows: {
            columns?: string[];
            dataset_id?: string;
            limit?: number;
            offset?: number;
            rows?: {
                [key: string]: unknown;
            }[];
            total?: number;
        };
        Deployment: {
            config?: components["schemas"]["EndpointConfig"];
            /** Format: date-time */
            created_at?: string;
            created_by?: string;
            /** Format: date-time */
            deployed_at?: string | null;
            endpoint?: string;
            /** @enum {unknown} */
            environment?: "development" | "staging" | "production";
            /** @enum {unknown} */
            health_status?: "unknown" | "healthy" | "degraded" | "unhealthy";
            /** Format: uuid */
            id?: string;
            metrics?: components["schemas"]["DeploymentMetrics"];
            model_name?: string;
            model_version?: number;
            revision?: number;
            /** @enum {unknown} */
            status?: "pending" | "validating" | "deploying" | "active" | "failed" | "rollback" | "terminated";
            /** Format: date-time */
            updated_at?: string;
            updated_by?: string;
        };
        DeploymentCreate: {
            config?: components["schemas"]["EndpointConfig"];
            endpoint?: string;
            /** @enum {unknown} */
            environment: "development" | "staging" | "production";
            model_name: string;
            model_version: number;
        };
        DeploymentMetrics: {
            error_count?: number;
            error_rate?: number;
            latency_p50_ms?: number;
            latency_p95_ms?: number;
            latency_p99_ms?: number;
            request_count?: number;
            requests_per_second?: number;
        };
        DeploymentPatch: {
            config?: components["schemas"]["EndpointConfig"];
            /** @enum {unknown} */
            health_status?: "unknown" | "healthy" | "degraded" | "unhealthy";
            metrics?: components["schemas"]["DeploymentMetrics"];
            /** @enum {unknown} */
            status?: "pending" | "validating" | "deploying" | "active" | "failed" | "rollback" | "terminated";
        };
        DriftColumn: {
            chi2?: {
                dof?: number;
                p_value?: number;
                statistic?: number;
            };
            drifted?: boolean;
            histogram?: {
                categories?: string[];
                current?: number[];
                edges?: number[];
                reference?: number[];
            };
            js?: number;
            ks?: {
                p_value?: number;
                statistic?: number;
            };
            missing_current?: number;
            missing_reference?: number;
            n_current?: number;
            n_reference?: number;
            psi?: number;
            /** @enum {unknown} */
            severity?: "low" | "medium" | "high" | "critical";
            /** @enum {unknown} */
            type?: "numeric" | "categorical";
            wasserstein?: number;
        };
        DriftComputeRequest: {
            columns?: string[];
            current?: {
                [key: string]: (number | string | null)[];
            };
            current_dataset_id?: string;
            /** Format: uuid */
            deployment_id?: string;
            model_name?: string;
            model_version?: number;
            reference?: {
                [key: string]: (number | string | null)[];
            };
            reference_dataset_id?: string;
        };
        DriftEvent: {
            created_by?: string;
            deployment_id?: string | null;
            details?: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            detected_at?: string;
            feature?: string;
            /** Format: uuid */
            id?: string;
            /** @enum {unknown} */
            method?: "psi" | "ks" | "js" | "wasserstein" | "chi2";
            model_name?: string;
            model_version?: number | null;
            p_value?: number | null;
            score?: number;
            /** @enum {unknown} */
            severity?: "low" | "medium" | "high" | "critical";
            threshold?: number | null;
            /** Format: date-time */
            window_end?: string | null;
            /** Format: date-time */
            window_start?: string | null;
        };
        DriftEventCreate: {
            /** Format: uuid */
            deployment_id?: string;
            details?: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            detected_at?: string;
            feature: string;
            /** @enum {unknown} */
            method: "psi" | "ks" | "js" | "wasserstein" | "chi2";
            model_name: string;
            model_version?: number;
            p_value?: number;
            score: number;
            /**
             * @description default for method psi: the PSI band of score
             * @enum {unknown}
             */
            severity?: "low" | "medium" | "high" | "critical";
            threshold?: number;
            /** Format: date-time */
            window_end?: string;
            /** Format: date-time */
            window_start?: string;
        };
        DriftReport: {
            columns?: {
                [key: string]: components["schemas"]["DriftColumn"];
            };
            dataset_drift?: boolean;
            drift_share?: number;
            events?: string[];
        };
        EndpointConfig: {
            autoscaling?: components["schemas"]["Autoscaling"] | null;
            /** @default 1 */
            max_batch_size?: number;
            /** @default 1 */
            replicas?: number;
            /** @default 30000 */
            timeout_ms?: number;
            /** @default 100 */
            traffic_percent?: number;
        };
        EvaluationReport: {
            compliance: {
                /** Format: date-time */
                completed_at?: string;
                dataset_id?: string;
                dataset_sha256?: string;
                decision_threshold?: number;
                evaluation_passed_ticked?: boolean;
                evaluator_version?: string;
                model_format?: string | null;
                model_name?: string | null;
                model_sha256?: string | null;
                model_version?: number | null;
                n_rows_excluded?: number;
                /** Format: date-time */
                requested_at?: string;
                run_by?: string;
                scenario_revision?: number;
                /** Format: date-time */
                started_at?: string;
            } | null;
            /** @description rows = true class, columns = predicted class */
            confusion_matrix: {
                labels?: (string | number)[];
                matrix?: number[][];
            } | null;
            explainability: {
                metric?: string;
                /** @description feature → mean drop of the primary metric (roc_auc, accuracy, r2) when the column is permuted */
                permutation_importance?: {
                    [key: string]: number;
                };
                permutation_importance_std?: {
                    [key: string]: number;
                };
                repeats?: number;
                seed?: number;
            } | null;
            failure_reason?: string | null;
            /** @description metric → value (null when undefined, e.g. roc_auc with one class) */
            metrics: {
                [key: string]: number | null;
            };
            n_rows: number | null;
            run_id: string;
            scenario_name: string;
            /** @description slice value → metrics; missing values form the slice "(missing)" */
            slices: {
                [key: string]: {
                    /** @description metric → value (null when undefined, e.g. roc_auc with one class) */
                    metrics?: {
                        [key: string]: number | null;
                    };
                    n_rows?: number;
                };
            } | null;
            /** @enum {unknown} */
            status: "queued" | "running" | "completed" | "failed";
            thresholds: {
                actual?: number | null;
                metric?: string;
                op?: string;
                passed?: boolean;
                value?: number;
            }[];
            /** @enum {unknown} */
            verdict: "pass" | "fail" | null;
            /** @description metric → max − min over the slices where it is defined */
            worst_slice_gap: {
                [key: string]: {
                    gap?: number;
                    max?: number;
                    max_slice?: string;
                    min?: number;
                    min_slice?: string;
                };
            } | null;
        };
        EvaluationRun: {
            /** Format: date-time */
            created_at?: string;
            created_by?: string;
            failure_reason?: string | null;
            /** Format: date-time */
            finished_at?: string | null;
            model_name?: string | null;
            n_rows?: number | null;
            revision?: number;
            /** Format: uuid */
            run_id?: string;
            scenario_name?: string;
            scenario_revision?: number;
            /** Format: date-time */
            started_at?: string | null;
            /** @enum {unknown} */
            status?: "queued" | "running" | "completed" | "failed";
            /** @enum {unknown} */
            verdict?: "pass" | "fail" | null;
            version?: number | null;
        };
        EvaluationRunCreate: {
            /** @description Execute this model version instead of the scenario's prediction source */
            model_name?: string;
            scenario_name: string;
            version?: number;
        };
        Experiment: {
            /** Format: date-time */
            created_at?: string;
            created_by?: string;
            /** Format: date-time */
            deleted_at?: string | null;
            description?: string;
            /** @description The MLflow API's experiment id (as decimal text there) */
            experiment_id?: number;
            /** @enum {unknown} */
            lifecycle_stage?: "active" | "deleted";
            name?: string;
            owner?: string;
            revision?: number;
            run_count?: number;
            /** @enum {unknown} */
            status?: "active" | "completed" | "archived";
            tags?: {
                [key: string]: string;
            };
            /** Format: date-time */
            updated_at?: string;
        };
        ExperimentCreate: {
            description?: string;
            name: string;
            owner?: string;
            tags?: {
                [key: string]: string;
            };
        };
        ExperimentDetail: components["schemas"]["Experiment"] & {
            latest_runs?: components["schemas"]["Run"][];
            run_counts?: {
                [key: string]: number;
            };
        };
        ExperimentPatch: {
            description?: string;
            owner?: string;
            /** @enum {unknown} */
            status?: "active" | "completed" | "archived";
            tags?: {
                [key: string]: string;
            };
        };
        Feature: {
            changelog?: string;
            /** Format: date-time */
            created_at?: string;
            created_by?: string;
            description?: string;
            entity?: string;
            latest_version?: number;
            name?: string;
            owner?: string;
            revision?: number;
            schema?: components["schemas"]["FeatureSchema"];
            source?: Record<string, never> | null;
            /** @enum {unknown} */
            status?: "active" | "deprecated" | "archived";
            tags?: {
                [key: string]: string;
            };
            /** Format: date-time */
            updated_at?: string;
            updated_by?: string;
            /** @enum {unknown} */
            value_type?: "int64" | "float64" | "string" | "bool" | "timestamp" | "float_vector";
            version?: number;
            /** Format: date-time */
            version_created_at?: string;
        };
        FeatureCreate: {
            changelog?: string;
            description?: string;
            entity: string;
            name: string;
            owner?: string;
            schema?: components["schemas"]["FeatureSchema"];
            source?: components["schemas"]["FeatureSource"];
            /** @enum {unknown} */
            status?: "active" | "deprecated" | "archived";
            tags?: {
                [key: string]: string;
            };
            /** @enum {unknown} */
            value_type: "int64" | "float64" | "string" | "bool" | "timestamp" | "float_vector";
        };
        FeaturePatch: {
            description?: string;
            owner?: string;
            /** @enum {unknown} */
            status?: "active" | "deprecated" | "archived";
            tags?: {
                [key: string]: string;
            };
        };
        FeatureSchema: {
            allowed?: (number | string | boolean)[];
            dimension?: number;
            max?: number;
            min?: number;
            /** @default true */
            nullable?: boolean;
        };
        FeatureSource: {
            column: string;
            dataset_id: string;
        } | {
            transformation: string;
        } | string;
        FeatureValueBatch: {
            rows: components["schemas"]["FeatureValueRow"][];
        };
        FeatureValueRow: {
            entity_key: string;
            /** Format: date-time */
            event_time: string;
            feature: string;
            /** @description A value of the feature's type: number, string, bool, RFC 3339 string (timestamp), array of numbers (float_vector) or null */
            value: unknown;
        };
        FeatureVersion: {
            changelog?: string;
            /** Format: date-time */
            created_at?: string;
            created_by?: string;
            name?: string;
            schema?: components["schemas"]["FeatureSchema"];
            source?: Record<string, never> | null;
            /** @enum {unknown} */
            value_type?: "int64" | "float64" | "string" | "bool" | "timestamp" | "float_vector";
            version?: number;
        };
        FeatureVersionCreate: {
            changelog: string;
            schema?: components["schemas"]["FeatureSchema"];
            source?: components["schemas"]["FeatureSource"] | null;
            /** @enum {unknown} */
            value_type?: "int64" | "float64" | "string" | "bool" | "timestamp" | "float_vector";
        };
        HistoricalRequest: {
            entity_rows: {
                entity_key: string;
                /** Format: date-time */
                event_time: string;
            }[];
            features: string[];
        };
        HistoricalResponse: {
            rows?: {
                entity_key?: string;
                /** Format: date-time */
                event_time?: string;
                values?: {
                    [key: string]: unknown;
                };
            }[];
        };
        LoginRequest: {
            /** Format: password */
            password: string;
            user: string;
        };
        MaterializeRequest: {
            dataset_id: string;
            entity_column: string;
            timestamp_column: string;
            value_column: string;
        };
        Me: {
            /** @enum {unknown} */
            auth_method?: "token" | "session";
            display_name?: string;
            name?: string;
            /**
             * @description The role the caller acts with now
             * @enum {unknown}
             */
            role?: "viewer" | "editor" | "approver" | "admin";
            /**
             * Format: date-time
             * @description Login answer only
             */
            session_expires_at?: string;
            token_id?: string | null;
            /** @enum {unknown} */
            user_role?: "viewer" | "editor" | "approver" | "admin";
        };
        MetricBatch: {
            metrics: components["schemas"]["MetricPoint"][];
        };
        MetricHistory: {
            downsampled?: boolean;
            items?: {
                step?: number;
                timestamp?: number;
                value?: number;
            }[];
            key?: string;
        };
        MetricPoint: {
            key: string;
            /** @default 0 */
            step?: number;
            /** @description ms since the Unix epoch; default now */
            timestamp?: number;
            value: number;
        };
        MetricValue: {
            step?: number;
            /** @description ms since the Unix epoch */
            timestamp?: number;
            value?: number;
        };
        MlflowError: {
            error_code: string;
            message: string;
        };
        Model: {
            /** @description alias -> version */
            aliases?: {
                [key: string]: number;
            };
            /** Format: date-time */
            created_at?: string;
            latest_version?: number;
            model_name?: string;
            production_version?: number | null;
            /** Format: date-time */
            updated_at?: string;
            versions?: components["schemas"]["ModelVersion"][];
        };
        ModelAliasPut: {
            version: number;
        };
        ModelArtifact: {
            /** @enum {unknown} */
            format?: "xgboost-json" | "onnx" | "other";
            path?: string;
            sha256?: string;
            size_bytes?: number;
        };
        ModelVersion: {
            /** @description the model's aliases naming this version, sorted */
            aliases?: string[];
            artifact?: components["schemas"]["ModelArtifact"] | null;
            checklist?: components["schemas"]["ChecklistItem"][];
            /** Format: date-time */
            created_at?: string;
            created_by?: string;
            description?: string;
            metrics?: {
                [key: string]: number;
            };
            model_name?: string;
            params?: {
                [key: string]: string;
            };
            revision?: number;
            run_id?: string | null;
            /** @enum {unknown} */
            stage?: "none" | "staging" | "production" | "archived";
            tags?: {
                [key: string]: string;
            };
            /** Format: date-time */
            updated_at?: string;
            updated_by?: string;
            version?: number;
        };
        ModelVersionCreate: {
            description?: string;
            metrics?: {
                [key: string]: number;
            };
            model_name: string;
            params?: {
                [key: string]: string;
            };
            /** Format: uuid */
            run_id?: string;
            tags?: {
                [key: string]: string;
            };
        };
        ModelVersionPatch: {
            checklist?: {
                done: boolean;
                key: string;
                note?: string;
            }[];
            description?: string;
            /** @enum {unknown} */
            stage?: "none" | "staging" | "production" | "archived";
            tags?: {
                [key: string]: string;
            };
        };
        OnlineResponse: {
            entity?: string;
            rows?: {
                entity_key?: string;
                event_times?: {
                    [key: string]: string | null;
                };
                values?: {
                    [key: string]: unknown;
                };
            }[];
        };
        PasswordChange: {
            /** Format: password */
            current_password: string;
            /** Format: password */
            new_password: string;
        };
        PasswordReset: {
            /** Format: password */
            password: string;
        };
        Problem: {
            code?: string;
            detail?: string;
            errors?: {
                field?: string;
                message?: string;
            }[];
            instance?: string;
            status: number;
            title: string;
            type: string;
        };
        PromptEvaluateRequest: {
            body?: string;
            /** Format: uuid */
            template_id?: string;
            variables?: components["schemas"]["PromptVariable"][];
            version?: number;
        };
        PromptEvaluation: {
            body_bytes?: number;
            body_chars?: number;
            body_sha256?: string;
            estimated_tokens?: number;
            /** Format: date-time */
            evaluated_at?: string | null;
            evaluated_by?: string | null;
            findings?: components["schemas"]["PromptFinding"][];
            findings_total?: number;
            /** @description false iff a high or critical finding (every PII and secret rule is one) or a score below 50 */
            passed?: boolean;
            /** @constant */
            position_unit?: "byte";
            /** @description 100 − Σ weights (info 0, low 5, medium 15, high 40, critical 100), floor 0 */
            score?: number;
            token_budget?: number;
            truncated?: boolean;
        };
        PromptFinding: {
            category?: string;
            /** @description Byte offset (exclusive) */
            end?: number | null;
            message?: string;
            /** @example pii.email */
            rule?: string;
            /** @enum {unknown} */
            severity?: "info" | "low" | "medium" | "high" | "critical";
            /** @description Byte offset into the body as sent (the pattern rules match an NFKC copy without format characters; the range covers what they removed inside the match) */
            start?: number | null;
        };
        PromptLabel: {
            label?: string;
            /** @description The label's own revision: 1 when created, +1 per move */
            revision?: number;
            template_id?: string;
            version?: number;
        };
        PromptRenderRequest: {
            label?: string;
            variables?: {
                [key: string]: string | number | boolean;
            };
            version?: number;
        };
        PromptReview: {
            /** @description Required to reject */
            comment?: string;
        };
        PromptTemplate: {
            /** Format: date-time */
            created_at?: string;
            created_by?: string;
            description?: string;
            /** Format: uuid */
            id?: string;
            labels?: {
                [key: string]: number;
            };
            latest_version?: number;
            name?: string;
            owner?: string;
            revision?: number;
            tags?: {
                [key: string]: string;
            };
            /** Format: date-time */
            updated_at?: string;
            versions?: components["schemas"]["PromptVersion"][];
        };
        PromptTemplateCreate: {
            /** @description Text with {{variable}} placeholders; \{{ is a literal {{ */
            body: string;
            description?: string;
            model_hint?: string;
            name: string;
            parameters?: {
                [key: string]: unknown;
            };
            tags?: {
                [key: string]: string;
            };
            variables?: components["schemas"]["PromptVariable"][];
        };
        PromptUsageCreate: {
            app: string;
            cost_usd?: number;
            error?: string;
            input_tokens?: number;
            latency_ms: number;
            output_tokens?: number;
            /** @default true */
            success?: boolean;
        };
        PromptUsageEvent: {
            app?: string;
            /** Format: date-time */
            at?: string;
            cost_usd?: number;
            error?: string | null;
            input_tokens?: number;
            latency_ms?: number;
            logged_by?: string;
            output_tokens?: number;
            success?: boolean;
        };
        PromptUsageSummary: {
            cost_usd?: number;
            count?: number;
            input_tokens?: number;
            latency_ms?: {
                p50?: number | null;
                p95?: number | null;
            };
            output_tokens?: number;
            recent?: components["schemas"]["PromptUsageEvent"][];
            /** Format: date-time */
            since?: string | null;
            success_rate?: number | null;
        };
        PromptVariable: {
            default?: string | null;
            description?: string;
            name: string;
            /** @default false */
            required?: boolean;
        };
        PromptVersion: {
            body?: string;
            body_sha256?: string;
            /** Format: date-time */
            created_at?: string;
            created_by?: string;
            edited_by?: string[];
            evaluation?: components["schemas"]["PromptEvaluation"] | null;
            labels?: string[];
            model_hint?: string;
            parameters?: {
                [key: string]: unknown;
            };
            review_comment?: string | null;
            /** Format: date-time */
            reviewed_at?: string | null;
            reviewed_by?: string | null;
            revision?: number;
            /** @enum {unknown} */
            status?: "draft" | "pending_review" | "approved" | "rejected" | "deprecated";
            /** Format: date-time */
            submitted_at?: string | null;
            submitted_by?: string | null;
            /** Format: uuid */
            template_id?: string;
            /** Format: date-time */
            updated_at?: string;
            variables?: components["schemas"]["PromptVariable"][];
            version?: number;
        };
        PromptVersionCreate: {
            body: string;
            model_hint?: string;
            parameters?: {
                [key: string]: unknown;
            };
            variables?: components["schemas"]["PromptVariable"][];
        };
        PromptVersionPatch: {
            body?: string;
            model_hint?: string;
            parameters?: {
                [key: string]: unknown;
            };
            variables?: components["schemas"]["PromptVariable"][];
        };
        Run: {
            artifacts?: components["schemas"]["Artifact"][];
            created_by?: string;
            /** Format: date-time */
            deleted_at?: string | null;
            /** Format: date-time */
            end_time?: string | null;
            experiment_id?: number;
            experiment_name?: string;
            inputs?: string[];
            /** @enum {unknown} */
            lifecycle_stage?: "active" | "deleted";
            metrics?: {
                [key: string]: components["schemas"]["MetricValue"];
            };
            name?: string;
            params?: {
                [key: string]: string;
            };
            revision?: number;
            /** Format: uuid */
            run_id?: string;
            source?: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            start_time?: string;
            /** @enum {unknown} */
            status?: "running" | "completed" | "failed" | "killed";
            tags?: {
                [key: string]: string;
            };
        };
        RunCreate: {
            experiment_name: string;
            inputs?: string[];
            name?: string;
            params?: {
                [key: string]: string;
            };
            source?: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            start_time?: string;
            tags?: {
                [key: string]: string;
            };
        };
        RunPatch: {
            /** Format: date-time */
            end_time?: string;
            params?: {
                [key: string]: string;
            };
            /** @enum {unknown} */
            status?: "running" | "completed" | "failed" | "killed";
            tags?: {
                [key: string]: string;
            };
        };
        Scenario: {
            /** Format: date-time */
            created_at?: string;
            created_by?: string;
            /** @description A dataset of the feature store (/api/v1/features/datasets) */
            dataset_id?: string;
            /**
             * @description binary: predicted class = score >= this
             * @default 0.5
             */
            decision_threshold?: number;
            description?: string;
            /** @description Numeric model inputs in the model's feature order; missing cells → NaN */
            feature_columns?: string[];
            /**
             * @description Permutation importance repeats (0 disables)
             * @default 5
             */
            importance_repeats?: number;
            /** @default 1 */
            importance_seed?: number;
            /** @description binary: numeric 0/1; multiclass: any type (compared as strings); regression: numeric */
            label_column?: string;
            /** @description Metrics to report (default all of the task's). binary: accuracy, precision, recall, f1, roc_auc, log_loss, brier; multiclass: accuracy, precision_macro, recall_macro, f1_macro, f1_weighted; regression: rmse, mae, r2, mape */
            metrics?: string[];
            /** @description Model to execute instead of a prediction column (artifact format xgboost-json) */
            model_name?: string | null;
            name?: string;
            /** @description multiclass/regression: predictions in the dataset */
            prediction_column?: string | null;
            revision?: number;
            /** @description binary only: numeric P(class 1) in the dataset */
            score_column?: string | null;
            /** @description Per-slice metrics and worst-slice gaps for each value of this column */
            slice_column?: string | null;
            tags?: {
                [key: string]: string;
            };
            /** @enum {unknown} */
            task_type?: "binary_classification" | "multiclass_classification" | "regression";
            /** @description metric → {op, value}; the verdict passes when every threshold passes */
            thresholds?: {
                [key: string]: {
                    /** @enum {unknown} */
                    op: ">=" | ">" | "<=" | "<" | "==";
                    value: number;
                };
            };
            /** Format: date-time */
            updated_at?: string;
            updated_by?: string;
            version?: number;
        };
        ScenarioCreate: {
            /** @description A dataset of the feature store (/api/v1/features/datasets) */
            dataset_id: string;
            /**
             * @description binary: predicted class = score >= this
             * @default 0.5
             */
            decision_threshold?: number;
            description?: string;
            /** @description Numeric model inputs in the model's feature order; missing cells → NaN */
            feature_columns?: string[];
            /**
             * @description Permutation importance repeats (0 disables)
             * @default 5
             */
            importance_repeats?: number;
            /** @default 1 */
            importance_seed?: number;
            /** @description binary: numeric 0/1; multiclass: any type (compared as strings); regression: numeric */
            label_column: string;
            /** @description Metrics to report (default all of the task's). binary: accuracy, precision, recall, f1, roc_auc, log_loss, brier; multiclass: accuracy, precision_macro, recall_macro, f1_macro, f1_weighted; regression: rmse, mae, r2, mape */
            metrics?: string[];
            /** @description Model to execute instead of a prediction column (artifact format xgboost-json) */
            model_name?: string;
            name: string;
            /** @description multiclass/regression: predictions in the dataset */
            prediction_column?: string;
            /** @description binary only: numeric P(class 1) in the dataset */
            score_column?: string;
            /** @description Per-slice metrics and worst-slice gaps for each value of this column */
            slice_column?: string;
            tags?: {
                [key: string]: string;
            };
            /** @enum {unknown} */
            task_type: "binary_classification" | "multiclass_classification" | "regression";
            /** @description metric → {op, value}; the verdict passes when every threshold passes */
            thresholds?: {
                [key: string]: {
                    /** @enum {unknown} */
                    op: ">=" | ">" | "<=" | "<" | "==";
                    value: number;
                };
            };
            version?: number;
        };
        ScenarioPatch: {
            /** @description A dataset of the feature store (/api/v1/features/datasets) */
            dataset_id?: string;
            /**
             * @description binary: predicted class = score >= this
             * @default 0.5
             */
            decision_threshold?: number;
            description?: string;
            /** @description Numeric model inputs in the model's feature order; missing cells → NaN */
            feature_columns?: string[];
            /**
             * @description Permutation importance repeats (0 disables)
             * @default 5
             */
            importance_repeats?: number;
            /** @default 1 */
            importance_seed?: number;
            /** @description binary: numeric 0/1; multiclass: any type (compared as strings); regression: numeric */
            label_column?: string;
            /** @description Metrics to report (default all of the task's). binary: accuracy, precision, recall, f1, roc_auc, log_loss, brier; multiclass: accuracy, precision_macro, recall_macro, f1_macro, f1_weighted; regression: rmse, mae, r2, mape */
            metrics?: string[];
            /** @description Model to execute instead of a prediction column (artifact format xgboost-json) */
            model_name?: string | null;
            /** @description multiclass/regression: predictions in the dataset */
            prediction_column?: string | null;
            /** @description binary only: numeric P(class 1) in the dataset */
            score_column?: string | null;
            /** @description Per-slice metrics and worst-slice gaps for each value of this column */
            slice_column?: string | null;
            tags?: {
                [key: string]: string;
            };
            /** @enum {unknown} */
            task_type?: "binary_classification" | "multiclass_classification" | "regression";
            /** @description metric → {op, value}; the verdict passes when every threshold passes */
            thresholds?: {
                [key: string]: {
                    /** @enum {unknown} */
                    op: ">=" | ">" | "<=" | "<" | "==";
                    value: number;
                };
            };
            version?: number;
        };
        Token: {
            /** Format: date-time */
            created_at?: string;
            created_by?: string;
            /** Format: date-time */
            expires_at?: string | null;
            /** Format: uuid */
            id?: string;
            /**
             * Format: date-time
             * @description Refreshed at most once a minute
             */
            last_used_at?: string | null;
            name?: string;
            /** @description The first characters of the secret */
            prefix?: string;
            /** Format: date-time */
            revoked_at?: string | null;
            revoked_by?: string | null;
            /** @enum {unknown} */
            role?: "viewer" | "editor" | "approver" | "admin";
            user?: string;
        };
        TokenCreate: {
            /** Format: date-time */
            expires_at?: string;
            /**
             * @description Duration such as 90d, 12h, 30m, or 'never'; default 90d
             * @example 90d
             */
            expires_in?: string;
            name: string;
            /**
             * @description Default: the most the caller may grant
             * @enum {unknown}
             */
            role?: "viewer" | "editor" | "approver" | "admin";
            /** @description Owner; default the caller (others: admins only) */
            user?: string;
        };
        User: {
            /** Format: date-time */
            created_at?: string;
            created_by?: string;
            disabled?: boolean;
            display_name?: string;
            name?: string;
            revision?: number;
            /** @enum {unknown} */
            role?: "viewer" | "editor" | "approver" | "admin";
            /** Format: date-time */
            updated_at?: string;
        };
        UserCreate: {
            display_name?: string;
            /** @description Stored lower-cased */
            name: string;
            /** Format: password */
            password: string;
            /** @enum {unknown} */
            role: "viewer" | "editor" | "approver" | "admin";
        };
        UserPatch: {
            disabled?: boolean;
            display_name?: string;
            /** @enum {unknown} */
            role?: "viewer" | "editor" | "approver" | "admin";
        };
    };
    responses: {
        /** @description Invalid input (errors[] names the fields) */
        E400: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Missing, invalid, expired or revoked credentials (WWW-Authenticate: Bearer realm="cairn") */
        E401: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The caller's role does not allow this (or a session write without X-CSRF-Token) */
        E403: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not found */
        E404: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Method not allowed */
        E405: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Conflict */
        E409: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Revision mismatch */
        E412: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Body too large */
        E413: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unsupported content type */
        E415: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests (Retry-After says when to retry) */
        E429: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The server is busy with other heavy computations, or the client disconnected (Retry-After says when to retry) */
        E503: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    console: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description index.html */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description The console is not built */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    mlflowAjax_get_artifacts_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_experiments_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_experiments_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_get_experiments_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_get_experiments_get_by_name: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_experiments_restore: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_get_experiments_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_experiments_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_experiments_set_experiment_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_experiments_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_get_metrics_get_history: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_get_metrics_get_history_bulk_interval: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_model_versions_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_delete_model_versions_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_delete_model_versions_delete_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_get_model_versions_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_get_model_versions_get_download_uri: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_get_model_versions_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_model_versions_set_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_model_versions_transition_stage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_patch_model_versions_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_get_registered_models_alias: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_registered_models_alias: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_delete_registered_models_alias: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_registered_models_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_delete_registered_models_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_delete_registered_models_delete_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_get_registered_models_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_get_registered_models_get_latest_versions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_registered_models_get_latest_versions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_registered_models_rename: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_get_registered_models_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_registered_models_set_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_patch_registered_models_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_runs_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_runs_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_runs_delete_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_get_runs_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_runs_log_batch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_runs_log_inputs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_runs_log_metric: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_runs_log_model: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_runs_log_parameter: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_runs_restore: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_runs_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_runs_set_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowAjax_post_runs_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowArtifactsList: {
        parameters: {
            query?: {
                /** @description Directory */
                path?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Files */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    mlflowArtifactsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description <experiment id>/<run id>/artifacts/<artifact path> */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowArtifactsPut: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description <experiment id>/<run id>/artifacts/<artifact path> */
                path: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowArtifactsDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description <experiment id>/<run id>/artifacts/<artifact path> */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflowMpu_abort: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description <experiment id>/<run id>/artifacts/<artifact path> */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
        };
    };
    mlflowMpu_complete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description <experiment id>/<run id>/artifacts/<artifact path> */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
        };
    };
    mlflowMpu_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description <experiment id>/<run id>/artifacts/<artifact path> */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
        };
    };
    mlflow_get_artifacts_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_experiments_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_experiments_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_get_experiments_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_get_experiments_get_by_name: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_experiments_restore: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_get_experiments_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_experiments_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_experiments_set_experiment_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_experiments_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_get_metrics_get_history: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_get_metrics_get_history_bulk_interval: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_model_versions_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_delete_model_versions_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_delete_model_versions_delete_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_get_model_versions_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_get_model_versions_get_download_uri: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_get_model_versions_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_model_versions_set_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_model_versions_transition_stage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_patch_model_versions_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_get_registered_models_alias: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_registered_models_alias: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_delete_registered_models_alias: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_registered_models_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_delete_registered_models_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_delete_registered_models_delete_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_get_registered_models_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_get_registered_models_get_latest_versions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_registered_models_get_latest_versions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_registered_models_rename: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_get_registered_models_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_registered_models_set_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_patch_registered_models_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_runs_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_runs_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_runs_delete_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_get_runs_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_runs_log_batch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_runs_log_inputs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_runs_log_metric: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_runs_log_model: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_runs_log_parameter: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_runs_restore: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_runs_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_runs_set_tag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    mlflow_post_runs_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description MLflow's response message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            /** @description MLflow error (INVALID_PARAMETER_VALUE 400, RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST 404, ...) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowError"];
                };
            };
            429: components["responses"]["E429"];
        };
    };
    listAudit: {
        parameters: {
            query?: {
                /** @description Who made the change */
                actor?: string;
                /** @description Page size (default 50, max 1000) */
                limit?: number;
                /** @description Opaque cursor from next_page_token */
                page_token?: string;
                /** @description `type` or `type/id`, e.g. `run/<uuid>` */
                resource?: string;
                /** @description RFC 3339 time */
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Audit page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AuditRecord"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    /** @description no-store */
                    "Cache-Control"?: string;
                    /** @description cairn_session (HttpOnly, SameSite=Strict, Secure when configured) and cairn_csrf (readable by the console, echoed in X-CSRF-Token) */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    /** @description cairn_session (HttpOnly, SameSite=Strict, Secure when configured) and cairn_csrf (readable by the console, echoed in X-CSRF-Token) */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    changeOwnPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChange"];
            };
        };
        responses: {
            /** @description Changed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    listTokens: {
        parameters: {
            query?: {
                /** @description true to include revoked tokens */
                include_revoked?: boolean;
                /** @description Page size (default 50, max 1000) */
                limit?: number;
                /** @description Opaque cursor from next_page_token */
                page_token?: string;
                /** @description Owner (admins only for others) */
                user?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Token"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    createToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenCreate"];
            };
        };
        responses: {
            /** @description Created; `token` holds the secret, shown once */
            201: {
                headers: {
                    /** @description no-store */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedToken"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Token id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Token"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Token id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Token"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 1000) */
                limit?: number;
                /** @description Opaque cursor from next_page_token */
                page_token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["User"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            409: components["responses"]["E409"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    patchUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description User name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserPatch"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    setUserPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordReset"];
            };
        };
        responses: {
            /** @description Set */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    listFeatures: {
        parameters: {
            query?: {
                /** @description Entity */
                entity?: string;
                /** @description Page size (default 50, max 1000) */
                limit?: number;
                /** @description Owner */
                owner?: string;
                /** @description Opaque cursor from next_page_token */
                page_token?: string;
                /** @description Case-insensitive substring of name or description */
                q?: string;
                /** @description active|deprecated|archived */
                status?: string;
                /** @description `key` or `key:value` */
                tag?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Feature"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    createFeature: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FeatureCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Feature"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            409: components["responses"]["E409"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getFeature: {
        parameters: {
            query?: {
                /** @description Version number */
                version?: number;
            };
            header?: never;
            path: {
                /** @description Feature name (`datasets`, `values`, `online`, `historical` are reserved) */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Feature */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Feature"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    archiveFeature: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Feature name (`datasets`, `values`, `online`, `historical` are reserved) */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Archived */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Feature"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            412: components["responses"]["E412"];
            429: components["responses"]["E429"];
        };
    };
    patchFeature: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Feature name (`datasets`, `values`, `online`, `historical` are reserved) */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FeaturePatch"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Feature"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    materializeFeature: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Feature name (`datasets`, `values`, `online`, `historical` are reserved) */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MaterializeRequest"];
            };
        };
        responses: {
            /** @description Written */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        written: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    listFeatureVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Feature name (`datasets`, `values`, `online`, `historical` are reserved) */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Versions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["FeatureVersion"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    createFeatureVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Feature name (`datasets`, `values`, `online`, `historical` are reserved) */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FeatureVersionCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Feature"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getFeatureVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Feature name (`datasets`, `values`, `online`, `historical` are reserved) */
                name: string;
                /** @description Version number */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeatureVersion"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    listDatasets: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 1000) */
                limit?: number;
                /** @description Dataset name */
                name?: string;
                /** @description Opaque cursor from next_page_token */
                page_token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Dataset"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    uploadDataset: {
        parameters: {
            query?: {
                /** @description Description */
                description?: string;
                /** @description Dataset name (required) */
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            413: components["responses"]["E413"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
            503: components["responses"]["E503"];
        };
    };
    getDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dataset id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Dataset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    deleteDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dataset id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
        };
    };
    patchDataset: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Dataset id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    tags?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    previewDatasetRows: {
        parameters: {
            query?: {
                /** @description Rows (default 100, max 1000) */
                limit?: number;
                /** @description First row (default 0) */
                offset?: number;
            };
            header?: never;
            path: {
                /** @description Dataset id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetRows"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    getHistoricalFeatures: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HistoricalRequest"];
            };
        };
        responses: {
            /** @description Rows in request order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoricalResponse"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            413: components["responses"]["E413"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
            503: components["responses"]["E503"];
        };
    };
    getOnlineFeatures: {
        parameters: {
            query?: {
                /** @description Entity of every feature */
                entity?: string;
                /** @description Comma-separated feature names (1..100) */
                features?: string;
                /** @description Comma-separated entity keys (1..1000) */
                keys?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rows in key order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnlineResponse"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    writeFeatureValues: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FeatureValueBatch"];
            };
        };
        responses: {
            /** @description Written */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        written: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            409: components["responses"]["E409"];
            413: components["responses"]["E413"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    listEvaluationRuns: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 1000) */
                limit?: number;
                /** @description Opaque cursor from next_page_token */
                page_token?: string;
                /** @description Scenario */
                scenario_name?: string;
                /** @description queued|running|completed|failed */
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["EvaluationRun"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    createEvaluationRun: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationRunCreate"];
            };
        };
        responses: {
            /** @description Completed (or failed) inline */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationRun"];
                };
            };
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationRun"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
            503: components["responses"]["E503"];
        };
    };
    getEvaluationRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Evaluation run id (UUID) */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationRun"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    getEvaluationReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Evaluation run id (UUID) */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationReport"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    listScenarios: {
        parameters: {
            query?: {
                /** @description Dataset id */
                dataset_id?: string;
                /** @description Page size (default 50, max 1000) */
                limit?: number;
                /** @description Opaque cursor from next_page_token */
                page_token?: string;
                /** @description binary_classification|multiclass_classification|regression */
                task_type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Scenario"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    createScenario: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScenarioCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Scenario"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            413: components["responses"]["E413"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getScenario: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Scenario name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Scenario */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Scenario"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    patchScenario: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Scenario name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScenarioPatch"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Scenario"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    listDeployments: {
        parameters: {
            query?: {
                /** @description development|staging|production */
                environment?: string;
                /** @description Page size (default 50, max 1000) */
                limit?: number;
                /** @description Model name */
                model_name?: string;
                /** @description Opaque cursor from next_page_token */
                page_token?: string;
                /** @description Deployment status */
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Deployment"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    createDeployment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeploymentCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getDeployment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Deployment id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deployment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    deleteDeployment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Deployment id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Terminated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            429: components["responses"]["E429"];
        };
    };
    patchDeployment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Deployment id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeploymentPatch"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    listDriftEvents: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 1000) */
                limit?: number;
                /** @description Model name */
                model_name?: string;
                /** @description Opaque cursor from next_page_token */
                page_token?: string;
                /** @description low|medium|high|critical */
                severity?: string;
                /** @description RFC 3339; detected_at >= since */
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["DriftEvent"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    createDriftEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DriftEventCreate"];
            };
        };
        responses: {
            /** @description Recorded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DriftEvent"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    computeDrift: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DriftComputeRequest"];
            };
        };
        responses: {
            /** @description Report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DriftReport"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            413: components["responses"]["E413"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
            /** @description Datasets not available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listExperiments: {
        parameters: {
            query?: {
                /** @description active (default): not soft-deleted; deleted: soft-deleted only; all */
                lifecycle?: "active" | "deleted" | "all";
                /** @description Page size (default 50, max 1000) */
                limit?: number;
                /** @description Owner */
                owner?: string;
                /** @description Opaque cursor from next_page_token */
                page_token?: string;
                /** @description active|completed|archived */
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Experiment"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    createExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            409: components["responses"]["E409"];
            413: components["responses"]["E413"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Experiment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentDetail"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    deleteExperiment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Experiment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            412: components["responses"]["E412"];
            429: components["responses"]["E429"];
        };
    };
    patchExperiment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Experiment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentPatch"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    restoreExperiment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Experiment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Restored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            412: components["responses"]["E412"];
            429: components["responses"]["E429"];
        };
    };
    listModelVersions: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 1000) */
                limit?: number;
                /** @description Model name */
                model_name?: string;
                /** @description Opaque cursor from next_page_token */
                page_token?: string;
                /** @description none|staging|production|archived */
                stage?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ModelVersion"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    registerModelVersion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelVersionCreate"];
            };
        };
        responses: {
            /** @description Registered */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelVersion"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name */
                model_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Model */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Model"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    getModelVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name */
                model_name: string;
                /** @description Version number (1, 2, 3 ...) */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelVersion"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    patchModelVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Model name */
                model_name: string;
                /** @description Version number (1, 2, 3 ...) */
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelVersionPatch"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelVersion"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getModelArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name */
                model_name: string;
                /** @description Version number (1, 2, 3 ...) */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes (X-Content-SHA256 header) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    putModelArtifact: {
        parameters: {
            query?: {
                /** @description Stored file name (default model.json/model.onnx/model.bin) */
                filename?: string;
                /** @description xgboost-json|onnx|other; detected when absent */
                format?: "xgboost-json" | "onnx" | "other";
            };
            header?: never;
            path: {
                /** @description Model name */
                model_name: string;
                /** @description Version number (1, 2, 3 ...) */
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelVersion"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            413: components["responses"]["E413"];
            429: components["responses"]["E429"];
        };
    };
    getModelAlias: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Alias name (e.g. champion) */
                alias: string;
                /** @description Model name */
                model_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelVersion"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    putModelAlias: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Alias name (e.g. champion) */
                alias: string;
                /** @description Model name */
                model_name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelAliasPut"];
            };
        };
        responses: {
            /** @description The version the alias now names */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelVersion"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    deleteModelAlias: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Alias name (e.g. champion) */
                alias: string;
                /** @description Model name */
                model_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    compareModelVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Model name */
                model_name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompareRequest"];
            };
        };
        responses: {
            /** @description Comparison */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comparison"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    listRuns: {
        parameters: {
            query?: {
                /** @description Experiment */
                experiment_name?: string;
                /** @description e.g. metrics.auc > 0.8 and params.depth = '6' and tags.team = 'alpha' */
                filter?: string;
                /** @description active (default): not soft-deleted; deleted: soft-deleted only; all */
                lifecycle?: "active" | "deleted" | "all";
                /** @description Page size (default 50, max 1000) */
                limit?: number;
                /** @description e.g. metrics.auc DESC */
                order_by?: string;
                /** @description Opaque cursor from next_page_token */
                page_token?: string;
                /** @description running|completed|failed|killed */
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Run"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    createRun: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Run id (UUID) */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    deleteRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Run id (UUID) */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            412: components["responses"]["E412"];
            429: components["responses"]["E429"];
        };
    };
    patchRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Run id (UUID) */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunPatch"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    listArtifacts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Run id (UUID) */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Artifacts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items?: components["schemas"]["Artifact"][];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    getArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Relative artifact path */
                path: string;
                /** @description Run id (UUID) */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    putArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Relative artifact path; may contain '/' */
                path: string;
                /** @description Run id (UUID) */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Artifact"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            413: components["responses"]["E413"];
            429: components["responses"]["E429"];
        };
    };
    logMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Run id (UUID) */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MetricBatch"];
            };
        };
        responses: {
            /** @description Accepted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            413: components["responses"]["E413"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getMetricHistory: {
        parameters: {
            query?: {
                /** @description Downsample to at most this many points, keeping the min/max shape */
                max_points?: number;
                /** @description Highest step */
                max_step?: number;
                /** @description Lowest step */
                min_step?: number;
            };
            header?: never;
            path: {
                /** @description Metric key */
                key: string;
                /** @description Run id (UUID) */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description History */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetricHistory"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    restoreRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Run id (UUID) */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Restored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            412: components["responses"]["E412"];
            429: components["responses"]["E429"];
        };
    };
    evaluatePrompt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromptEvaluateRequest"];
            };
        };
        responses: {
            /** @description Evaluation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptEvaluation"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    listPromptRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rules */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        banned_terms_count?: number;
                        /** @description A finding of one of these severities fails the evaluation */
                        blocking_severities?: ("info" | "low" | "medium" | "high" | "critical")[];
                        items?: {
                            category?: string;
                            description?: string;
                            id?: string;
                            /** @enum {unknown} */
                            severity?: "info" | "low" | "medium" | "high" | "critical";
                            weight?: number;
                        }[];
                        /** @description How the body is normalised before the pattern rules match it */
                        normalization?: string;
                        /** @description An evaluation with a lower score fails */
                        passing_score?: number;
                        /** @constant */
                        position_unit?: "byte";
                        token_budget?: number;
                    };
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    listPromptTemplates: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 1000) */
                limit?: number;
                /** @description Owner (creating actor) */
                owner?: string;
                /** @description Opaque cursor from next_page_token */
                page_token?: string;
                /** @description Templates having a version in this status */
                status?: "draft" | "pending_review" | "approved" | "rejected" | "deprecated";
                /** @description `key` (has the tag) or `key=value` / `key:value` */
                tag?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PromptTemplate"][];
                        next_page_token: string | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            429: components["responses"]["E429"];
        };
    };
    createPromptTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromptTemplateCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptTemplate"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            409: components["responses"]["E409"];
            413: components["responses"]["E413"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getPromptTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Template id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Template */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptTemplate"];
                };
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    patchPromptTemplate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Template id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    tags?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptTemplate"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    approvePromptVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Template id (UUID) */
                id: string;
                /** @description Version number (1, 2, ...) */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PromptReview"];
            };
        };
        responses: {
            /** @description The version after the transition */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptVersion"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    deprecatePromptVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Template id (UUID) */
                id: string;
                /** @description Version number (1, 2, ...) */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PromptReview"];
            };
        };
        responses: {
            /** @description The version after the transition */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptVersion"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    rejectPromptVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Template id (UUID) */
                id: string;
                /** @description Version number (1, 2, ...) */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PromptReview"];
            };
        };
        responses: {
            /** @description The version after the transition */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptVersion"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    submitPromptVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Template id (UUID) */
                id: string;
                /** @description Version number (1, 2, ...) */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PromptReview"];
            };
        };
        responses: {
            /** @description The version after the transition */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptVersion"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getPromptUsage: {
        parameters: {
            query?: {
                /** @description Number of newest events to include (0-100, default 20) */
                recent?: number;
                /** @description RFC 3339 time (inclusive) */
                since?: string;
            };
            header?: never;
            path: {
                /** @description Template id (UUID) */
                id: string;
                /** @description Version number (1, 2, ...) */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Summary */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptUsageSummary"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    logPromptUsage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Template id (UUID) */
                id: string;
                /** @description Version number (1, 2, ...) */
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromptUsageCreate"];
            };
        };
        responses: {
            /** @description Logged */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptUsageEvent"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    putPromptLabel: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Template id (UUID) */
                id: string;
                /** @description Label name, e.g. production */
                label: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    version: number;
                };
            };
        };
        responses: {
            /** @description Label */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptLabel"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    deletePromptLabel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Template id (UUID) */
                id: string;
                /** @description Label name, e.g. production */
                label: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    renderPrompt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Template id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromptRenderRequest"];
            };
        };
        responses: {
            /** @description Rendered text */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        label?: string | null;
                        text?: string;
                        version?: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    createPromptVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Template id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromptVersionCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptVersion"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            413: components["responses"]["E413"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    getPromptVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Template id (UUID) */
                id: string;
                /** @description Version number (1, 2, ...) */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptVersion"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
        };
    };
    patchPromptVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale value gives 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Template id (UUID) */
                id: string;
                /** @description Version number (1, 2, ...) */
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromptVersionPatch"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptVersion"];
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            412: components["responses"]["E412"];
            415: components["responses"]["E415"];
            429: components["responses"]["E429"];
        };
    };
    docsRedirect: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect to /docs/index.html */
            301: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    docs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Asset path; index.html is the UI page */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Asset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            404: components["responses"]["E404"];
        };
    };
    mlflowHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status?: string;
                    };
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    openapi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenAPI 3.1 document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status?: string;
                    };
                };
            };
            /** @description Storage unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    mlflowVersion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 2.12.2 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
}
