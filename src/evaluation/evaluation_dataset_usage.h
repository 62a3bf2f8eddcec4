// EvaluationDatasetUsage: tells the datasets domain which scenarios evaluate a dataset and which
// queued or running runs use it, so that DELETE /features/datasets/{id} answers 409 meanwhile.
// Register with DatasetService::AddUsage in the composition root. Thread-safe.
#pragma once

#include "datasets/dataset_service.h"
#include "evaluation/evaluation_service.h"

namespace cairn::evaluation {

class EvaluationDatasetUsage : public datasets::DatasetUsage {
 public:
  explicit EvaluationDatasetUsage(EvaluationService& service) : service_(service) {}
  // Everything is answered inside the delete's transaction (race-free: scenarios and runs are
  // written holding the dataset).
  Result<std::vector<std::string>> UsersOfDataset(const std::string& /*dataset_id*/) override {
    return std::vector<std::string>{};
  }
  Result<std::vector<std::string>> UsersOfDatasetInTransaction(
      storage::Transaction& tx, const std::string& dataset_id) override {
    return service_.UsersOfDataset(tx, dataset_id);
  }

 private:
  EvaluationService& service_;
};

}  // namespace cairn::evaluation
