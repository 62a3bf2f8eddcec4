// MLflow 2.x REST routes of the model registry, under /api/2.0/mlflow and /ajax-api/2.0/mlflow
// (docs/mlflow-compat.md): registered-models create/get/get-latest-versions; model-versions
// create/get/update/set-tag/delete-tag/transition-stage/delete; registered-models alias
// (set/get/delete), rename and delete. Each handler reads MLflow's request
// (JSON body, or the query string for GET), makes the same RegistryService call as the native
// API (so rules, audit and transactions are shared) and answers MLflow's JSON
// (src/mlflow/messages.h) or MLflow's error shape `{"error_code", "message"}`
// (src/mlflow/error.h), never problem+json.
//
// Thread safety: handlers are thread-safe (the service is).
#pragma once

#include "http/router.h"
#include "registry/registry_service.h"

namespace cairn::registry {

// `service` must outlive the router.
void RegisterMlflowRegistryRoutes(http::Router& router, RegistryService& service);

}  // namespace cairn::registry
