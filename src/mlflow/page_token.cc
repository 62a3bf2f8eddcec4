#include "mlflow/page_token.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <optional>

#include "common/json.h"
#include "mlflow/python_repr.h"

namespace cairn::mlflow {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int Sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

Status BadBase64() { return InvalidArgument("Invalid page token, could not base64-decode"); }

// Python's int() of a str: optional whitespace and sign, digits with single underscores.
std::optional<int64_t> PythonIntFromString(std::string_view s) {
  s = py::Strip(s);
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.front() == '_' || s.back() == '_') return std::nullopt;
  std::string digits;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_') {
      if (s[i + 1] == '_') return std::nullopt;
      continue;
    }
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    digits += s[i];
  }
  int64_t v = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
  return negative ? -v : v;
}

bool Falsy(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      return true;
    case boost::json::kind::bool_:
      return !v.get_bool();
    case boost::json::kind::int64:
      return v.get_int64() == 0;
    case boost::json::kind::uint64:
      return v.get_uint64() == 0;
    case boost::json::kind::double_:
      return v.get_double() == 0.0;
    case boost::json::kind::string:
      return v.get_string().empty();
    case boost::json::kind::array:
      return v.get_array().empty();
    case boost::json::kind::object:
      return v.get_object().empty();
  }
  return true;
}

}  // namespace

std::string EncodeOffsetPageToken(int64_t offset) {
  const std::string text = "{\"offset\": " + std::to_string(offset) + "}";
  std::string out;
  size_t i = 0;
  for (; i + 3 <= text.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(text[i]) << 16) |
                       (static_cast<unsigned char>(text[i + 1]) << 8) |
                       static_cast<unsigned char>(text[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < text.size()) {
    unsigned n = static_cast<unsigned char>(text[i]) << 16;
    if (i + 1 < text.size()) n |= static_cast<unsigned char>(text[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < text.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

Result<std::string> PythonBase64Decode(std::string_view s) {
  // binascii.a2b_base64 in non-strict mode: characters outside the alphabet are skipped; a
  // pad character ends the data once the quad it completes has enough of them.
  std::string out;
  unsigned acc = 0;
  int quad = 0;  // data characters in the current group of four
  int pads = 0;
  for (char c : s) {
    if (c == '=') {
      if (quad >= 2 && quad + (++pads) >= 4) {
        // A complete padded quad ends the data (Python ignores whatever follows).
        if (quad == 2) {
          out += static_cast<char>((acc >> 4) & 0xFF);
        } else {
          out += static_cast<char>((acc >> 10) & 0xFF);
          out += static_cast<char>((acc >> 2) & 0xFF);
        }
        return out;
      }
      continue;
    }
    const int v = Sextet(c);
    if (v < 0) continue;
    pads = 0;
    acc = (acc << 6) | static_cast<unsigned>(v);
    ++quad;
    if (quad == 4) {
      out += static_cast<char>((acc >> 16) & 0xFF);
      out += static_cast<char>((acc >> 8) & 0xFF);
      out += static_cast<char>(acc & 0xFF);
      acc = 0;
      quad = 0;
    }
  }
  if (quad != 0) return BadBase64();  // "Incorrect padding" / 1 more than a multiple of 4
  return out;
}

Result<int64_t> DecodeOffsetPageToken(std::string_view token) {
  if (token.empty()) return int64_t{0};
  ASSIGN_OR_RETURN(std::string decoded, PythonBase64Decode(token));
  auto parsed = json::Parse(decoded);
  if (!parsed.ok()) {
    return InvalidArgument("Invalid page token, decoded value=" + py::BytesRepr(decoded));
  }
  const boost::json::value& v = *parsed;
  if (!v.is_object()) {
    return InvalidArgument("Invalid page token, parsed value=" + py::JsonRepr(v));
  }
  const boost::json::value* offset = v.get_object().if_contains("offset");
  if (offset == nullptr || Falsy(*offset)) {
    return InvalidArgument("Invalid page token, parsed value=" + py::JsonRepr(v));
  }
  switch (offset->kind()) {
    case boost::json::kind::int64:
      return offset->get_int64();
    case boost::json::kind::uint64:
      if (offset->get_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
        return static_cast<int64_t>(offset->get_uint64());
      }
      break;
    case boost::json::kind::bool_:
      return int64_t{1};  // int(True); False is falsy above
    case boost::json::kind::double_: {
      const double d = offset->get_double();
      if (std::isfinite(d) && std::fabs(d) < 9.2e18) return static_cast<int64_t>(std::trunc(d));
      break;
    }
    case boost::json::kind::string:
      if (auto n = PythonIntFromString(std::string_view(offset->get_string()))) return *n;
      return InvalidArgument("Invalid page token, not stringable " + py::JsonStr(*offset));
    default:
      break;
  }
  return InvalidArgument("Invalid page token, parsed value=" + py::JsonRepr(v));
}

}  // namespace cairn::mlflow
