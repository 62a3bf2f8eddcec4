#include "prompts/text_normalizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>

namespace cairn::prompts {
namespace {

constexpr utf8proc_int32_t kReplacement = 0xFFFD;
constexpr utf8proc_int32_t kTagFirst = 0xE0020;  // TAG SPACE
constexpr utf8proc_int32_t kTagLast = 0xE007E;   // TAG TILDE
constexpr utf8proc_int32_t kTagOffset = 0xE0000;
// The longest compatibility decomposition in Unicode 15 is 18 code points (U+FDFA).
constexpr size_t kMaxDecomposition = 32;
// Hangul (Unicode §3.12): precomposed syllables, and the vowel and trailing-consonant jamo that
// compose with a preceding syllable or jamo.
constexpr utf8proc_int32_t kHangulSyllableFirst = 0xAC00;
constexpr utf8proc_int32_t kHangulSyllableLast = 0xD7A3;
constexpr utf8proc_int32_t kHangulVowelFirst = 0x1161;
constexpr utf8proc_int32_t kHangulTrailingLast = 0x11C2;

// A code point of the normalised text and the original bytes it came from.
struct Unit {
  utf8proc_int32_t cp;
  uint32_t start;
  uint32_t end;
};

int CombiningClass(utf8proc_int32_t cp) { return utf8proc_get_property(cp)->combining_class; }

// Whether `cp` can be the second part of a canonical composition: every such code point
// (NFC_Quick_Check=Maybe) is a combining mark (Mn, Mc) or a Hangul vowel or trailing jamo.
// Only these are tried, which keeps long runs of other letters cheap.
bool MayComposeWithPrevious(utf8proc_int32_t cp) {
  if (cp >= kHangulVowelFirst && cp <= kHangulTrailingLast) return true;
  const utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC;
}

bool IsSeparator(utf8proc_int32_t cp) {
  const utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

// Steps 1, 2 and the decomposition of step 3 for one original code point. A decomposition that
// would take `units` past `budget` is not made (the code point stays as it is).
void Decompose(utf8proc_int32_t cp, uint32_t start, uint32_t end, size_t budget,
               std::vector<Unit>& units) {
  if (cp < 0x80) {
    units.push_back({cp, start, end});
    return;
  }
  if (cp >= kTagFirst && cp <= kTagLast) {
    units.push_back({cp - kTagOffset, start, end});
    return;
  }
  if (utf8proc_category(cp) == UTF8PROC_CATEGORY_CF) return;
  // A precomposed syllable is its own NFKC (decomposing and recomposing it would only cost).
  if (cp >= kHangulSyllableFirst && cp <= kHangulSyllableLast) {
    units.push_back({cp, start, end});
    return;
  }
  std::array<utf8proc_int32_t, kMaxDecomposition> buf{};
  const utf8proc_ssize_t n = utf8proc_decompose_char(
      cp, buf.data(), static_cast<utf8proc_ssize_t>(buf.size()),
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_IGNORE),
      nullptr);
  if (n < 0 || static_cast<size_t>(n) > buf.size() ||
      units.size() + static_cast<size_t>(n) > budget) {
    units.push_back({cp, start, end});
    return;
  }
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    const utf8proc_int32_t d = buf[static_cast<size_t>(i)];
    units.push_back({IsSeparator(d) ? ' ' : d, start, end});
  }
}

// Canonical ordering: each run of non-starters sorted (stably) by combining class.
void Reorder(std::vector<Unit>& units) {
  size_t i = 0;
  while (i < units.size()) {
    if (units[i].cp < 0x80 || CombiningClass(units[i].cp) == 0) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < units.size() && units[j].cp >= 0x80 && CombiningClass(units[j].cp) != 0) ++j;
    if (j - i > 1) {
      std::stable_sort(
          units.begin() + static_cast<std::ptrdiff_t>(i),
          units.begin() + static_cast<std::ptrdiff_t>(j),
          [](const Unit& a, const Unit& b) { return CombiningClass(a.cp) < CombiningClass(b.cp); });
    }
    i = j;
  }
}

// Canonical composition (UAX #15), the loop utf8proc runs, keeping the source ranges: a
// composed code point covers the ranges of both of its parts. utf8proc composes one pair at a
// time here (its composition table, Hangul syllables and the exclusions).
// Composes in place (the output is never longer than the input).
void Compose(std::vector<Unit>& units) {
  size_t kept = 0;
  std::ptrdiff_t starter = -1;
  int max_class = -1;
  for (size_t i = 0; i < units.size(); ++i) {
    const Unit u = units[i];
    const int cc = u.cp < 0x80 ? 0 : CombiningClass(u.cp);
    if (starter >= 0 && u.cp >= 0x80 && cc > max_class && MayComposeWithPrevious(u.cp)) {
      Unit& s = units[static_cast<size_t>(starter)];
      std::array<utf8proc_int32_t, 2> pair{s.cp, u.cp};
      const utf8proc_ssize_t n = utf8proc_normalize_utf32(
          pair.data(), 2, static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE));
      if (n == 1) {
        s.cp = pair[0];
        s.start = std::min(s.start, u.start);
        s.end = std::max(s.end, u.end);
        continue;
      }
    }
    units[kept] = u;
    if (cc != 0) {
      max_class = std::max(max_class, cc);
    } else {
      starter = static_cast<std::ptrdiff_t>(kept);
      max_class = -1;
    }
    ++kept;
  }
  units.resize(kept);
}

}  // namespace

std::pair<size_t, size_t> NormalizedText::OriginalSpan(size_t nstart, size_t nend) const {
  if (identity_) return {nstart, nend};
  nend = std::min(nend, src_start_.size());
  if (nstart >= nend) {
    const size_t at = nstart < src_start_.size() ? src_start_[nstart]
                      : src_end_.empty()         ? 0
                                                 : src_end_.back();
    return {at, at};
  }
  uint32_t start = src_start_[nstart];
  uint32_t end = src_end_[nstart];
  for (size_t i = nstart + 1; i < nend; ++i) {
    start = std::min(start, src_start_[i]);
    end = std::max(end, src_end_[i]);
  }
  return {start, end};
}

NormalizedText Normalize(std::string_view original) {
  NormalizedText out;
  const bool ascii = std::all_of(original.begin(), original.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {  // NFKC leaves ASCII alone and ASCII has no format characters
    out.text_ = std::string(original);
    return out;
  }
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(original.data());
  // Compatibility decompositions may at most double the number of code points (U+FDFA alone
  // is 18), which bounds the memory an evaluation takes; ordinary text never comes near it.
  const size_t budget = 2 * original.size();
  std::vector<Unit> units;
  units.reserve(original.size());
  size_t pos = 0;
  while (pos < original.size()) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t len = 1;
    if (bytes[pos] < 0x80) {
      cp = bytes[pos];
    } else {
      len =
          utf8proc_iterate(bytes + pos, static_cast<utf8proc_ssize_t>(original.size() - pos), &cp);
      if (len < 1) {
        cp = kReplacement;
        len = 1;
      }
    }
    const auto start = static_cast<uint32_t>(pos);
    pos += static_cast<size_t>(len);
    Decompose(cp, start, static_cast<uint32_t>(pos), budget, units);
  }
  Reorder(units);
  Compose(units);

  out.text_.reserve(original.size());
  out.src_start_.reserve(original.size());
  out.src_end_.reserve(original.size());
  std::array<utf8proc_uint8_t, 4> enc{};
  for (const Unit& u : units) {
    const utf8proc_ssize_t n = utf8proc_encode_char(u.cp, enc.data());
    for (utf8proc_ssize_t i = 0; i < n; ++i) {
      out.text_.push_back(static_cast<char>(enc[static_cast<size_t>(i)]));
      out.src_start_.push_back(u.start);
      out.src_end_.push_back(u.end);
    }
  }
  if (out.text_ == original) {
    out.src_start_ = {};
    out.src_end_ = {};
  } else {
    out.identity_ = false;
  }
  return out;
}

std::string NormalizeForMatching(std::string_view original) { return Normalize(original).text(); }

}  // namespace cairn::prompts
