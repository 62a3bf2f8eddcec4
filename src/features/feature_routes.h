// HTTP routes of the feature store under /api/v1/features (SPEC §3): features, versions, values,
// online and historical lookups, materialization. Datasets have their own routes
// (datasets/dataset_routes.h) under /api/v1/features/datasets.
#pragma once

#include "features/feature_service.h"
#include "http/router.h"

namespace cairn::features {

inline constexpr char kFeaturesPrefix[] = "/api/v1/features";

void RegisterFeatureRoutes(http::Router& router, FeatureService& service);

}  // namespace cairn::features
