// Evaluation types <-> JSON (SPEC §4 field names). Parsers validate shape and types strictly
// (unknown fields → 400 with errors[]); domain rules (names, columns, metrics) are the
// service's. Pure functions; thread-safe.
#pragma once

#include <string>

#include "common/status.h"
#include "evaluation/types.h"

namespace cairn::evaluation {

// POST /scenarios. Errors: InvalidArgument.
Result<Scenario> ParseScenarioCreate(const std::string& body);
// PATCH /scenarios/{name}. Errors: InvalidArgument.
Result<ScenarioPatch> ParseScenarioPatch(const std::string& body);
// POST /runs. Errors: InvalidArgument.
Result<RunCreate> ParseRunCreate(const std::string& body);

std::string ScenarioToJson(const Scenario& s);
std::string ScenarioPageToJson(const Page<Scenario>& page);
std::string RunToJson(const EvalRun& r);
std::string RunPageToJson(const Page<EvalRun>& page);

// The full report of a completed run (SPEC §4 shape), as stored with the run.
std::string ReportToJson(const EvalRun& run, const Report& report);
// GET /runs/{id}/report: the stored report of a completed run; for a queued, running or failed
// run the same shape with verdict/metrics/... null or empty (and `failure_reason` for failed).
std::string RunReportToJson(const EvalRun& run);

// Storage encodings of scenario maps and lists (JSON text).
std::string ThresholdsToJson(const std::map<std::string, Threshold>& t);
std::map<std::string, Threshold> ThresholdsFromJson(const std::string& text);

}  // namespace cairn::evaluation
