#include "storage/pagination.h"

#include <charconv>
#include <cstdint>
#include <utility>

#include "common/sha256.h"
#include "common/validation.h"

namespace cairn::storage {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr size_t kChecksumBytes = 8;
// Domain separation: a checksum of the bare payload would also match other SHA-256 uses.
constexpr std::string_view kChecksumContext = "cairn.page_token.v1";
constexpr size_t kMaxTokenLength = 4096;

int Index(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

std::string Base64Url(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 63]);
  return out;
}

std::optional<std::string> FromBase64Url(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    const int v = Index(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

std::string Checksum(std::string_view payload) {
  Sha256 h;
  h.Update(kChecksumContext);
  h.Update("\0", 1);
  h.Update(payload);
  auto raw = h.FinishRaw();
  if (!raw.ok()) return std::string(kChecksumBytes, '\0');  // never matches a real checksum
  return raw->substr(0, kChecksumBytes);
}

bool ParseInt(std::string_view s, int64_t& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Payload: "<kind>\n" then per value "i<decimal>\n" or "s<length>:<bytes>".
void AppendValue(std::string& out, const std::variant<int64_t, std::string>& v) {
  if (const int64_t* i = std::get_if<int64_t>(&v)) {
    out.append("i").append(std::to_string(*i)).append("\n");
  } else {
    const std::string& s = std::get<std::string>(v);
    out.append("s").append(std::to_string(s.size())).append(":").append(s);
  }
}

std::string PayloadHead(std::string_view kind) { return std::string(kind) + "\n"; }

// The predicate for rows after `position` in descending order of keys[at..]:
//   k < ?                      (last key)
//   (k < ? OR (k = ? AND <rest>))
void AppendAfterFrom(const std::vector<SortKey>& keys, const Keyset::Position& position, size_t at,
                     std::string& sql, std::vector<Value>& params) {
  auto bind = [&](size_t i) {
    std::visit([&](const auto& v) { params.emplace_back(v); }, position[i]);
  };
  if (at + 1 == keys.size()) {
    sql.append(keys[at].column).append(" < ?");
    bind(at);
    return;
  }
  sql.append("(").append(keys[at].column).append(" < ? OR (");
  bind(at);
  sql.append(keys[at].column).append(" = ? AND ");
  bind(at);
  AppendAfterFrom(keys, position, at + 1, sql, params);
  sql.append("))");
}

}  // namespace

Status InvalidPageToken() {
  return validation::FieldInvalid("page_token", "is not a valid page token");
}

std::string SealPageToken(std::string_view payload) {
  return Base64Url(std::string(payload) + Checksum(payload));
}

std::optional<std::string> OpenPageToken(std::string_view token) {
  if (token.size() > kMaxTokenLength) return std::nullopt;
  auto bytes = FromBase64Url(token);
  if (!bytes || bytes->size() < kChecksumBytes) return std::nullopt;
  const std::string_view all(*bytes);
  const std::string_view payload = all.substr(0, all.size() - kChecksumBytes);
  if (all.substr(payload.size()) != Checksum(payload)) return std::nullopt;
  return std::string(payload);
}

Keyset::Keyset(std::string_view kind, std::vector<SortKey> keys)
    : kind_(kind), keys_(std::move(keys)) {}

std::string Keyset::Token(const Position& position) const {
  std::string payload = PayloadHead(kind_);
  for (const auto& v : position) AppendValue(payload, v);
  return SealPageToken(payload);
}

Result<Keyset::Position> Keyset::Decode(std::string_view page_token) const {
  auto payload = OpenPageToken(page_token);
  const std::string head = PayloadHead(kind_);
  if (!payload || !payload->starts_with(head)) return InvalidPageToken();
  std::string_view rest = std::string_view(*payload).substr(head.size());
  Position position;
  for (const SortKey& key : keys_) {
    if (rest.empty()) return InvalidPageToken();
    const char tag = rest.front();
    rest.remove_prefix(1);
    if (key.type == KeyType::kInt) {
      const size_t nl = rest.find('\n');
      int64_t v = 0;
      if (tag != 'i' || nl == std::string_view::npos || !ParseInt(rest.substr(0, nl), v))
        return InvalidPageToken();
      position.emplace_back(v);
      rest.remove_prefix(nl + 1);
    } else {
      const size_t colon = rest.find(':');
      int64_t n = 0;
      if (tag != 's' || colon == std::string_view::npos || !ParseInt(rest.substr(0, colon), n) ||
          n < 0 || static_cast<uint64_t>(n) > rest.size() - colon - 1)
        return InvalidPageToken();
      position.emplace_back(std::string(rest.substr(colon + 1, static_cast<size_t>(n))));
      rest.remove_prefix(colon + 1 + static_cast<size_t>(n));
    }
  }
  if (!rest.empty()) return InvalidPageToken();
  return position;
}

Status Keyset::AppendAfter(std::string_view page_token, std::string& sql,
                           std::vector<Value>& params) const {
  if (page_token.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(Position position, Decode(page_token));
  sql.append(" AND (");
  AppendAfterFrom(keys_, position, 0, sql, params);
  sql.append(")");
  return Status::Ok();
}

void Keyset::AppendOrderAndLimit(int limit, std::string& sql, std::vector<Value>& params) const {
  sql.append(" ORDER BY ");
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (i > 0) sql.append(", ");
    sql.append(keys_[i].column).append(" DESC");
  }
  sql.append(" LIMIT ?");
  params.emplace_back(FetchLimit(limit));
}

std::string OffsetToken(std::string_view kind, int64_t offset) {
  std::string payload = PayloadHead(kind);
  payload.append("o").append(std::to_string(offset)).append("\n");
  return SealPageToken(payload);
}

Result<int64_t> ParseOffsetToken(std::string_view kind, std::string_view token) {
  auto payload = OpenPageToken(token);
  const std::string head = PayloadHead(kind) + "o";
  int64_t offset = 0;
  if (!payload || !payload->starts_with(head) || !payload->ends_with("\n") ||
      !ParseInt(std::string_view(*payload).substr(head.size(), payload->size() - head.size() - 1),
                offset) ||
      offset < 0)
    return InvalidPageToken();
  return offset;
}

}  // namespace cairn::storage
