#include "registry/types.h"

namespace cairn::registry {

std::string_view ToString(Stage s) {
  switch (s) {
    case Stage::kNone:
      return "none";
    case Stage::kStaging:
      return "staging";
    case Stage::kProduction:
      return "production";
    case Stage::kArchived:
      return "archived";
  }
  return "none";
}

std::string_view ToString(ArtifactFormat f) {
  switch (f) {
    case ArtifactFormat::kXgboostJson:
      return "xgboost-json";
    case ArtifactFormat::kOnnx:
      return "onnx";
    case ArtifactFormat::kOther:
      return "other";
  }
  return "other";
}

std::optional<Stage> ParseStage(std::string_view s) {
  for (auto v : {Stage::kNone, Stage::kStaging, Stage::kProduction, Stage::kArchived})
    if (ToString(v) == s) return v;
  return std::nullopt;
}

std::optional<ArtifactFormat> ParseArtifactFormat(std::string_view s) {
  for (auto v : {ArtifactFormat::kXgboostJson, ArtifactFormat::kOnnx, ArtifactFormat::kOther})
    if (ToString(v) == s) return v;
  return std::nullopt;
}

}  // namespace cairn::registry
