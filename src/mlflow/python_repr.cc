#include "mlflow/python_repr.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace cairn::mlflow::py {

namespace {

void AppendHex(std::string& out, unsigned value, int digits, char prefix) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '\\';
  out += prefix;
  for (int i = digits - 1; i >= 0; --i) out += kHex[(value >> (4 * i)) & 0xF];
}

// Appends the repr() body of a str (without the quotes).
void AppendEscaped(std::string& out, std::string_view s, char quote) {
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == static_cast<unsigned char>(quote)) {
      out += '\\';
      out += quote;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      AppendHex(out, c, 2, 'x');
    } else {
      out += static_cast<char>(c);  // printable ASCII, or UTF-8 bytes kept as they are
    }
  }
}

std::string FloatRepr(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), d);
  std::string s(buf.data(), end);
  // Python's repr: exponent form when exp < -4 or >= 16, as "1e-05" / "1e+16".
  int exp10 = d == 0 ? 0 : static_cast<int>(std::floor(std::log10(std::fabs(d))));
  if (exp10 < -4 || exp10 >= 16) {
    std::array<char, 64> e{};
    auto [eend, eec] =
        std::to_chars(e.data(), e.data() + e.size(), d, std::chars_format::scientific);
    std::string sci(e.data(), eend);
    const size_t epos = sci.find('e');
    std::string mant = sci.substr(0, epos);
    std::string ex = sci.substr(epos + 1);
    const char sign = ex[0] == '-' ? '-' : '+';
    if (ex[0] == '-' || ex[0] == '+') ex = ex.substr(1);
    while (ex.size() > 1 && ex[0] == '0') ex.erase(0, 1);
    if (ex.size() < 2) ex = "0" + ex;
    return mant + "e" + sign + ex;
  }
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

}  // namespace

std::string Repr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  AppendEscaped(out, text, quote);
  out += quote;
  return out;
}

std::string BytesRepr(std::string_view bytes) {
  const bool has_single = bytes.find('\'') != std::string_view::npos;
  const bool has_double = bytes.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out = "b";
  out += quote;
  for (unsigned char c : bytes) {
    if (c >= 0x80) {
      AppendHex(out, c, 2, 'x');
    } else {
      AppendEscaped(out, std::string_view(reinterpret_cast<const char*>(&c), 1), quote);
    }
  }
  out += quote;
  return out;
}

namespace {
std::string JoinReprs(const std::vector<std::string>& items, char open, char close) {
  std::string out(1, open);
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += Repr(items[i]);
  }
  out += close;
  return out;
}
}  // namespace

std::string ListRepr(const std::vector<std::string>& items) { return JoinReprs(items, '[', ']'); }

std::string SetRepr(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  if (items.empty()) return "set()";
  return JoinReprs(items, '{', '}');
}

std::string TupleRepr(const std::vector<std::string>& items) {
  if (items.size() == 1) return "(" + Repr(items[0]) + ",)";
  return JoinReprs(items, '(', ')');
}

std::string JsonRepr(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      return "None";
    case boost::json::kind::bool_:
      return v.get_bool() ? "True" : "False";
    case boost::json::kind::int64:
      return std::to_string(v.get_int64());
    case boost::json::kind::uint64:
      return std::to_string(v.get_uint64());
    case boost::json::kind::double_:
      return FloatRepr(v.get_double());
    case boost::json::kind::string:
      return Repr(std::string_view(v.get_string()));
    case boost::json::kind::array: {
      std::string out = "[";
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ", ";
        first = false;
        out += JsonRepr(e);
      }
      return out + "]";
    }
    case boost::json::kind::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, e] : v.get_object()) {
        if (!first) out += ", ";
        first = false;
        out += Repr(std::string_view(k));
        out += ": ";
        out += JsonRepr(e);
      }
      return out + "}";
    }
  }
  return "None";
}

std::string JsonStr(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  return JsonRepr(v);
}

std::string_view Strip(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool IsLower(std::string_view s) {
  bool cased = false;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return false;
    if (c >= 'a' && c <= 'z') cased = true;
  }
  return cased;
}

std::string CanonicalizeSets(std::string_view message) {
  std::string out;
  size_t i = 0;
  while (i < message.size()) {
    if (message[i] == '{' && i + 1 < message.size() && message[i + 1] == '\'') {
      // Parse {'a', 'b', ...} made of simple single-quoted items.
      std::vector<std::string> items;
      size_t k = i + 1;
      bool ok = true;
      while (ok) {
        if (k >= message.size() || message[k] != '\'') {
          ok = false;
          break;
        }
        const size_t close = message.find('\'', k + 1);
        if (close == std::string_view::npos) {
          ok = false;
          break;
        }
        items.emplace_back(message.substr(k + 1, close - k - 1));
        k = close + 1;
        if (k < message.size() && message[k] == '}') break;
        if (message.substr(k, 2) != ", ") {
          ok = false;
          break;
        }
        k += 2;
      }
      if (ok && k < message.size() && message[k] == '}') {
        std::sort(items.begin(), items.end());
        out += '{';
        for (size_t j = 0; j < items.size(); ++j) {
          if (j) out += ", ";
          out += '\'' + items[j] + '\'';
        }
        out += '}';
        i = k + 1;
        continue;
      }
    }
    out += message[i++];
  }
  return out;
}

}  // namespace cairn::mlflow::py
