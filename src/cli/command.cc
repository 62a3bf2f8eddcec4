#include "cli/command.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iostream>
#include <sstream>

namespace cairn::cli {
namespace {

const Flag* FindFlag(const std::vector<Flag>& flags, std::string_view name) {
  for (const auto& f : flags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const Flag* FindShort(const std::vector<Flag>& flags, char c) {
  for (const auto& f : flags) {
    if (f.short_name == c) return &f;
  }
  return nullptr;
}

// "-5", "-0.5": negative numbers are values, not flags.
bool LooksLikeNumber(std::string_view s) {
  return s.size() >= 2 && s[0] == '-' && ((s[1] >= '0' && s[1] <= '9') || s[1] == '.');
}

bool IsFlagToken(std::string_view s) { return s.size() >= 2 && s[0] == '-' && !LooksLikeNumber(s); }

std::string JoinPath(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& p : path) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

std::string UsageLine(const Command& c, const std::vector<std::string>& path) {
  std::string line = JoinPath(path);
  if (c.passthrough) return line + " [options]";
  if (!c.children.empty() && !c.run) return line + " <command>";
  for (const auto& p : c.positionals) {
    std::string a = p.name + (p.variadic ? "..." : "");
    line += p.required ? " " + a : " [" + a + "]";
  }
  if (!c.flags.empty()) line += " [flags]";
  return line;
}

std::string FlagLabel(const Flag& f) {
  std::string s = f.short_name ? std::string("-") + f.short_name + ", --" + f.name : "--" + f.name;
  if (!f.value_name.empty()) s += " " + f.value_name;
  return s;
}

void PrintFlags(std::ostringstream& out, const std::vector<Flag>& flags) {
  size_t width = 0;
  for (const auto& f : flags) width = std::max(width, FlagLabel(f).size());
  for (const auto& f : flags) {
    std::string label = FlagLabel(f);
    out << "  " << label << std::string(width - label.size() + 3, ' ') << f.help
        << (f.repeated ? " (repeatable)" : "") << "\n";
  }
}

}  // namespace

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
      return kExitUsage;
    case StatusCode::kNotFound:
      return kExitNotFound;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAborted:
      return kExitConflict;
    case StatusCode::kUnauthenticated:
    case StatusCode::kPermissionDenied:
      return kExitAuth;
    default:
      return kExitServer;
  }
}

const std::vector<Flag>& GlobalFlags() {
  static const std::vector<Flag> kFlags = {
      {"profile", "NAME", "Client profile from the config file (env CAIRN_PROFILE)"},
      {"url", "URL", "Server URL (env CAIRN_URL; default http://127.0.0.1:8500)"},
      {"token", "TOKEN", "API token, sent as a Bearer credential (env CAIRN_TOKEN)"},
      {"user", "NAME", "Acting user on servers without authentication (env CAIRN_USER)"},
      {"ca-file", "FILE", "PEM bundle to verify https servers (env CAIRN_CA_FILE)"},
      {"json", "", "Print the API's JSON exactly as the server sent it"},
      {"output", "FORMAT", "table | json | jsonpath=TEMPLATE (e.g. -o 'jsonpath={.items[*].name}')",
       false, 'o'},
      {"no-color", "", "No colour (also NO_COLOR=1; colour is only used on a terminal)"},
      {"help", "", "Show help for the command", false, 'h'},
  };
  return kFlags;
}

const Command* FindChild(const Command& parent, std::string_view name) {
  for (const auto& c : parent.children) {
    if (c.name == name) return &c;
    for (const auto& a : c.aliases) {
      if (a == name) return &c;
    }
  }
  return nullptr;
}

Result<std::map<std::string, std::string>> ParsePairs(const std::vector<std::string>& items,
                                                      std::string_view what) {
  std::map<std::string, std::string> out;
  for (const auto& item : items) {
    size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return InvalidArgument(std::string(what) + " '" + item + "' must look like KEY=VALUE");
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

std::string Invocation::path() const { return JoinPath(parsed_.path); }

const std::string& Invocation::arg(size_t i) const {
  static const std::string kEmpty;
  return i < parsed_.positionals.size() ? parsed_.positionals[i] : kEmpty;
}

bool Invocation::has(std::string_view flag) const { return parsed_.flags.count(flag) > 0; }

std::optional<std::string> Invocation::flag(std::string_view name) const {
  auto it = parsed_.flags.find(name);
  if (it == parsed_.flags.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Invocation::all(std::string_view name) const {
  auto it = parsed_.flags.find(name);
  return it == parsed_.flags.end() ? std::vector<std::string>{} : it->second;
}

Result<std::optional<int64_t>> Invocation::int_flag(std::string_view name) const {
  auto v = flag(name);
  if (!v) return std::optional<int64_t>();
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc() || p != v->data() + v->size()) {
    return InvalidArgument("--" + std::string(name) + " must be an integer, not '" + *v + "'");
  }
  return std::optional<int64_t>(n);
}

Result<std::optional<double>> Invocation::number_flag(std::string_view name) const {
  auto v = flag(name);
  if (!v) return std::optional<double>();
  double d = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), d);
  if (v->empty() || ec != std::errc() || p != v->data() + v->size() || !std::isfinite(d)) {
    return InvalidArgument("--" + std::string(name) + " must be a number, not '" + *v + "'");
  }
  return std::optional<double>(d);
}

Result<std::map<std::string, std::string>> Invocation::pairs(std::string_view name) const {
  return ParsePairs(all(name), "--" + std::string(name));
}

int Invocation::UsageError(const std::string& message) {
  std::cerr << path() << ": " << message << "\nRun '" << path() << " --help' for usage.\n";
  return kExitUsage;
}

Result<Parsed> Parse(const Command& root, const std::vector<std::string>& args) {
  Parsed out;
  out.path = {root.name};
  const Command* node = &root;
  const auto& globals = GlobalFlags();

  // Pass 1: walk down the tree by the leading words (global flags may come first).
  std::vector<bool> consumed(args.size(), false);
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& tok = args[i];
    if (tok == "--") break;
    if (IsFlagToken(tok)) {
      if (node->passthrough) break;
      std::string_view name = tok;
      const Flag* g = nullptr;
      if (name.starts_with("--")) {
        name.remove_prefix(2);
        name = name.substr(0, name.find('='));
        g = FindFlag(globals, name);
      } else if (tok.size() == 2) {
        g = FindShort(globals, tok[1]);
      }
      if (g && !g->value_name.empty() && tok.find('=') == std::string::npos) ++i;
      continue;
    }
    if (node->children.empty() || node->passthrough) break;
    const Command* child = FindChild(*node, tok);
    if (!child) break;
    node = child;
    out.path.push_back(child->name);
    consumed[i] = true;
  }

  if (node->passthrough) {
    out.command = node;
    for (size_t j = 0; j < args.size(); ++j) {
      if (!consumed[j]) out.passthrough.push_back(args[j]);
    }
    for (const auto& a : out.passthrough) {
      if (a == "--help" || a == "-h") out.help = true;
    }
    return out;
  }

  // Pass 2: flags and positionals for the chosen command.
  bool flags_done = false;
  std::vector<std::string> words;
  for (size_t j = 0; j < args.size(); ++j) {
    if (consumed[j]) continue;
    const std::string& tok = args[j];
    if (!flags_done && tok == "--") {
      flags_done = true;
      continue;
    }
    if (flags_done || !IsFlagToken(tok)) {
      words.push_back(tok);
      continue;
    }
    const Flag* f = nullptr;
    std::optional<std::string> inline_value;
    if (tok.starts_with("--")) {
      std::string name = tok.substr(2);
      if (size_t eq = name.find('='); eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name.resize(eq);
      }
      f = FindFlag(node->flags, name);
      if (!f) f = FindFlag(globals, name);
      if (!f) return InvalidArgument("unknown flag --" + name);
    } else {
      f = FindShort(node->flags, tok[1]);
      if (!f) f = FindShort(globals, tok[1]);
      if (!f) return InvalidArgument("unknown flag " + tok.substr(0, 2));
      if (tok.size() > 2) inline_value = tok.substr(tok[2] == '=' ? 3 : 2);
    }
    if (f->name == "help") {
      out.help = true;
      continue;
    }
    std::string value;
    if (f->value_name.empty()) {
      if (inline_value) return InvalidArgument("flag --" + f->name + " takes no value");
    } else if (inline_value) {
      value = *inline_value;
    } else {
      if (j + 1 >= args.size()) {
        return InvalidArgument("flag --" + f->name + " needs a value (" + f->value_name + ")");
      }
      value = args[++j];
    }
    auto& slot = out.flags[f->name];
    if (!f->repeated && !f->value_name.empty()) slot.clear();
    slot.push_back(value);
  }

  if (!node->children.empty() && !node->run) {
    if (!words.empty() || node->default_child.empty()) {
      out.command = node;
      if (out.help) return out;
      if (!words.empty()) {
        return InvalidArgument("unknown command '" + words.front() + "' for '" +
                               JoinPath(out.path) + "'");
      }
      return InvalidArgument("'" + JoinPath(out.path) + "' needs a command");
    }
    node = FindChild(*node, node->default_child);
    out.path.push_back(node->name);
  }
  out.command = node;
  if (out.help) return out;

  size_t required = 0;
  bool variadic = false;
  for (const auto& p : node->positionals) {
    if (p.required) ++required;
    if (p.variadic) variadic = true;
  }
  if (words.size() < required) {
    std::string missing;
    for (size_t k = words.size(); k < node->positionals.size(); ++k) {
      if (!node->positionals[k].required) break;
      missing += (missing.empty() ? "" : " ") + node->positionals[k].name;
    }
    return InvalidArgument("missing " + missing);
  }
  if (!variadic && words.size() > node->positionals.size()) {
    return InvalidArgument("unexpected argument '" + words[node->positionals.size()] + "'");
  }
  out.positionals = std::move(words);
  return out;
}

std::string HelpText(const Command& c, const std::vector<std::string>& path) {
  std::ostringstream out;
  out << c.summary << "\n";
  if (!c.details.empty()) out << "\n" << c.details << "\n";
  out << "\nUsage:\n  " << UsageLine(c, path) << "\n";
  if (!c.aliases.empty()) {
    out << "\nAliases:";
    for (const auto& a : c.aliases) out << " " << a;
    out << "\n";
  }
  if (!c.children.empty()) {
    out << "\nCommands:\n";
    size_t width = 0;
    for (const auto& ch : c.children) width = std::max(width, ch.name.size());
    for (const auto& ch : c.children) {
      out << "  " << ch.name << std::string(width - ch.name.size() + 3, ' ') << ch.summary
          << (ch.name == c.default_child ? " (default)" : "") << "\n";
    }
  }
  bool any_help = false;
  for (const auto& p : c.positionals) any_help = any_help || !p.help.empty();
  if (any_help) {
    out << "\nArguments:\n";
    size_t width = 0;
    for (const auto& p : c.positionals) width = std::max(width, p.name.size());
    for (const auto& p : c.positionals) {
      out << "  " << p.name << std::string(width - p.name.size() + 3, ' ') << p.help << "\n";
    }
  }
  if (!c.flags.empty()) {
    out << "\nFlags:\n";
    PrintFlags(out, c.flags);
  }
  if (!c.passthrough) {
    out << "\nGlobal flags:\n";
    PrintFlags(out, GlobalFlags());
  }
  if (!c.examples.empty()) {
    out << "\nExample" << (c.examples.size() > 1 ? "s" : "") << ":\n";
    for (const auto& e : c.examples) out << "  $ " << e << "\n";
  }
  if (!c.children.empty()) {
    out << "\nRun '" << JoinPath(path) << " <command> --help' for more about a command.\n";
  }
  return out.str();
}

}  // namespace cairn::cli
