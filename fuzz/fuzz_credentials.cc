// Fuzzes the parsers of identity and access on arbitrary bytes: the Authorization and Cookie
// header readers, the stored scrypt hash format, durations and identity normalisation. Checks
// their invariants: a credential found is a non-empty part of the input; a parsed hash is within
// the parameter bounds; a duration is positive; normalisation yields a valid, stable name.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/credentials.h"
#include "auth/duration.h"
#include "auth/password.h"
#include "common/identity.h"

namespace {

void CheckCredentials(const std::string& name, const std::string& text) {
  using Kind = cairn::auth::PresentedCredentials::Kind;
  std::vector<std::pair<std::string, std::string>> headers = {{name, text}};
  auto c = cairn::auth::ParseCredentials(headers);
  if (c.kind == Kind::kBearer || c.kind == Kind::kSession) {
    if (c.value.empty()) __builtin_trap();
    const char* begin = headers[0].second.data();
    const char* end = begin + headers[0].second.size();
    if (c.value.data() < begin || c.value.data() + c.value.size() > end) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  CheckCredentials("authorization", text);
  CheckCredentials("cookie", text);

  if (auto h = cairn::auth::ParseScryptHash(text)) {
    if (h->params.log2_n < 10 || h->params.log2_n > 20 || h->params.r < 1 || h->params.r > 32 ||
        h->params.p < 1 || h->params.p > 16 || h->key.size() != 32 || h->salt.size() < 8) {
      __builtin_trap();
    }
  }
  if (auto d = cairn::auth::ParseDuration(text); d && *d <= 0) __builtin_trap();
  if (auto n = cairn::NormalizeIdentity(text); n.ok()) {
    if (!cairn::IsValidIdentity(*n)) __builtin_trap();
    auto again = cairn::NormalizeIdentity(*n);
    if (!again.ok() || *again != *n) __builtin_trap();
  }
  return 0;
}
