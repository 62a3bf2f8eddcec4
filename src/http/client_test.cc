#include "http/client.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "common/log.h"
#include "common/testing/status_matchers.h"
#include "http/server.h"

namespace cairn::http {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// A scripted origin on a raw socket: answers each request with the next canned reply, and
// closes the connection after a reply when asked. Counts connections so tests can see reuse.
class ScriptedOrigin {
 public:
  struct Step {
    std::string reply;  // raw bytes; empty = never answer
    bool close_after = false;
  };

  explicit ScriptedOrigin(std::vector<Step> steps) : steps_(std::move(steps)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    ::listen(fd_, 8);
    socklen_t len = sizeof(addr);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~ScriptedOrigin() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  uint16_t port() const { return port_; }
  int connections() const { return connections_.load(); }
  std::vector<std::string> requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  // Reads one request (header + Content-Length body); false on EOF.
  bool ReadRequest(int c, std::string& pending) {
    while (true) {
      size_t end = pending.find("\r\n\r\n");
      if (end != std::string::npos) {
        size_t length = 0;
        auto cl = pending.find("Content-Length: ");
        if (cl != std::string::npos && cl < end) length = std::stoul(pending.substr(cl + 16));
        if (pending.size() >= end + 4 + length) {
          std::lock_guard lock(mu_);
          requests_.push_back(pending.substr(0, end + 4 + length));
          pending.erase(0, end + 4 + length);
          return true;
        }
      }
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0) return false;
      char buf[65536];
      ssize_t n = ::recv(c, buf, sizeof(buf), 0);
      if (n <= 0) return false;
      pending.append(buf, static_cast<size_t>(n));
    }
  }

  void Serve() {
    size_t next = 0;
    while (!stop_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      connections_.fetch_add(1);
      std::string pending;
      while (next < steps_.size() && ReadRequest(c, pending)) {
        const Step& s = steps_[next++];
        if (s.reply.empty()) {
          // Hold the connection open without answering until the client gives up.
          pollfd p{c, POLLIN, 0};
          ::poll(&p, 1, 5000);
          break;
        }
        ::send(c, s.reply.data(), s.reply.size(), MSG_NOSIGNAL);
        if (s.close_after) break;
      }
      ::close(c);
    }
  }

  std::vector<Step> steps_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::mutex mu_;
  std::vector<std::string> requests_;
  std::thread thread_;
};

std::string Reply(int status, std::string body, bool close_header = false) {
  return "HTTP/1.1 " + std::to_string(status) +
         " X\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n" + (close_header ? "Connection: close\r\n" : "") + "\r\n" + body;
}

std::unique_ptr<HttpClient> MakeClient(uint16_t port, ClientOptions o = {}) {
  auto c = HttpClient::Create("http://127.0.0.1:" + std::to_string(port), std::move(o));
  EXPECT_OK(c);
  return std::move(*c);
}

TEST(HttpClientUrl, RejectsWhatIsNotAnHttpOrigin) {
  for (const char* bad : {"", "localhost:8500", "ftp://x", "http://", "http://h/x?q=1",
                          "http://u:p@h/", "http://h:0/"}) {
    auto c = HttpClient::Create(bad);
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(HttpClientUrl, DefaultsPortsByScheme) {
  auto a = HttpClient::Create("http://example.com");
  ASSERT_OK(a);
  EXPECT_EQ((*a)->port(), 80);
  auto b = HttpClient::Create("HTTPS://example.com/");
  ASSERT_OK(b);
  EXPECT_EQ((*b)->port(), 443);
  EXPECT_EQ((*b)->scheme(), "https");
  auto c = HttpClient::Create("http://[::1]:9000/cairn");
  ASSERT_OK(c);
  EXPECT_EQ((*c)->host(), "::1");
  EXPECT_EQ((*c)->port(), 9000);
}

TEST(HttpClientUrl, MissingCaFileIsAnError) {
  ClientOptions o;
  o.ca_file = "/nonexistent/ca.pem";
  auto c = HttpClient::Create("https://example.com", o);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("CA certificates"));
}

TEST(PercentEncode, KeepsUnreservedAndOptionallySlashes) {
  EXPECT_EQ(PercentEncode("a b/c?d&é~._-"), "a%20b%2Fc%3Fd%26%C3%A9~._-");
  EXPECT_EQ(PercentEncode("dir/file name.txt", true), "dir/file%20name.txt");
}

TEST(HttpClientTransport, KeepsTheConnectionAlive) {
  ScriptedOrigin origin({{Reply(200, R"({"a":1})")}, {Reply(201, R"({"b":2})")}});
  auto client = MakeClient(origin.port());
  auto r1 = client->Send({.method = "GET", .target = "/one"});
  ASSERT_OK(r1);
  EXPECT_EQ(r1->status, 200);
  EXPECT_EQ(r1->body, R"({"a":1})");
  EXPECT_EQ(r1->Header("content-type").value_or(""), "application/json");
  auto r2 = client->Send({.method = "POST", .target = "/two", .body = "{}"});
  ASSERT_OK(r2);
  EXPECT_EQ(r2->status, 201);
  EXPECT_EQ(origin.connections(), 1);
  auto reqs = origin.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_THAT(reqs[0], HasSubstr("GET /one HTTP/1.1\r\n"));
  EXPECT_THAT(reqs[0], HasSubstr("Host: 127.0.0.1:"));
  EXPECT_THAT(reqs[1], HasSubstr("Content-Length: 2\r\n"));
}

TEST(HttpClientTransport, ReconnectsWhenTheServerClosedAnIdleConnection) {
  // The first reply does not announce the close; the second request meets a closed socket and
  // must be sent again on a new connection.
  ScriptedOrigin origin({{Reply(200, "{}"), true}, {Reply(200, R"({"again":true})")}});
  auto client = MakeClient(origin.port());
  ASSERT_OK(client->Send({.target = "/a"}));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto r = client->Send({.method = "POST", .target = "/b", .body = "{}"});
  ASSERT_OK(r);
  EXPECT_EQ(r->body, R"({"again":true})");
  EXPECT_EQ(origin.connections(), 2);
}

TEST(HttpClientTransport, HonoursConnectionClose) {
  ScriptedOrigin origin({{Reply(200, "{}", true), true}, {Reply(204, "")}});
  auto client = MakeClient(origin.port());
  ASSERT_OK(client->Send({.target = "/a"}));
  auto r = client->Send({.method = "DELETE", .target = "/b"});
  ASSERT_OK(r);
  EXPECT_EQ(r->status, 204);
  EXPECT_EQ(origin.connections(), 2);
}

TEST(HttpClientTransport, TimesOutOnASilentServer) {
  ScriptedOrigin origin({{""}});
  ClientOptions o;
  o.io_timeout = std::chrono::milliseconds(200);
  auto client = MakeClient(origin.port(), o);
  auto start = std::chrono::steady_clock::now();
  auto r = client->Send({.target = "/slow"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
}

TEST(HttpClientTransport, RefusedConnectionIsUnavailable) {
  uint16_t port;
  {
    ScriptedOrigin closed({});
    port = closed.port();
  }
  auto client = MakeClient(port);
  auto r = client->Send({.target = "/"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(r.status().message(), HasSubstr("cannot connect to 127.0.0.1:"));
}

TEST(HttpClientTransport, BoundsInMemoryReplies) {
  ScriptedOrigin origin({{Reply(200, std::string(5000, 'x'))}});
  ClientOptions o;
  o.max_reply_bytes = 1000;
  auto client = MakeClient(origin.port(), o);
  auto r = client->Send({.target = "/big"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
}

TEST(HttpClientTransport, ReadsAnEofDelimitedHttp10Body) {
  ScriptedOrigin origin(
      {{"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end", true}});
  auto client = MakeClient(origin.port());
  auto r = client->Send({.target = "/"});
  ASSERT_OK(r);
  EXPECT_EQ(r->body, "until the end");
}

// Against the real server: streamed uploads and downloads.
class HttpClientServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    dir_ = fs::temp_directory_path() /
           ("cairn-client-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "tmp");
    RouteOptions streamed;
    streamed.stream_body_to_file = true;
    router_.Add(
        Method::kPut, "/upload/{name...}",
        [](Request& req) {
          std::string content = req.body_file ? ReadFile(*req.body_file) : "";
          return Response::Json(
              200, "{\"name\":\"" + req.Param("name") +
                       "\",\"bytes\":" + std::to_string(content.size()) + ",\"tail\":\"" +
                       content.substr(content.size() - std::min<size_t>(3, content.size())) +
                       "\"}");
        },
        streamed);
    router_.Add(Method::kGet, "/download", [this](Request&) {
      Response r;
      r.content_type = "application/octet-stream";
      r.file_path = (dir_ / "served.bin").string();
      return r;
    });
    ServerOptions o;
    o.port = 0;
    o.temp_dir = (dir_ / "tmp").string();
    o.access_log = false;
    server_ = std::make_unique<HttpServer>(o, router_);
    ASSERT_OK(server_->Start());
  }
  void TearDown() override {
    server_->Stop();
    fs::remove_all(dir_);
  }

  fs::path dir_;
  Router router_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(HttpClientServerTest, StreamsAFileUploadWithProgress) {
  fs::path big = dir_ / "big.bin";
  {
    std::ofstream out(big, std::ios::binary);
    out << std::string(3 * 1024 * 1024 + 17, 'q') << "end";
  }
  auto client = MakeClient(server_->port());
  std::vector<uint64_t> progress;
  uint64_t total_seen = 0;
  ClientRequest req{.method = "PUT", .target = "/upload/dir/big%20file.bin"};
  req.body_file = big.string();
  req.headers = {{"Content-Type", "application/octet-stream"}};
  req.on_progress = [&](uint64_t done, uint64_t total) {
    progress.push_back(done);
    total_seen = total;
  };
  auto r = client->Send(req);
  ASSERT_OK(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"name":"dir/big file.bin","bytes":3145748,"tail":"end"})");
  EXPECT_EQ(total_seen, 3145748u);
  ASSERT_GT(progress.size(), 2u);
  EXPECT_EQ(progress.back(), 3145748u);
  EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
}

TEST_F(HttpClientServerTest, UploadsAnEmptyFile) {
  fs::path empty = dir_ / "empty.bin";
  std::ofstream(empty).close();
  auto client = MakeClient(server_->port());
  ClientRequest req{.method = "PUT", .target = "/upload/e"};
  req.body_file = empty.string();
  auto r = client->Send(req);
  ASSERT_OK(r);
  EXPECT_THAT(r->body, HasSubstr("\"bytes\":0"));
}

TEST_F(HttpClientServerTest, MissingUploadFileIsInvalidArgument) {
  auto client = MakeClient(server_->port());
  ClientRequest req{.method = "PUT", .target = "/upload/x"};
  req.body_file = (dir_ / "nope").string();
  auto r = client->Send(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(HttpClientServerTest, StreamsADownloadToAFileAndKeepsErrorsInMemory) {
  std::string content(2 * 1024 * 1024, 'd');
  content += "tail";
  std::ofstream(dir_ / "served.bin", std::ios::binary) << content;
  auto client = MakeClient(server_->port());
  ClientRequest req{.target = "/download"};
  req.download_file = (dir_ / "got.bin").string();
  auto r = client->Send(req);
  ASSERT_OK(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(r->body.empty());
  EXPECT_EQ(r->body_bytes, content.size());
  EXPECT_EQ(ReadFile(dir_ / "got.bin"), content);

  ClientRequest missing{.target = "/nowhere"};
  missing.download_file = (dir_ / "not-written.bin").string();
  auto e = client->Send(missing);
  ASSERT_OK(e);
  EXPECT_EQ(e->status, 404);
  EXPECT_THAT(e->body, HasSubstr("\"status\":404"));
  EXPECT_FALSE(fs::exists(dir_ / "not-written.bin"));
}

// HTTPS against `openssl s_server` with a throwaway self-signed certificate for "localhost".
class HttpClientTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v openssl >/dev/null 2>&1") != 0) {
      GTEST_SKIP() << "the openssl command is not installed";
    }
    dir_ = fs::temp_directory_path() / ("cairn-client-tls-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::string gen =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
        "-addext subjectAltName=DNS:localhost -keyout '" +
        (dir_ / "key.pem").string() + "' -out '" + (dir_ / "cert.pem").string() +
        "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(gen.c_str()), 0);
    {
      ScriptedOrigin probe({});  // a free port to hand to s_server
      port_ = probe.port();
    }
    pid_ = ::fork();
    if (pid_ == 0) {
      std::freopen("/dev/null", "w", stdout);
      std::freopen("/dev/null", "w", stderr);
      std::string cert = (dir_ / "cert.pem").string(), key = (dir_ / "key.pem").string();
      std::string accept = std::to_string(port_);
      ::execlp("openssl", "openssl", "s_server", "-quiet", "-www", "-accept", accept.c_str(),
               "-cert", cert.c_str(), "-key", key.c_str(), nullptr);
      ::_exit(127);
    }
    // Wait until it accepts.
    for (int i = 0; i < 100; ++i) {
      int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_port = htons(port_);
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
      ::close(fd);
      if (ok) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "openssl s_server did not start";
  }
  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  fs::path dir_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
};

TEST_F(HttpClientTlsTest, RefusesAnUntrustedCertificate) {
  auto c = HttpClient::Create("https://localhost:" + std::to_string(port_));
  ASSERT_OK(c);
  auto r = (*c)->Send({.target = "/"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(r.status().message(), HasSubstr("certificate verification failed"));
}

TEST_F(HttpClientTlsTest, AcceptsTheCertificateWhenItsCaIsGiven) {
  ClientOptions o;
  o.ca_file = (dir_ / "cert.pem").string();
  auto c = HttpClient::Create("https://localhost:" + std::to_string(port_), o);
  ASSERT_OK(c);
  auto r = (*c)->Send({.target = "/"});
  ASSERT_OK(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(HttpClientTlsTest, RefusesACertificateForAnotherHost) {
  ClientOptions o;
  o.ca_file = (dir_ / "cert.pem").string();
  // The certificate names localhost, not 127.0.0.1.
  auto c = HttpClient::Create("https://127.0.0.1:" + std::to_string(port_), o);
  ASSERT_OK(c);
  auto r = (*c)->Send({.target = "/"});
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("certificate verification failed"));
}

}  // namespace
}  // namespace cairn::http
