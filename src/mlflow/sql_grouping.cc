#include "mlflow/sql_grouping.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace cairn::mlflow::sqlparse {

namespace {

enum class KeywordKind { kKeyword, kKeywordDml, kKeywordDdl, kKeywordCte, kKeywordOrder, kBuiltin };

struct KeywordEntry {
  std::string_view word;
  KeywordKind kind;
};

constexpr KeywordEntry kKeywords[] = {
#include "mlflow/sqlparse_keywords.inc"
};

std::optional<TokenType> KeywordType(std::string_view word) {
  std::string upper(word);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto* it = std::lower_bound(
      std::begin(kKeywords), std::end(kKeywords), upper,
      [](const KeywordEntry& e, const std::string& w) { return e.word < std::string_view(w); });
  if (it == std::end(kKeywords) || it->word != upper) return std::nullopt;
  switch (it->kind) {
    case KeywordKind::kKeyword:
      return TokenType::kKeyword;
    case KeywordKind::kKeywordDml:
      return TokenType::kKeywordDml;
    case KeywordKind::kKeywordDdl:
      return TokenType::kKeywordDdl;
    case KeywordKind::kKeywordCte:
      return TokenType::kKeywordCte;
    case KeywordKind::kKeywordOrder:
      return TokenType::kKeywordOrder;
    case KeywordKind::kBuiltin:
      return TokenType::kBuiltin;
  }
  return std::nullopt;
}

// --- character classes (Python re with IGNORECASE | UNICODE, approximated for non-ASCII) ---

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsWord(char c) {
  return IsAsciiLetter(c) || IsDigit(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
// [A-ZÀ-Ü]: a letter that may start a name.
bool IsNameStart(char c) { return IsAsciiLetter(c); }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : s_(text) {}

  std::vector<Node> Run() {
    std::vector<Node> out;
    size_t pos = 0;
    while (pos < s_.size()) {
      TokenType type = TokenType::kError;
      const size_t len = Match(pos, type);
      out.push_back(Node{GroupKind::kLeaf, type, pos, pos + len, {}});
      pos += len;
    }
    return out;
  }

 private:
  char At(size_t i) const { return i < s_.size() ? s_[i] : '\0'; }
  bool WordBoundaryAt(size_t i) const {
    const bool before = i > 0 && IsWord(s_[i - 1]);
    const bool after = i < s_.size() && IsWord(s_[i]);
    return before != after;
  }
  // Case-insensitive literal match at i; returns the length or 0.
  size_t Lit(size_t i, std::string_view word) const {
    if (i + word.size() > s_.size()) return 0;
    for (size_t k = 0; k < word.size(); ++k) {
      if (std::toupper(static_cast<unsigned char>(s_[i + k])) != word[k]) return 0;
    }
    return word.size();
  }
  size_t Spaces(size_t i) const {
    size_t n = 0;
    while (i + n < s_.size() && IsSpace(s_[i + n])) ++n;
    return n;
  }
  // WORD\b at i (case-insensitive); returns the length or 0.
  size_t Keyword(size_t i, std::string_view word) const {
    const size_t n = Lit(i, word);
    return n && WordBoundaryAt(i + n) ? n : 0;
  }
  // (A\s+)?B\b where the optional prefix is tried first.
  size_t OptionalPrefixKeyword(size_t i, std::string_view prefix,
                               std::initializer_list<std::string_view> words) const {
    if (size_t p = Lit(i, prefix)) {
      if (size_t sp = Spaces(i + p)) {
        for (auto w : words) {
          if (size_t n = Keyword(i + p + sp, w)) return p + sp + n;
        }
      }
    }
    for (auto w : words) {
      if (size_t n = Keyword(i, w)) return n;
    }
    return 0;
  }
  // WORD1\s+WORD2\b
  size_t TwoWords(size_t i, std::string_view a, std::string_view b) const {
    const size_t n = Lit(i, a);
    if (!n) return 0;
    const size_t sp = Spaces(i + n);
    if (!sp) return 0;
    const size_t m = Keyword(i + n + sp, b);
    return m ? n + sp + m : 0;
  }
  size_t WordRun(size_t i) const {
    size_t n = 0;
    while (i + n < s_.size() && IsWord(s_[i + n])) ++n;
    return n;
  }

  // A quoted run with doubled-quote and backslash escapes: q(qq|\q|[^q])*q, with the regex
  // engine's backtracking when the greedy scan finds no closing quote. Returns 0 on no match.
  size_t Quoted(size_t i, char q) const {
    if (At(i) != q) return 0;
    size_t k = i + 1;
    std::optional<size_t> last_pair_quote;  // position of the quote that ends the last 2-char step
    while (k < s_.size()) {
      const char c = s_[k];
      if (c == q && At(k + 1) == q) {
        last_pair_quote = k;  // closing here is the backtracking alternative
        k += 2;
      } else if (c == '\\' && At(k + 1) == q) {
        last_pair_quote = k + 1;
        k += 2;
      } else if (c == q) {
        return k + 1 - i;
      } else {
        ++k;
      }
    }
    if (last_pair_quote) return *last_pair_quote + 1 - i;
    return 0;
  }

  // -?\d+(\.\d+)?E-?\d+
  size_t FloatWithExponent(size_t i) const {
    size_t k = i;
    if (At(k) == '-') ++k;
    const size_t d = k;
    while (IsDigit(At(k))) ++k;
    if (k == d) return 0;
    auto exponent = [&](size_t e) -> size_t {
      if (At(e) != 'e' && At(e) != 'E') return 0;
      ++e;
      if (At(e) == '-') ++e;
      const size_t ds = e;
      while (IsDigit(At(e))) ++e;
      return e > ds ? e : 0;
    };
    if (At(k) == '.' && IsDigit(At(k + 1))) {
      size_t f = k + 1;
      while (IsDigit(At(f))) ++f;
      if (size_t e = exponent(f)) return e - i;
    }
    if (size_t e = exponent(k)) return e - i;
    return 0;
  }

  // Longest run of `n` digits at `start` whose end is not followed by [_A-Z], with the regex's
  // backtracking: dropping the last digit always satisfies the lookahead (a digit follows).
  static size_t BacktrackDigits(size_t n, char next) {
    const bool bad_next = IsNameStart(next) || next == '_';
    if (!bad_next) return n;
    return n >= 2 ? n - 1 : 0;
  }

  // (?![_A-Z])-?(\d+(\.\d*)|\.\d+)(?![_A-Z])
  size_t FloatPlain(size_t i) const {
    size_t k = i;
    if (At(k) == '-') ++k;
    if (IsDigit(At(k))) {
      size_t d = k;
      while (IsDigit(At(d))) ++d;
      if (At(d) != '.') return 0;
      size_t f = d + 1;
      while (IsDigit(At(f))) ++f;
      const size_t frac = f - (d + 1);
      const char next = At(f);
      if (!(IsNameStart(next) || next == '_')) return f - i;
      if (frac >= 1) return f - 1 - i;  // one fewer fractional digit: a digit follows
      return 0;
    }
    if (At(k) == '.' && IsDigit(At(k + 1))) {
      size_t f = k + 1;
      while (IsDigit(At(f))) ++f;
      const size_t n = BacktrackDigits(f - (k + 1), At(f));
      return n ? k + 1 + n - i : 0;
    }
    return 0;
  }

  // (?![_A-Z])-?\d+(?![_A-Z])
  size_t Integer(size_t i) const {
    size_t k = i;
    if (At(k) == '-') ++k;
    size_t d = k;
    while (IsDigit(At(d))) ++d;
    if (d == k) return 0;
    const size_t n = BacktrackDigits(d - k, At(d));
    return n ? k + n - i : 0;
  }

  // ((?<!\S)\$(?:[_A-Z]\w*)?\$)[\s\S]*?\1
  size_t DollarQuoted(size_t i) const {
    if (At(i) != '$' || (i > 0 && !IsSpace(s_[i - 1]))) return 0;
    size_t k = i + 1;
    if (IsNameStart(At(k)) || At(k) == '_') {
      ++k;
      while (IsWord(At(k))) ++k;
    }
    if (At(k) != '$') return 0;
    const std::string_view tag = s_.substr(i, k + 1 - i);
    const size_t close = s_.find(tag, k + 1);
    return close == std::string_view::npos ? 0 : close + tag.size() - i;
  }

  size_t Comment(size_t i) const {
    if (Lit(i, "--") || Lit(i, "# ")) {
      size_t k = i + 2;
      while (k < s_.size() && s_[k] != '\n' && s_[k] != '\r') ++k;
      if (k < s_.size()) k += (s_[k] == '\r' && At(k + 1) == '\n') ? 2 : 1;
      return k - i;
    }
    if (Lit(i, "/*")) {
      const size_t close = s_.find("*/", i + 2);
      return close == std::string_view::npos ? 0 : close + 2 - i;
    }
    return 0;
  }

  size_t Join(size_t i) const {
    auto optional_word_space = [&](size_t k, std::initializer_list<std::string_view> words) {
      for (auto w : words) {
        if (size_t n = Lit(k, w)) {
          if (size_t sp = Spaces(k + n)) return n + sp;
        }
      }
      return size_t{0};
    };
    size_t k = i;
    const size_t a = optional_word_space(k, {"LEFT", "RIGHT", "FULL"});
    k += a;
    const size_t b = optional_word_space(k, {"INNER", "OUTER", "STRAIGHT"});
    k += b;
    if (a == 0 && b == 0) k += optional_word_space(k, {"CROSS", "NATURAL"});
    if (size_t n = Keyword(k, "JOIN")) return k + n - i;
    if (k != i) {
      if (size_t n = Keyword(i, "JOIN")) return n;
    }
    return 0;
  }

  size_t MultiWordKeyword(size_t i, TokenType& type) const {
    type = TokenType::kKeyword;
    if (size_t n = Join(i)) return n;
    if (size_t n = Lit(i, "END")) {
      for (auto w : {"IF", "LOOP", "WHILE"}) {
        if (size_t sp = Spaces(i + n)) {
          if (size_t m = Keyword(i + n + sp, w)) return n + sp + m;
        }
      }
      if (WordBoundaryAt(i + n)) return n;
    }
    if (size_t n = TwoWords(i, "NOT", "NULL")) return n;
    if (size_t n = TwoWords(i, "NULLS", "FIRST")) return n;
    if (size_t n = TwoWords(i, "NULLS", "LAST")) return n;
    if (size_t n = TwoWords(i, "UNION", "ALL")) return n;
    if (size_t n = Lit(i, "CREATE")) {
      type = TokenType::kKeywordDdl;
      if (size_t sp = Spaces(i + n)) {
        if (size_t m = TwoWords(i + n + sp, "OR", "REPLACE")) return n + sp + m;
      }
      if (WordBoundaryAt(i + n)) return n;
      type = TokenType::kKeyword;
    }
    if (size_t n = TwoWords(i, "DOUBLE", "PRECISION")) {
      type = TokenType::kBuiltin;
      return n;
    }
    if (size_t n = TwoWords(i, "GROUP", "BY")) return n;
    if (size_t n = TwoWords(i, "ORDER", "BY")) return n;
    if (size_t n = TwoWords(i, "HANDLER", "FOR")) return n;
    return 0;
  }

  // Returns the token length at `pos` (>= 1) and sets `type`: sqlparse's SQL_REGEX in order.
  size_t Match(size_t pos, TokenType& type) const {
    const char c = s_[pos];
    if (size_t n = Comment(pos)) {
      type = TokenType::kComment;
      return n;
    }
    if (c == '\r' || c == '\n') {
      type = TokenType::kNewline;
      return (c == '\r' && At(pos + 1) == '\n') ? 2 : 1;
    }
    if (IsSpace(c)) {
      type = TokenType::kWhitespace;
      return 1;
    }
    if (Lit(pos, ":=")) {
      type = TokenType::kAssignment;
      return 2;
    }
    if (Lit(pos, "::")) {
      type = TokenType::kPunctuation;
      return 2;
    }
    if (c == '*') {
      type = TokenType::kWildcard;
      return 1;
    }
    if (c == '`') {
      size_t k = pos + 1;
      while (k < s_.size()) {
        if (s_[k] == '`' && At(k + 1) == '`') {
          k += 2;
        } else if (s_[k] == '`') {
          type = TokenType::kName;
          return k + 1 - pos;
        } else {
          ++k;
        }
      }
    }
    if (size_t n = DollarQuoted(pos)) {
      type = TokenType::kLiteral;
      return n;
    }
    if (c == '?') {
      type = TokenType::kPlaceholder;
      return 1;
    }
    if (c == '%') {
      size_t k = pos + 1;
      if (At(k) == '(') {
        size_t w = WordRun(k + 1);
        if (w && At(k + 1 + w) == ')') k += w + 2;
      }
      if (At(k) == 's' || At(k) == 'S') {
        type = TokenType::kPlaceholder;
        return k + 1 - pos;
      }
    }
    if ((c == '$' || c == ':' || c == '?') && (pos == 0 || !IsWord(s_[pos - 1]))) {
      if (size_t w = WordRun(pos + 1)) {
        type = TokenType::kPlaceholder;
        return 1 + w;
      }
    }
    if (c == '\\') {
      if (size_t w = WordRun(pos + 1)) {
        type = TokenType::kCommand;
        return 1 + w;
      }
    }
    if (size_t n = OptionalPrefixKeyword(pos, "NOT", {"IN"})) {
      type = TokenType::kComparison;
      return n;
    }
    for (auto w : {"CASE", "IN", "VALUES", "USING", "FROM", "AS"}) {
      if (size_t n = Keyword(pos, w)) {
        type = TokenType::kKeyword;
        return n;
      }
    }
    if (c == '@' || c == '#') {
      size_t k = pos + (Lit(pos, "##") ? 2 : 1);
      if (IsNameStart(At(k))) {
        const size_t w = WordRun(k + 1);
        if (w >= 1) {
          type = TokenType::kName;
          return k + 1 + w - pos;
        }
      }
    }
    if (IsNameStart(c)) {
      const size_t w = 1 + WordRun(pos + 1);
      const size_t after = pos + w;
      if (At(after + Spaces(after)) == '.') {  // Name followed by a period
        type = TokenType::kName;
        return w;
      }
      if (pos > 0 && s_[pos - 1] == '.') {  // .Name
        type = TokenType::kName;
        return w;
      }
      if (At(after) == '(') {  // a function name
        type = TokenType::kName;
        return w;
      }
    }
    if (Lit(pos, "0X") || Lit(pos, "-0X")) {
      size_t k = pos + (c == '-' ? 3 : 2);
      size_t d = k;
      while (IsHexDigit(At(d))) ++d;
      if (d > k) {
        type = TokenType::kHexadecimal;
        return d - pos;
      }
    }
    if (size_t n = FloatWithExponent(pos)) {
      type = TokenType::kFloat;
      return n;
    }
    if (size_t n = FloatPlain(pos)) {
      type = TokenType::kFloat;
      return n;
    }
    if (size_t n = Integer(pos)) {
      type = TokenType::kInteger;
      return n;
    }
    if (size_t n = Quoted(pos, '\'')) {
      type = TokenType::kStringSingle;
      return n;
    }
    if (size_t n = Quoted(pos, '"')) {
      type = TokenType::kStringSymbol;
      return n;
    }
    if (c == '[' &&
        (pos == 0 || !(IsWord(s_[pos - 1]) || s_[pos - 1] == ']' || s_[pos - 1] == ')'))) {
      size_t k = pos + 1;
      while (k < s_.size() && s_[k] != ']' && s_[k] != '[') ++k;
      if (k > pos + 1 && At(k) == ']') {
        type = TokenType::kName;
        return k + 1 - pos;
      }
    }
    {
      TokenType t;
      if (size_t n = MultiWordKeyword(pos, t)) {
        type = t;
        return n;
      }
    }
    if (size_t n = OptionalPrefixKeyword(pos, "NOT", {"LIKE", "ILIKE", "RLIKE"})) {
      type = TokenType::kComparison;
      return n;
    }
    if (IsNameStart(c) || IsDigit(c) || c == '_') {
      size_t k = pos + 1;
      while (k < s_.size() && (IsWord(s_[k]) || s_[k] == '$' || s_[k] == '#')) ++k;
      type = KeywordType(s_.substr(pos, k - pos)).value_or(TokenType::kName);
      return k - pos;
    }
    if (std::string_view(";:()[],.").find(c) != std::string_view::npos) {
      type = TokenType::kPunctuation;
      return 1;
    }
    if (std::string_view("<>=~!").find(c) != std::string_view::npos) {
      size_t k = pos;
      while (k < s_.size() && std::string_view("<>=~!").find(s_[k]) != std::string_view::npos) ++k;
      type = TokenType::kComparison;
      return k - pos;
    }
    if (std::string_view("+/@#%^&|-").find(c) != std::string_view::npos) {
      size_t k = pos;
      while (k < s_.size() && std::string_view("+/@#%^&|-").find(s_[k]) != std::string_view::npos) {
        ++k;
      }
      type = TokenType::kOperator;
      return k - pos;
    }
    type = TokenType::kError;
    // One code point, so a message quoting it stays valid UTF-8.
    size_t n = 1;
    if (static_cast<unsigned char>(c) >= 0xC0) {
      while (pos + n < s_.size() && (static_cast<unsigned char>(s_[pos + n]) & 0xC0) == 0x80 &&
             n < 4) {
        ++n;
      }
    }
    return n;
  }

  std::string_view s_;
};

// --- grouping --------------------------------------------------------------------------

bool IsLeafType(const Node* n, std::initializer_list<TokenType> types) {
  if (n == nullptr || n->is_group()) return false;
  return std::find(types.begin(), types.end(), n->type) != types.end();
}
bool IsKind(const Node* n, std::initializer_list<GroupKind> kinds) {
  return n != nullptr && std::find(kinds.begin(), kinds.end(), n->kind) != kinds.end();
}

constexpr std::initializer_list<TokenType> kNumStrName = {
    TokenType::kInteger,      TokenType::kFloat, TokenType::kStringSingle,
    TokenType::kStringSymbol, TokenType::kName,  TokenType::kPlaceholder};

class Grouper {
 public:
  explicit Grouper(std::string_view s) : s_(s) {}

  // tlist.group_tokens(cls, start, end, extend)
  static void GroupTokens(std::vector<Node>& list, GroupKind kind, size_t start, size_t end,
                          bool extend) {
    if (extend && list[start].kind == kind) {
      Node& g = list[start];
      for (size_t i = start + 1; i <= end; ++i) g.children.push_back(std::move(list[i]));
      g.end = g.children.back().end;
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(start) + 1,
                 list.begin() + static_cast<std::ptrdiff_t>(end) + 1);
      return;
    }
    Node g{kind, TokenType::kError, list[start].begin, list[end].end, {}};
    g.children.reserve(end - start + 1);
    for (size_t i = start; i <= end; ++i) g.children.push_back(std::move(list[i]));
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(start) + 1,
               list.begin() + static_cast<std::ptrdiff_t>(end) + 1);
    list[start] = std::move(g);
  }

  // tlist.token_next(idx): next non-whitespace index after idx.
  static std::optional<size_t> Next(const std::vector<Node>& list, size_t idx) {
    for (size_t i = idx + 1; i < list.size(); ++i) {
      if (!list[i].is_whitespace()) return i;
    }
    return std::nullopt;
  }
  static std::optional<size_t> Prev(const std::vector<Node>& list, size_t idx) {
    for (size_t i = idx; i-- > 0;) {
      if (!list[i].is_whitespace()) return i;
    }
    return std::nullopt;
  }

  // A port of sqlparse's engine.grouping._group, in one linear pass. Python walks a snapshot
  // of the list while grouping it in place: tokens swallowed by a new group are still visited
  // afterwards, so `prev_` becomes the last swallowed token (not the group) while `pidx` stays
  // the group's index. That decides how chains such as `a = b = c` nest, and is kept here.
  template <typename Match, typename ValidPrev, typename ValidNext, typename Post>
  void GenericGroup(std::vector<Node>& list, GroupKind kind, Match match, ValidPrev valid_prev,
                    ValidNext valid_next, Post post, bool extend, bool recurse) {
    if (recurse) {
      for (Node& n : list) {
        if (n.is_group() && n.kind != kind) {
          GenericGroup(n.children, kind, match, valid_prev, valid_next, post, extend, recurse);
        }
      }
    }
    std::vector<Node> in = std::move(list);
    std::vector<Node> out;
    out.reserve(in.size());
    size_t pidx = 0;           // index in `out`
    std::optional<Node> prev;  // a childless copy: only kind, type and span are looked at
    auto shallow = [](const Node& n) { return Node{n.kind, n.type, n.begin, n.end, {}}; };
    size_t i = 0;
    while (i < in.size()) {
      if (in[i].is_whitespace()) {
        out.push_back(std::move(in[i++]));
        continue;
      }
      if (match(in[i]) && prev) {
        std::optional<size_t> next;  // index in `in`
        for (size_t k = i + 1; k < in.size(); ++k) {
          if (!in[k].is_whitespace()) {
            next = k;
            break;
          }
        }
        const Node* next_node = next ? &in[*next] : nullptr;
        if (valid_prev(&*prev) && valid_next(next_node)) {
          const bool through_next = PostReachesNext(post, in[i], next_node);
          const size_t last = through_next ? *next : i;
          // Gather out[pidx..] + in[i..last] into one group.
          std::vector<Node> members;
          for (size_t k = pidx; k < out.size(); ++k) members.push_back(std::move(out[k]));
          out.resize(pidx);
          std::optional<Node> last_swallowed;
          for (size_t k = i; k <= last; ++k) {
            if (k > i && !in[k].is_whitespace()) last_swallowed = shallow(in[k]);
            members.push_back(std::move(in[k]));
          }
          if (extend && members.front().kind == kind) {
            Node g = std::move(members.front());
            for (size_t k = 1; k < members.size(); ++k) g.children.push_back(std::move(members[k]));
            g.end = g.children.back().end;
            out.push_back(std::move(g));
          } else {
            Node g{kind, TokenType::kError, members.front().begin, members.back().end, {}};
            g.children = std::move(members);
            out.push_back(std::move(g));
          }
          pidx = out.size() - 1;
          prev = last_swallowed ? *last_swallowed : shallow(out.back());
          i = last + 1;
          continue;
        }
      }
      pidx = out.size();
      prev = shallow(in[i]);
      out.push_back(std::move(in[i++]));
    }
    list = std::move(out);
  }

  // Calls post() on a two-element view (the current token at 0, the next one at 1) and says
  // whether the group it asks for ends at the next token (true) or at the current one.
  template <typename Post>
  static bool PostReachesNext(Post post, Node& current, const Node* next) {
    // post() only reads l[nidx] (period) or writes l[tidx].type (operator).
    std::vector<Node> view(2);
    view[0] = Node{current.kind, current.type, current.begin, current.end, {}};
    if (next) view[1] = Node{next->kind, next->type, next->begin, next->end, {}};
    auto [from, to] = post(view, 0, 0, next ? std::optional<size_t>(1) : std::nullopt);
    (void)from;
    current.type = view[0].type;  // group_operator retypes the operator token
    return next != nullptr && to == 1;
  }

  bool GroupParenthesis(std::vector<Node>& tokens, int depth) {
    std::vector<std::vector<Node>> stack(1);
    for (Node& t : tokens) {
      if (IsLeafType(&t, {TokenType::kPunctuation}) && t.text(s_) == "(") {
        stack.emplace_back();
        if (static_cast<int>(stack.size()) > kMaxNesting + depth) return false;
        stack.back().push_back(std::move(t));
      } else if (IsLeafType(&t, {TokenType::kPunctuation}) && t.text(s_) == ")" &&
                 stack.size() > 1) {
        std::vector<Node> inner = std::move(stack.back());
        stack.pop_back();
        inner.push_back(std::move(t));
        Node g{GroupKind::kParenthesis, TokenType::kError, inner.front().begin, inner.back().end,
               std::move(inner)};
        stack.back().push_back(std::move(g));
      } else {
        stack.back().push_back(std::move(t));
      }
    }
    while (stack.size() > 1) {  // unclosed '(' stay plain tokens
      std::vector<Node> inner = std::move(stack.back());
      stack.pop_back();
      for (Node& n : inner) stack.back().push_back(std::move(n));
    }
    tokens = std::move(stack.front());
    return true;
  }

  // @recurse(sql.Function): a name followed by a parenthesis.
  void GroupFunctions(std::vector<Node>& list) {
    for (Node& n : list) {
      if (n.is_group() && n.kind != GroupKind::kFunction) GroupFunctions(n.children);
    }
    RebuildPairs(
        list,
        [](const Node& t) {
          return IsLeafType(&t, {TokenType::kName, TokenType::kPlaceholder, TokenType::kBuiltin});
        },
        [](const Node& n) { return n.kind == GroupKind::kParenthesis; }, GroupKind::kFunction,
        /*extend=*/false);
  }

  // Groups each token accepted by `first` with the next non-whitespace token when `second`
  // accepts it, scanning on after the group (token_next_by from the grouped index).
  template <typename First, typename Second>
  static void RebuildPairs(std::vector<Node>& list, First first, Second second, GroupKind kind,
                           bool extend) {
    std::vector<Node> out;
    out.reserve(list.size());
    size_t i = 0;
    while (i < list.size()) {
      if (first(list[i])) {
        const auto n = Next(list, i);
        if (n && second(list[*n])) {
          if (extend && list[i].kind == kind) {
            Node g = std::move(list[i]);
            for (size_t k = i + 1; k <= *n; ++k) g.children.push_back(std::move(list[k]));
            g.end = g.children.back().end;
            out.push_back(std::move(g));
          } else {
            Node g{kind, TokenType::kError, list[i].begin, list[*n].end, {}};
            for (size_t k = i; k <= *n; ++k) g.children.push_back(std::move(list[k]));
            out.push_back(std::move(g));
          }
          i = *n + 1;
          continue;
        }
      }
      out.push_back(std::move(list[i++]));
    }
    list = std::move(out);
  }

  void GroupPeriod(std::vector<Node>& list) {
    GenericGroup(
        list, GroupKind::kIdentifier,
        [&](const Node& t) {
          return IsLeafType(&t, {TokenType::kPunctuation}) && t.text(s_) == ".";
        },
        [](const Node* t) {
          return IsKind(t, {GroupKind::kIdentifier}) ||
                 IsLeafType(t, {TokenType::kName, TokenType::kStringSymbol});
        },
        [](const Node*) { return true; },
        [](std::vector<Node>& l, size_t pidx, size_t tidx, std::optional<size_t> nidx) {
          const Node* next = nidx ? &l[*nidx] : nullptr;
          const bool ok =
              IsKind(next, {GroupKind::kFunction}) ||
              IsLeafType(next, {TokenType::kName, TokenType::kStringSymbol, TokenType::kWildcard});
          return ok ? std::pair{pidx, *nidx} : std::pair{pidx, tidx};
        },
        /*extend=*/true, /*recurse=*/true);
  }

  // @recurse(sql.Identifier): lone names and "symbols" become identifiers.
  void GroupIdentifier(std::vector<Node>& list) {
    for (Node& n : list) {
      if (n.is_group() && n.kind != GroupKind::kIdentifier) GroupIdentifier(n.children);
    }
    for (size_t i = 0; i < list.size(); ++i) {
      if (IsLeafType(&list[i], {TokenType::kStringSymbol, TokenType::kName})) {
        GroupTokens(list, GroupKind::kIdentifier, i, i, false);
      }
    }
  }

  // Identifier or number followed by ASC/DESC (top level only, as in sqlparse).
  void GroupOrder(std::vector<Node>& list) {
    std::vector<Node> out;
    out.reserve(list.size());
    for (Node& t : list) {
      if (IsLeafType(&t, {TokenType::kKeywordOrder})) {
        const auto p = Prev(out, out.size());
        if (p && (out[*p].kind == GroupKind::kIdentifier || out[*p].is_number())) {
          Node g{GroupKind::kIdentifier, TokenType::kError, out[*p].begin, t.end, {}};
          for (size_t k = *p; k < out.size(); ++k) g.children.push_back(std::move(out[k]));
          out.resize(*p);
          g.children.push_back(std::move(t));
          out.push_back(std::move(g));
          continue;
        }
      }
      out.push_back(std::move(t));
    }
    list = std::move(out);
  }

  void GroupOperator(std::vector<Node>& list) {
    auto valid = [&](const Node* t) {
      if (IsKind(t, {GroupKind::kParenthesis, GroupKind::kFunction, GroupKind::kIdentifier,
                     GroupKind::kOperation})) {
        return true;
      }
      if (IsLeafType(t, kNumStrName)) return true;
      if (t != nullptr && t->is_keyword()) {
        std::string up(t->text(s_));
        for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return up == "CURRENT_DATE" || up == "CURRENT_TIME" || up == "CURRENT_TIMESTAMP";
      }
      return false;
    };
    GenericGroup(
        list, GroupKind::kOperation,
        [](const Node& t) {
          return IsLeafType(&t, {TokenType::kOperator, TokenType::kWildcard});
        },
        valid, valid,
        [](std::vector<Node>& l, size_t pidx, size_t tidx, std::optional<size_t> nidx) {
          l[tidx].type = TokenType::kOperator;
          return std::pair{pidx, *nidx};
        },
        /*extend=*/false, /*recurse=*/true);
  }

  void GroupComparison(std::vector<Node>& list) {
    auto valid = [&](const Node* t) {
      if (IsKind(t, {GroupKind::kParenthesis, GroupKind::kFunction, GroupKind::kIdentifier,
                     GroupKind::kOperation})) {
        return true;
      }
      if (IsLeafType(t, kNumStrName)) return true;
      if (t != nullptr && t->is_keyword()) {
        std::string up(t->text(s_));
        for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return up == "NULL";
      }
      return false;
    };
    GenericGroup(
        list, GroupKind::kComparison,
        [](const Node& t) { return IsLeafType(&t, {TokenType::kComparison}); }, valid, valid,
        [](std::vector<Node>&, size_t pidx, size_t, std::optional<size_t> nidx) {
          return std::pair{pidx, *nidx};
        },
        /*extend=*/false, /*recurse=*/true);
  }

  // @recurse(): an aliasable item followed by an identifier merges into one identifier.
  void GroupAliased(std::vector<Node>& list) {
    for (Node& n : list) {
      if (n.is_group()) GroupAliased(n.children);
    }
    RebuildPairs(
        list,
        [](const Node& t) {
          return IsKind(&t, {GroupKind::kParenthesis, GroupKind::kFunction, GroupKind::kIdentifier,
                             GroupKind::kOperation, GroupKind::kComparison}) ||
                 t.is_number();
        },
        [](const Node& n) { return n.kind == GroupKind::kIdentifier; }, GroupKind::kIdentifier,
        /*extend=*/true);
  }

  void GroupIdentifierList(std::vector<Node>& list) {
    auto valid = [&](const Node* t) {
      if (IsKind(t, {GroupKind::kFunction, GroupKind::kIdentifier, GroupKind::kComparison,
                     GroupKind::kIdentifierList, GroupKind::kOperation})) {
        return true;
      }
      if (IsLeafType(t, kNumStrName)) return true;
      return IsLeafType(t, {TokenType::kKeyword, TokenType::kComment, TokenType::kWildcard});
    };
    GenericGroup(
        list, GroupKind::kIdentifierList,
        [&](const Node& t) {
          return IsLeafType(&t, {TokenType::kPunctuation}) && t.text(s_) == ",";
        },
        valid, valid,
        [](std::vector<Node>&, size_t pidx, size_t, std::optional<size_t> nidx) {
          return std::pair{pidx, *nidx};
        },
        /*extend=*/true, /*recurse=*/true);
  }

  bool Group(std::vector<Node>& stmt) {
    if (!GroupParenthesis(stmt, 0)) return false;
    GroupFunctions(stmt);
    GroupPeriod(stmt);
    GroupIdentifier(stmt);
    GroupOrder(stmt);
    GroupOperator(stmt);
    GroupComparison(stmt);
    GroupAliased(stmt);
    GroupIdentifierList(stmt);
    return true;
  }

 private:
  std::string_view s_;
};

}  // namespace

bool Node::is_keyword() const {
  return kind == GroupKind::kLeaf &&
         (type == TokenType::kKeyword || type == TokenType::kKeywordDml ||
          type == TokenType::kKeywordDdl || type == TokenType::kKeywordCte ||
          type == TokenType::kKeywordOrder);
}

bool Node::is_number() const {
  return kind == GroupKind::kLeaf && (type == TokenType::kInteger || type == TokenType::kFloat ||
                                      type == TokenType::kHexadecimal);
}

std::vector<Node> Tokenize(std::string_view text) { return Lexer(text).Run(); }

std::optional<std::vector<Statement>> Parse(std::string_view text) {
  std::vector<Node> tokens = Tokenize(text);
  // StatementSplitter: a statement ends after `;`; whitespace right after it stays with it.
  std::vector<Statement> statements;
  Statement current;
  bool ended = false;
  for (Node& t : tokens) {
    if (ended && !t.is_whitespace()) {
      statements.push_back(std::move(current));
      current.clear();
      ended = false;
    }
    const bool semicolon =
        t.kind == GroupKind::kLeaf && t.type == TokenType::kPunctuation && t.text(text) == ";";
    current.push_back(std::move(t));
    if (semicolon) ended = true;
  }
  if (!current.empty()) statements.push_back(std::move(current));
  std::vector<Statement> out;
  Grouper grouper(text);
  for (Statement& s : statements) {
    if (std::all_of(s.begin(), s.end(), [](const Node& n) { return n.is_whitespace(); })) {
      continue;
    }
    if (!grouper.Group(s)) return std::nullopt;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace cairn::mlflow::sqlparse
