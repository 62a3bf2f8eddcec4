#include "models/xgboost_model.h"

#include <xgboost/c_api.h>

#include <cmath>
#include <filesystem>
#include <limits>

namespace cairn::models {
namespace {

Status XgbError(StatusCode code, const std::string& what) {
  const char* last = XGBGetLastError();
  return Status(code, "xgboost: " + what + ": " + (last && *last ? last : "unknown error"));
}

// Frees a DMatrix handle on scope exit.
class DMatrix {
 public:
  DMatrix() = default;
  ~DMatrix() {
    if (handle_) XGDMatrixFree(handle_);
  }
  DMatrix(const DMatrix&) = delete;
  DMatrix& operator=(const DMatrix&) = delete;
  DMatrixHandle* out() { return &handle_; }
  DMatrixHandle get() const { return handle_; }

 private:
  DMatrixHandle handle_ = nullptr;
};

}  // namespace

std::string XgboostVersion() {
  int major = 0, minor = 0, patch = 0;
  XGBoostVersion(&major, &minor, &patch);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

namespace {

// Sets the options on a freshly loaded booster and reads its feature count.
Status Configure(BoosterHandle booster, XgboostOptions options, int64_t& num_features) {
  const std::string nthread = std::to_string(options.nthread);
  if (options.nthread > 0 && XGBoosterSetParam(booster, "nthread", nthread.c_str()) != 0) {
    return XgbError(StatusCode::kInternal, "cannot set nthread");
  }
  bst_ulong features = 0;
  if (XGBoosterGetNumFeature(booster, &features) != 0) {
    return XgbError(StatusCode::kInvalidArgument, "cannot read the number of features");
  }
  num_features = static_cast<int64_t>(features);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<XgboostModel>> XgboostModel::Load(const std::string& path,
                                                         XgboostOptions options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return InvalidArgument("xgboost: model file '" + path + "' does not exist");
  }
  std::unique_ptr<XgboostModel> model(new XgboostModel());
  BoosterHandle booster = nullptr;
  if (XGBoosterCreate(nullptr, 0, &booster) != 0) {
    return XgbError(StatusCode::kInternal, "cannot create booster");
  }
  model->booster_ = booster;  // owned from here on (freed by the destructor)
  if (XGBoosterLoadModel(booster, path.c_str()) != 0) {
    return XgbError(StatusCode::kInvalidArgument, "cannot load model '" + path + "'");
  }
  RETURN_IF_ERROR(Configure(booster, options, model->num_features_));
  return model;
}

Result<std::unique_ptr<XgboostModel>> XgboostModel::LoadFromMemory(std::string_view bytes,
                                                                   XgboostOptions options) {
  // XGBoost recognises JSON by its first byte.
  while (!bytes.empty() && (bytes.front() == ' ' || bytes.front() == '\t' ||
                            bytes.front() == '\n' || bytes.front() == '\r')) {
    bytes.remove_prefix(1);
  }
  if (bytes.empty()) return InvalidArgument("xgboost: the model is empty");
  std::unique_ptr<XgboostModel> model(new XgboostModel());
  BoosterHandle booster = nullptr;
  if (XGBoosterCreate(nullptr, 0, &booster) != 0) {
    return XgbError(StatusCode::kInternal, "cannot create booster");
  }
  model->booster_ = booster;  // owned from here on (freed by the destructor)
  if (XGBoosterLoadModelFromBuffer(booster, bytes.data(), static_cast<bst_ulong>(bytes.size())) !=
      0) {
    return XgbError(StatusCode::kInvalidArgument, "cannot load the model");
  }
  RETURN_IF_ERROR(Configure(booster, options, model->num_features_));
  return model;
}

XgboostModel::~XgboostModel() {
  if (booster_) XGBoosterFree(static_cast<BoosterHandle>(booster_));
}

Result<std::vector<float>> XgboostModel::Predict(std::span<const float> data, int64_t rows,
                                                 int64_t cols, bool margin) {
  if (rows < 0 || cols <= 0 || static_cast<int64_t>(data.size()) != rows * cols) {
    return InvalidArgument("xgboost: data size " + std::to_string(data.size()) +
                           " is not rows * cols = " + std::to_string(rows) + " * " +
                           std::to_string(cols));
  }
  if (cols != num_features_) {
    return InvalidArgument("xgboost: the model expects " + std::to_string(num_features_) +
                           " features, got " + std::to_string(cols));
  }
  if (rows == 0) return std::vector<float>();
  std::lock_guard lock(mu_);
  DMatrix dmat;
  if (XGDMatrixCreateFromMat(data.data(), static_cast<bst_ulong>(rows),
                             static_cast<bst_ulong>(cols), std::numeric_limits<float>::quiet_NaN(),
                             dmat.out()) != 0) {
    return XgbError(StatusCode::kInternal, "cannot build the input matrix");
  }
  const char* config = margin ? R"({"type":1,"training":false,"iteration_begin":0,)"
                                R"("iteration_end":0,"strict_shape":false})"
                              : R"({"type":0,"training":false,"iteration_begin":0,)"
                                R"("iteration_end":0,"strict_shape":false})";
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* result = nullptr;
  if (XGBoosterPredictFromDMatrix(static_cast<BoosterHandle>(booster_), dmat.get(), config, &shape,
                                  &dim, &result) != 0) {
    return XgbError(StatusCode::kInternal, "prediction failed");
  }
  size_t total = 1;
  for (bst_ulong i = 0; i < dim; ++i) total *= static_cast<size_t>(shape[i]);
  if (dim == 0 || shape[0] != static_cast<bst_ulong>(rows) || total % rows != 0) {
    return Internal("xgboost: unexpected prediction shape");
  }
  outputs_per_row_ = static_cast<int64_t>(total / rows);
  return std::vector<float>(result, result + total);
}

}  // namespace cairn::models
