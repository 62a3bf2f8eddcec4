// Text normalisation for the prompt rules: the text the patterns are matched against, with a
// map from every byte of it back to the byte range of the original text it came from.
//
// Steps, per code point of the original (UTF-8):
//   1. Unicode tag characters U+E0020..U+E007E (invisible, used to smuggle ASCII past a reader)
//      are read as the ASCII character they shadow.
//   2. Format characters (general category Cf: zero-width space/joiners U+200B..U+200D, bidi
//      controls U+200E/U+200F/U+202A..U+202E/U+2066..U+2069, word joiner and invisible operators
//      U+2060..U+2064, BOM U+FEFF, soft hyphen U+00AD, …) and the other default-ignorable code
//      points (variation selectors, Hangul fillers, combining grapheme joiner) are removed.
//   3. NFKC: compatibility decomposition, canonical ordering and canonical composition, so
//      fullwidth letters, ligatures, mathematical alphanumerics, circled and superscript digits
//      fold to their plain forms (utf8proc, Unicode 15).
//   4. Space separators (Zs), line and paragraph separators (Zl, Zp) that NFKC leaves become
//      U+0020, which the patterns' \s matches.
// No case folding: the injection patterns are case-insensitive and the key shapes are
// case-sensitive by design. Confusable homoglyphs (Cyrillic о for Latin o) are not folded.
// A byte that is not part of well-formed UTF-8 becomes U+FFFD. Compatibility decompositions
// may together at most double the code point count of the text (U+FDFA alone expands to 18);
// past that, code points are kept as they are, so memory stays linear in the input.
//
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn::prompts {

class NormalizedText {
 public:
  // The normalised text (valid UTF-8).
  const std::string& text() const { return text_; }
  // The byte range [start, end) of the original text that produced normalised bytes
  // [nstart, nend) (nstart < nend): from the start of the first source code point to the end
  // of the last, so characters removed inside the range are covered too.
  std::pair<size_t, size_t> OriginalSpan(size_t nstart, size_t nend) const;

 private:
  friend NormalizedText Normalize(std::string_view original);
  std::string text_;
  bool identity_ = true;  // text_ == original: no map needed
  // Per normalised byte: the original byte range of the code point(s) it came from.
  std::vector<uint32_t> src_start_;
  std::vector<uint32_t> src_end_;
};

// `original` must be shorter than 4 GiB (prompt bodies are capped far below that).
[[nodiscard]] NormalizedText Normalize(std::string_view original);

// The normalised text alone (banned terms are normalised like bodies).
[[nodiscard]] std::string NormalizeForMatching(std::string_view original);

}  // namespace cairn::prompts
