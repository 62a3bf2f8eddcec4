// MLflow 2.x REST routes of experiment tracking, under /api/2.0/mlflow and /ajax-api/2.0/mlflow
// (docs/mlflow-compat.md): experiments create/get/get-by-name/search/update/delete/restore/
// set-experiment-tag; runs create/get/update/delete/restore/search/log-metric/log-parameter/
// set-tag/delete-tag/log-batch; metrics/get-history. Each handler reads MLflow's request (JSON
// body, or the query string for GET), makes the same TrackingService call as its native twin
// (so rules, audit and transactions are shared) and answers MLflow's JSON (src/mlflow/messages.h)
// or MLflow's error shape `{"error_code", "message"}` (src/mlflow/error.h), never problem+json.
//
// Thread safety: handlers are thread-safe (the service is).
#pragma once

#include "http/router.h"
#include "tracking/tracking_service.h"

namespace cairn::tracking {

// `service` must outlive the router.
void RegisterMlflowTrackingRoutes(http::Router& router, TrackingService& service);

}  // namespace cairn::tracking
