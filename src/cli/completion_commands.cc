// cairn completion bash|zsh: shell completion generated from the command tree, so it never goes
// stale. Completes commands (with their summaries in zsh), flags, -o formats, and file names
// where a command takes files.
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/context.h"

namespace cairn::cli {
namespace {

struct Tables {
  std::vector<std::pair<std::string, std::string>> children;  // path -> "a b c"
  std::vector<std::pair<std::string, std::string>> alias;     // "path/word" -> canonical
  std::vector<std::pair<std::string, std::string>> flags;     // path -> "--a --b"
  std::vector<std::pair<std::string, std::string>> desc;      // "path child" -> summary
  std::string valued;                                         // flags that take a value
};

std::string FlagWords(const std::vector<Flag>& flags) {
  std::string out;
  for (const auto& f : flags) {
    out += (out.empty() ? "--" : " --") + f.name;
    if (f.short_name) out += std::string(" -") + f.short_name;
  }
  return out;
}

void Walk(const Command& c, const std::string& path, Tables& t) {
  if (!c.flags.empty()) t.flags.emplace_back(path, FlagWords(c.flags));
  for (const auto& f : c.flags) {
    if (!f.value_name.empty() && t.valued.find(" --" + f.name + " ") == std::string::npos) {
      t.valued += "--" + f.name + " ";
    }
  }
  if (c.children.empty()) return;
  std::string names;
  for (const auto& ch : c.children) {
    names += (names.empty() ? "" : " ") + ch.name;
    t.alias.emplace_back(path + "/" + ch.name, ch.name);
    for (const auto& a : ch.aliases) t.alias.emplace_back(path + "/" + a, ch.name);
    t.desc.emplace_back(path + " " + ch.name, ch.summary);
    Walk(ch, path + " " + ch.name, t);
  }
  t.children.emplace_back(path, names);
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

void Assoc(std::ostringstream& out, const char* name,
           const std::vector<std::pair<std::string, std::string>>& rows, bool zsh) {
  out << (zsh ? "typeset -gA " : "declare -gA ") << name << "\n" << name << "=(\n";
  for (const auto& [k, v] : rows) {
    if (zsh) {
      out << "  " << Quote(k) << " " << Quote(v) << "\n";
    } else {
      out << "  [" << Quote(k) << "]=" << Quote(v) << "\n";
    }
  }
  out << ")\n";
}

Tables Collect(const Command& root) {
  Tables t;
  for (const auto& f : GlobalFlags()) {
    if (!f.value_name.empty()) t.valued += "--" + f.name + " ";
  }
  t.valued += "-o ";
  Walk(root, "cairn", t);
  return t;
}

}  // namespace

std::string BashCompletion(const Command& root) {
  Tables t = Collect(root);
  std::ostringstream out;
  out << "# bash completion for cairn. Load it with:  source <(cairn completion bash)\n"
         "# or install it:  cairn completion bash > ~/.local/share/bash-completion/completions/"
         "cairn\n";
  Assoc(out, "_cairn_children", t.children, false);
  Assoc(out, "_cairn_alias", t.alias, false);
  Assoc(out, "_cairn_flags", t.flags, false);
  out << "_cairn_global=" << Quote(FlagWords(GlobalFlags())) << "\n"
      << "_cairn_valued=" << Quote(" " + t.valued) << "\n"
      << R"(_cairn() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} p=cairn i w c
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    [[ $w == -* ]] && continue
    c=${_cairn_alias["$p/$w"]-}
    [[ -n $c ]] && p="$p $c"
  done
  case $prev in
    -o|--output) COMPREPLY=($(compgen -W "table json jsonpath=" -- "$cur")); return ;;
  esac
  if [[ $prev == -* && $_cairn_valued == *" $prev "* ]]; then
    COMPREPLY=($(compgen -f -- "$cur")); return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "${_cairn_flags[$p]-} $_cairn_global" -- "$cur")); return
  fi
  if [[ -n ${_cairn_children[$p]-} ]]; then
    COMPREPLY=($(compgen -W "${_cairn_children[$p]}" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o default -F _cairn cairn
)";
  return out.str();
}

std::string ZshCompletion(const Command& root) {
  Tables t = Collect(root);
  std::ostringstream out;
  out << "#compdef cairn\n"
         "# zsh completion for cairn. Load it with:  source <(cairn completion zsh)\n"
         "# or install it as _cairn in a directory on $fpath.\n";
  Assoc(out, "_cairn_children", t.children, true);
  Assoc(out, "_cairn_alias", t.alias, true);
  Assoc(out, "_cairn_flags", t.flags, true);
  Assoc(out, "_cairn_desc", t.desc, true);
  out << "typeset -g _cairn_global=" << Quote(FlagWords(GlobalFlags())) << "\n"
      << "typeset -g _cairn_valued=" << Quote(" " + t.valued) << "\n"
      << R"(_cairn() {
  local p=cairn w c i n
  for ((i = 2; i < CURRENT; i++)); do
    w=${words[i]}
    [[ $w == -* ]] && continue
    c=${_cairn_alias[$p/$w]}
    [[ -n $c ]] && p="$p $c"
  done
  local cur=${words[CURRENT]} prev=${words[CURRENT-1]}
  if [[ $prev == -o || $prev == --output ]]; then
    compadd -- table json jsonpath=; return
  fi
  if [[ $prev == -* && $_cairn_valued == *" $prev "* ]]; then
    _files; return
  fi
  if [[ $cur == -* ]]; then
    compadd -- ${=_cairn_flags[$p]} ${=_cairn_global}; return
  fi
  if [[ -n ${_cairn_children[$p]} ]]; then
    local -a items
    for n in ${=_cairn_children[$p]}; do
      items+=("$n:${_cairn_desc[$p $n]}")
    done
    _describe -t commands 'cairn command' items
  else
    _files
  fi
}
if [[ ${funcstack[1]} == _cairn ]]; then
  _cairn "$@"
else
  compdef _cairn cairn
fi
)";
  return out.str();
}

Command CompletionCommand(const Command& root) {
  // The root outlives every invocation (it is built once in main).
  const Command* tree = &root;
  return {.name = "completion",
          .summary = "Print a shell completion script (bash or zsh)",
          .positionals = {{"SHELL", "bash or zsh"}},
          .examples = {"source <(cairn completion bash)",
                       "cairn completion zsh > \"${fpath[1]}/_cairn\""},
          .run = [tree](Invocation& inv) {
            if (inv.arg(0) == "bash") {
              std::cout << BashCompletion(*tree);
            } else if (inv.arg(0) == "zsh") {
              std::cout << ZshCompletion(*tree);
            } else {
              return inv.UsageError("unknown shell '" + inv.arg(0) + "' (expected bash or zsh)");
            }
            return kExitOk;
          }};
}

}  // namespace cairn::cli
