// Fuzzes the command line's `-o jsonpath=` templates: parsing arbitrary text never crashes, and
// whatever parses renders against a fixed document (with arrays, objects, nulls, dotted keys).
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cli/jsonpath.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const boost::json::value kDoc = boost::json::parse(
      R"({"items":[{"name":"a","n":1,"tags":{"k.x":"v"},"list":[1,[2,3],{"z":null}]},)"
      R"({"name":"b","n":2.5}],"next_page_token":null,"ok":true,"":{"":0}})");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto t = cairn::cli::JsonPathTemplate::Parse(text);
  if (t.ok()) (void)t->Render(kDoc);
  return 0;
}
