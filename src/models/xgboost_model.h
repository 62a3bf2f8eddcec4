// XgboostModel: an executable XGBoost booster loaded from a saved model file (JSON or UBJSON,
// as written by `Booster.save_model`), scored through XGBoost's C API (libxgboost).
//
// Inputs are dense row-major float32 matrices; NaN marks a missing cell (the DMatrix is built
// with missing = NaN, so trees follow their default directions). Predict returns, per row,
// `outputs_per_row()` float32 values: 1 for binary:logistic (probability of class 1) and
// regression (the raw value), K for multi:softprob (class probabilities). With `margin` the
// untransformed sum of leaf values plus base margin is returned instead (output_margin=True).
// All trees are used (iteration_range (0, 0)). Outputs equal Python's Booster.predict on the
// same libxgboost bit for bit.
//
// Errors: every C API failure becomes a Status carrying XGBGetLastError() (InvalidArgument for
// an unreadable/invalid model file or a feature-count mismatch, Internal otherwise).
// Thread safety: Predict is serialized by an internal mutex (one booster handle); distinct
// instances are independent.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::models {

struct XgboostOptions {
  // XGBoost's `nthread` for prediction; 0 = XGBoost's default (all cores).
  int nthread = 1;
};

// "1.7.4": the version of the linked libxgboost.
[[nodiscard]] std::string XgboostVersion();

class XgboostModel {
 public:
  // Loads the model file at `path`. Errors: InvalidArgument (missing or invalid file).
  static Result<std::unique_ptr<XgboostModel>> Load(const std::string& path,
                                                    XgboostOptions options = {});
  // Loads a model from its bytes (JSON, UBJSON or the legacy binary format, as XGBoost detects
  // them). Errors: InvalidArgument (not a model).
  static Result<std::unique_ptr<XgboostModel>> LoadFromMemory(std::string_view bytes,
                                                              XgboostOptions options = {});
  ~XgboostModel();
  XgboostModel(const XgboostModel&) = delete;
  XgboostModel& operator=(const XgboostModel&) = delete;

  // Number of input features the booster was trained with.
  int64_t num_features() const { return num_features_; }

  // Scores `rows` rows of `cols` features (row-major, NaN = missing). Returns rows *
  // outputs_per_row values. Errors: InvalidArgument when cols != num_features() or the data
  // size is not rows * cols; Internal for other XGBoost failures.
  Result<std::vector<float>> Predict(std::span<const float> data, int64_t rows, int64_t cols,
                                     bool margin = false);
  // Values per row of the last successful Predict (1 before any prediction).
  int64_t outputs_per_row() const { return outputs_per_row_; }

 private:
  XgboostModel() = default;

  void* booster_ = nullptr;  // BoosterHandle
  int64_t num_features_ = 0;
  int64_t outputs_per_row_ = 1;
  std::mutex mu_;
};

}  // namespace cairn::models
