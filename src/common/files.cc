#include "common/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "common/safe_dir.h"

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
  auto dir = SafeDir::OpenOrCreate(ParentOf(to));
  if (!dir.ok()) return Internal("cannot create directory");
  Status s = dir->MoveIn(from, fs::path(to).filename().string());
  if (s.ok()) return s;
  return IsRefusedPath(s) ? s : Internal("cannot store file");
}

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  auto dir = SafeDir::OpenOrCreate(ParentOf(path));
  if (!dir.ok()) return Internal("cannot create directory");
  Status s = dir->WriteAtomically(fs::path(path).filename().string(), contents);
  if (s.ok()) return s;
  return IsRefusedPath(s) ? s : Internal("cannot write file");
}

}  // namespace cairn::files
