// EvaluationDatasetUsage: tells the datasets domain which scenarios evaluate a dataset, so that
// DELETE /features/datasets/{id} answers 409 while a scenario still uses it. Register with
// DatasetService::AddUsage in the composition root. Thread-safe.
#pragma once

#include "datasets/dataset_service.h"
#include "evaluation/evaluation_service.h"

namespace cairn::evaluation {

class EvaluationDatasetUsage : public datasets::DatasetUsage {
 public:
  explicit EvaluationDatasetUsage(EvaluationService& service) : service_(service) {}
  Result<std::vector<std::string>> UsersOfDataset(const std::string& dataset_id) override {
    return service_.UsersOfDataset(dataset_id);
  }

 private:
  EvaluationService& service_;
};

}  // namespace cairn::evaluation
