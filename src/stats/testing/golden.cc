#include "stats/testing/golden.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "stats/testing/csv.h"

#ifndef CAIRN_TESTDATA_DIR
#error "golden.cc needs CAIRN_TESTDATA_DIR (set by the stats CMakeLists)"
#endif

namespace cairn::stats::testing {

std::string TestdataPath(std::string_view relative) {
  return std::string(CAIRN_TESTDATA_DIR) + "/" + std::string(relative);
}

namespace {

constexpr std::string_view kExactNumberTag = "#number:";

// Boost.JSON 1.81 parses some decimals 1 ulp away from the correctly rounded double, which
// would break the bit-exact comparisons. So every non-integer literal is rewritten as a tagged
// string before parsing, and AsDouble converts it with strtod (correctly rounded).
std::string TagNonIntegerNumbers(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (in_string) {
      out.push_back(ch);
      if (ch == '\\' && i + 1 < text.size()) {
        out.push_back(text[++i]);
      } else if (ch == '"') {
        in_string = false;
      }
      continue;
    }
    if (ch == '"') {
      in_string = true;
      out.push_back(ch);
      continue;
    }
    if (ch == '-' || (ch >= '0' && ch <= '9')) {
      std::size_t end = i;
      while (end < text.size() &&
             std::string_view("+-0123456789.eE").find(text[end]) != std::string_view::npos) {
        ++end;
      }
      const std::string_view token = text.substr(i, end - i);
      if (token.find_first_of(".eE") == std::string_view::npos) {
        out.append(token);
      } else {
        out.push_back('"');
        out.append(kExactNumberTag);
        out.append(token);
        out.push_back('"');
      }
      i = end - 1;
      continue;
    }
    out.push_back(ch);
  }
  return out;
}

}  // namespace

Result<boost::json::value> ReadJsonFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string raw, ReadFile(path));
  const std::string text = TagNonIntegerNumbers(raw);
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) return InvalidArgument("malformed JSON in " + path + ": " + ec.message());
  return v;
}

bool Near(double actual, double expected, double rel_tol, double abs_tol) {
  if (actual == expected) return true;
  return std::fabs(actual - expected) <= std::max(abs_tol, rel_tol * std::fabs(expected));
}

double AsDouble(const boost::json::value& v) {
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  if (v.is_string() && v.as_string().starts_with(kExactNumberTag)) {
    const std::string token(v.as_string().subview().substr(kExactNumberTag.size()));
    return std::strtod(token.c_str(), nullptr);
  }
  return std::nan("");
}

std::vector<std::string> ManifestCases(std::string_view key, std::string_view task) {
  std::vector<std::string> out;
  Result<boost::json::value> manifest = ReadJsonFile(TestdataPath("manifest.json"));
  if (!manifest.ok()) return out;
  const boost::json::value* list = manifest->as_object().if_contains(key);
  if (list != nullptr && !task.empty()) list = list->as_object().if_contains(task);
  if (list == nullptr || !list->is_array()) return out;
  for (const auto& v : list->as_array()) out.emplace_back(v.as_string());
  return out;
}

}  // namespace cairn::stats::testing
