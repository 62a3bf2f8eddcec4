// HTTP routes for datasets under /api/v1/features/datasets (SPEC §3). The upload streams the CSV
// body to a temporary file (RouteOptions::stream_body_to_file), so memory stays bounded.
#pragma once

#include "datasets/dataset_service.h"
#include "http/router.h"

namespace cairn::datasets {

inline constexpr char kDatasetsPrefix[] = "/api/v1/features/datasets";

void RegisterDatasetRoutes(http::Router& router, DatasetService& service);

}  // namespace cairn::datasets
