#include "common/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "common/ids.h"

namespace cairn::files {
namespace {

namespace fs = std::filesystem;

Status SyncFd(int fd) {
  while (::fsync(fd) != 0) {
    if (errno != EINTR) return Internal("cannot sync file");
  }
  return Status::Ok();
}

std::string ParentOf(const std::string& path) {
  std::string parent = fs::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

}  // namespace

Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Internal("cannot open directory");
  Status s = SyncFd(fd);
  ::close(fd);
  return s;
}

Status MoveFile(const std::string& from, const std::string& to) {
  std::error_code ec;
  const std::string dir = ParentOf(to);
  fs::create_directories(dir, ec);
  if (ec) return Internal("cannot create directory");
  fs::rename(from, to, ec);
  if (ec) {
    // Different file systems (temporary directory elsewhere): copy, sync, drop the original.
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (ec) return Internal("cannot store file");
    const int fd = ::open(to.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Internal("cannot store file");
    Status synced = SyncFd(fd);
    ::close(fd);
    RETURN_IF_ERROR(synced);
    fs::remove(from, ec);
  }
  return SyncDirectory(dir);
}

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  const std::string dir = ParentOf(path);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Internal("cannot create directory");
  const std::string temp = path + ".tmp-" + NewUuid();
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Internal("cannot write file");
  Status s;
  size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      s = Internal("cannot write file");
      break;
    }
    done += static_cast<size_t>(n);
  }
  if (s.ok()) s = SyncFd(fd);
  ::close(fd);
  if (s.ok() && ::rename(temp.c_str(), path.c_str()) != 0) s = Internal("cannot write file");
  if (!s.ok()) {
    fs::remove(temp, ec);
    return s;
  }
  return SyncDirectory(dir);
}

}  // namespace cairn::files
