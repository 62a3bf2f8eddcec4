#include "http/static_files.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace cairn::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kIndexFile = "index.html";
constexpr std::string_view kNoCache = "no-cache";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

bool IsHashChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string Trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out;
  for (char c : s) out.push_back(Lower(c));
  return out;
}

// The q-value of one Accept-Encoding item's parameters ("q=0.5"); 1 when absent, 0 when bad.
double QValue(std::string_view params) {
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string p = Trimmed(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    std::string compact;
    for (char c : p) {
      if (c != ' ') compact.push_back(c);
    }
    if (compact.rfind("q=", 0) != 0) continue;
    std::string_view num = std::string_view(compact).substr(2);
    // RFC 9110 qvalue: 0[.ddd] or 1[.000].
    if (num.empty() || (num[0] != '0' && num[0] != '1')) return 0;
    double v = num[0] - '0';
    double scale = 0.1;
    for (size_t i = 1; i < num.size(); ++i) {
      if (i == 1) {
        if (num[i] != '.') return 0;
        continue;
      }
      if (num[i] < '0' || num[i] > '9' || i > 4) return 0;
      v += (num[i] - '0') * scale;
      scale /= 10;
    }
    return v > 1 ? 0 : v;
  }
  return 1;
}

}  // namespace

AcceptedEncodings ParseAcceptEncoding(std::string_view accept) {
  AcceptedEncodings out;
  double star = -1;
  double br = -1;
  double gzip = -1;
  while (!accept.empty()) {
    size_t comma = accept.find(',');
    std::string_view item = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    size_t semi = item.find(';');
    std::string coding = Trimmed(item.substr(0, semi));
    double q = semi == std::string_view::npos ? 1 : QValue(item.substr(semi + 1));
    if (coding == "br") {
      br = q;
    } else if (coding == "gzip" || coding == "x-gzip") {
      gzip = q;
    } else if (coding == "*") {
      star = q;
    }
  }
  // A coding not named explicitly takes the `*` weight when there is one.
  out.br = br >= 0 ? br : (star >= 0 ? star : 0);
  out.gzip = gzip >= 0 ? gzip : (star >= 0 ? star : 0);
  return out;
}

namespace {

bool IsRegularFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

// Canonical `candidate` must stay inside canonical `root` (symlinks cannot escape).
bool InsideRoot(const fs::path& root, const fs::path& candidate) {
  std::error_code ec;
  fs::path r = fs::canonical(root, ec);
  if (ec) return false;
  fs::path c = fs::canonical(candidate, ec);
  if (ec) return false;
  auto [rit, cit] = std::mismatch(r.begin(), r.end(), c.begin(), c.end());
  return rit == r.end();
}

Response NotFoundProblem(std::string_view rel_path) {
  std::string instance = "/";
  instance.append(rel_path);
  return Problem(NotFound("no such file"), instance);
}

Response FileResponse(const fs::path& file, std::string_view accept_encoding) {
  Response r;
  r.status = 200;
  std::string name = file.filename().string();
  r.content_type = std::string(MimeTypeFor(name));
  if (name == kIndexFile) {
    r.headers.emplace_back("Cache-Control", std::string(kNoCache));
  } else if (IsContentHashed(name)) {
    r.headers.emplace_back("Cache-Control", std::string(kImmutable));
  } else {
    r.headers.emplace_back("Cache-Control", std::string(kNoCache));
  }
  fs::path br = file;
  br += ".br";
  fs::path gz = file;
  gz += ".gz";
  bool has_br = IsRegularFile(br);
  bool has_gz = IsRegularFile(gz);
  if (has_br || has_gz) {
    r.headers.emplace_back("Vary", "Accept-Encoding");
    AcceptedEncodings accepted = ParseAcceptEncoding(accept_encoding);
    double br_q = has_br ? accepted.br : 0;
    double gz_q = has_gz ? accepted.gzip : 0;
    // Brotli is smaller: it wins a tie.
    if (br_q > 0 && br_q >= gz_q) {
      r.headers.emplace_back("Content-Encoding", "br");
      r.file_path = br.string();
      return r;
    }
    if (gz_q > 0) {
      r.headers.emplace_back("Content-Encoding", "gzip");
      r.file_path = gz.string();
      return r;
    }
  }
  r.file_path = file.string();
  return r;
}

}  // namespace

std::string_view MimeTypeFor(std::string_view file_name) {
  size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string ext;
  for (char c : file_name.substr(dot + 1)) ext.push_back(Lower(c));
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "png") return "image/png";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "ico") return "image/x-icon";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "gif") return "image/gif";
  if (ext == "webp") return "image/webp";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "wasm") return "application/wasm";
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool IsContentHashed(std::string_view file_name) {
  for (size_t i = 0; i < file_name.size(); ++i) {
    if (file_name[i] != '-') continue;
    size_t j = i + 1;
    while (j < file_name.size() && IsHashChar(file_name[j])) ++j;
    if (j - (i + 1) >= 8 && j < file_name.size() && file_name[j] == '.') return true;
  }
  return false;
}

Response ServeStaticFile(const std::string& root, std::string_view rel_path, bool spa_fallback,
                         std::string_view accept_encoding) {
  while (!rel_path.empty() && rel_path.front() == '/') rel_path.remove_prefix(1);
  if (rel_path.find('\0') != std::string_view::npos ||
      rel_path.find('\\') != std::string_view::npos) {
    return NotFoundProblem(rel_path);
  }
  std::string_view rest = rel_path;
  std::string_view last;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    if (part == "..") return NotFoundProblem(rel_path);
    if (!part.empty()) last = part;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }

  fs::path root_path(root);
  fs::path candidate = root_path / fs::path(std::string(rel_path));
  std::error_code ec;
  if (fs::is_directory(candidate, ec)) candidate /= kIndexFile;
  if (IsRegularFile(candidate)) {
    if (!InsideRoot(root_path, candidate)) return NotFoundProblem(rel_path);
    return FileResponse(candidate, accept_encoding);
  }
  // Client-side routes (`/runs/abc`) have no extension; a missing asset (`/x.js`) stays a 404.
  if (spa_fallback && last.find('.') == std::string_view::npos) {
    fs::path index = root_path / kIndexFile;
    if (IsRegularFile(index)) return FileResponse(index, accept_encoding);
  }
  return NotFoundProblem(rel_path);
}

Response ServeStaticFile(const std::string& root, std::string_view rel_path, bool spa_fallback,
                         const Request& req) {
  return ServeStaticFile(root, rel_path, spa_fallback,
                         req.Header("accept-encoding").value_or(std::string_view()));
}

}  // namespace cairn::http
