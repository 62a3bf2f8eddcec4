#include "drift/types.h"

namespace cairn::drift {

std::string_view ToString(Method m) {
  switch (m) {
    case Method::kPsi:
      return "psi";
    case Method::kKs:
      return "ks";
    case Method::kJs:
      return "js";
    case Method::kWasserstein:
      return "wasserstein";
    case Method::kChi2:
      return "chi2";
  }
  return "psi";
}

std::optional<Method> ParseMethod(std::string_view s) {
  for (auto m : {Method::kPsi, Method::kKs, Method::kJs, Method::kWasserstein, Method::kChi2})
    if (ToString(m) == s) return m;
  return std::nullopt;
}

std::optional<stats::Severity> ParseSeverity(std::string_view s) {
  for (auto v : {stats::Severity::kLow, stats::Severity::kMedium, stats::Severity::kHigh,
                 stats::Severity::kCritical})
    if (stats::SeverityName(v) == s) return v;
  return std::nullopt;
}

}  // namespace cairn::drift
