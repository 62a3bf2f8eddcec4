#include "common/like.h"

#include <vector>

namespace cairn {
namespace {

char Fold(char c, bool ignore_case) {
  if (ignore_case && c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  return c;
}

// Length of the UTF-8 sequence starting at text[i] (1 for a stray byte).
size_t SequenceLength(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  size_t n = c < 0x80             ? 1
             : (c & 0xE0) == 0xC0 ? 2
             : (c & 0xF0) == 0xE0 ? 3
             : (c & 0xF8) == 0xF0 ? 4
                                  : 1;
  if (i + n > text.size()) n = 1;
  return n;
}

struct Token {
  enum class Kind { kLiteral, kOne, kAny } kind;
  char c = 0;
};

}  // namespace

bool LikeMatch(std::string_view text, std::string_view pattern, bool ignore_case) {
  std::vector<Token> tokens;
  tokens.reserve(pattern.size());
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char p = pattern[i];
    if (p == '\\' && i + 1 < pattern.size()) {
      tokens.push_back({Token::Kind::kLiteral, Fold(pattern[++i], ignore_case)});
    } else if (p == '%') {
      if (tokens.empty() || tokens.back().kind != Token::Kind::kAny)
        tokens.push_back({Token::Kind::kAny});
    } else if (p == '_') {
      tokens.push_back({Token::Kind::kOne});
    } else {
      tokens.push_back({Token::Kind::kLiteral, Fold(p, ignore_case)});
    }
  }
  // Greedy matching with backtracking to the last `%` (linear memory).
  size_t t = 0, k = 0;
  size_t star_k = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (k < tokens.size() && tokens[k].kind == Token::Kind::kLiteral &&
        tokens[k].c == Fold(text[t], ignore_case)) {
      ++t;
      ++k;
    } else if (k < tokens.size() && tokens[k].kind == Token::Kind::kOne) {
      t += SequenceLength(text, t);
      ++k;
    } else if (k < tokens.size() && tokens[k].kind == Token::Kind::kAny) {
      star_k = k++;
      star_t = t;
    } else if (star_k != std::string_view::npos) {
      k = star_k + 1;
      star_t += SequenceLength(text, star_t);
      t = star_t;
    } else {
      return false;
    }
  }
  while (k < tokens.size() && tokens[k].kind == Token::Kind::kAny) ++k;
  return k == tokens.size();
}

}  // namespace cairn
