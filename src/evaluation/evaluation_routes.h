// HTTP routes of the evaluation harness under /api/v1/ml/evaluation (SPEC §4): short handlers
// that parse, call the service once and serialize.
//   POST /scenarios, GET /scenarios?task_type=&dataset_id=, GET|PATCH /scenarios/{name}
//   POST /runs (201 completed inline | 202 queued), GET /runs?scenario_name=&status=,
//   GET /runs/{run_id}, GET /runs/{run_id}/report
#pragma once

#include "evaluation/evaluation_service.h"
#include "http/router.h"

namespace cairn::evaluation {

inline constexpr char kEvaluationPrefix[] = "/api/v1/ml/evaluation";

void RegisterEvaluationRoutes(http::Router& router, EvaluationService& service);

}  // namespace cairn::evaluation
