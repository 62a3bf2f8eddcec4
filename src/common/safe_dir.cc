#include "common/safe_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <system_error>
#include <utility>

#include "common/ids.h"

namespace cairn::files {
namespace {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
constexpr char kRefused[] = "a symbolic link or an entry of the wrong kind is in the way";

Status Refused() { return FailedPrecondition(kRefused); }

// The status for a failed openat/mkdirat/fstatat/unlinkat/renameat on one component.
Status FromErrno(int err) {
  switch (err) {
    case ENOENT:
      return NotFound("no such file in the data directory");
    case ELOOP:
    case ENOTDIR:
    case EISDIR:
    case ENXIO:  // a socket
      return Refused();
    case EEXIST:
      return AlreadyExists("a file already exists there");
    case ENAMETOOLONG:
      return InvalidArgument("the path is too long for the file system");
    case ENOTEMPTY:
      return FailedPrecondition("the folder is not empty");
    default:
      return Internal("file system error in the data directory");
  }
}

// Splits a relative path into its segments. Errors: InvalidArgument.
Result<std::vector<std::string_view>> Segments(std::string_view relative) {
  if (relative.empty() || relative.front() == '/')
    return InvalidArgument("the path must be relative and not empty");
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= relative.size()) {
    size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    const std::string_view seg = relative.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == ".." || seg.find('\0') != std::string_view::npos)
      return InvalidArgument("the path must not have empty, '.' or '..' segments");
    out.push_back(seg);
    start = end + 1;
  }
  return out;
}

Status SyncFd(int fd) {
  while (::fsync(fd) != 0) {
    if (errno != EINTR) return Internal("cannot sync file");
  }
  return Status::Ok();
}

int OpenAt(int dir, const std::string& name, int flags, mode_t mode = 0) {
  int fd = 0;
  do {
    fd = ::openat(dir, name.c_str(), flags, mode);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

EntryType TypeOf(mode_t mode) {
  if (S_ISREG(mode)) return EntryType::kFile;
  if (S_ISDIR(mode)) return EntryType::kDirectory;
  if (S_ISLNK(mode)) return EntryType::kSymlink;
  return EntryType::kOther;
}

Status WriteAll(int fd, const char* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Internal("cannot write file");
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status CopyFd(int from, int to) {
  std::vector<char> buf(1 << 16);
  while (true) {
    const ssize_t n = ::read(from, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Internal("cannot read file");
    if (n == 0) return Status::Ok();
    RETURN_IF_ERROR(WriteAll(to, buf.data(), static_cast<size_t>(n)));
  }
}

// Whether `name` in `dir` may be replaced by a rename: nothing there, or a regular file.
Status Replaceable(int dir, const std::string& name) {
  struct stat st {};
  if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return errno == ENOENT ? Status::Ok() : FromErrno(errno);
  }
  return S_ISREG(st.st_mode) ? Status::Ok() : Refused();
}

// Removes everything inside the folder `dir` (an open descriptor), never following a link.
Status RemoveContents(int dir) {
  const int listing = ::fcntl(dir, F_DUPFD_CLOEXEC, 0);
  if (listing < 0) return Internal("cannot list folder");
  DIR* d = ::fdopendir(listing);
  if (d == nullptr) {
    ::close(listing);
    return Internal("cannot list folder");
  }
  std::vector<std::pair<std::string, bool>> entries;  // name, is a real folder
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    struct stat st {};
    if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    entries.emplace_back(name, S_ISDIR(st.st_mode));
  }
  ::closedir(d);
  for (const auto& [name, is_dir] : entries) {
    if (is_dir) {
      UniqueFd child(OpenAt(dir, name, kDirFlags));
      if (!child.Valid()) {
        if (errno == ENOENT) continue;
        return FromErrno(errno);
      }
      RETURN_IF_ERROR(RemoveContents(child.Get()));
    }
    if (::unlinkat(dir, name.c_str(), is_dir ? AT_REMOVEDIR : 0) != 0 && errno != ENOENT)
      return FromErrno(errno);
  }
  return Status::Ok();
}

}  // namespace

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.Release();
  }
  return *this;
}

int UniqueFd::Release() noexcept { return std::exchange(fd_, -1); }

bool IsRefusedPath(const Status& s) {
  return s.code() == StatusCode::kFailedPrecondition && s.message() == kRefused;
}

struct SafeDir::Parent {
  UniqueFd dir;
  std::string leaf;
};

Result<SafeDir> SafeDir::Open(const std::string& root) {
  UniqueFd fd(OpenAt(AT_FDCWD, root, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.Valid()) return FromErrno(errno);
  return SafeDir(std::move(fd));
}

Result<SafeDir> SafeDir::OpenOrCreate(const std::string& root) {
  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  if (ec) return Internal("cannot create the data directory");
  return Open(root);
}

Result<SafeDir> SafeDir::Walk(std::string_view relative, bool create) const {
  ASSIGN_OR_RETURN(auto segments, Segments(relative));
  UniqueFd cur;
  for (const std::string_view seg : segments) {
    const std::string name(seg);
    const int at = cur.Valid() ? cur.Get() : fd_.Get();
    if (create && ::mkdirat(at, name.c_str(), 0755) != 0 && errno != EEXIST)
      return FromErrno(errno);
    UniqueFd next(OpenAt(at, name, kDirFlags));
    if (!next.Valid()) return FromErrno(errno);
    cur = std::move(next);
  }
  return SafeDir(std::move(cur));
}

Result<SafeDir> SafeDir::OpenDir(std::string_view relative) const { return Walk(relative, false); }

Result<SafeDir> SafeDir::MakeDirs(std::string_view relative) const { return Walk(relative, true); }

Result<SafeDir::Parent> SafeDir::OpenParent(std::string_view relative, bool create) const {
  ASSIGN_OR_RETURN(auto segments, Segments(relative));
  Parent p;
  p.leaf = std::string(segments.back());
  const size_t slash = relative.rfind('/');
  if (slash == std::string_view::npos) {
    p.dir = UniqueFd(::fcntl(fd_.Get(), F_DUPFD_CLOEXEC, 0));
    if (!p.dir.Valid()) return Internal("cannot open folder");
    return p;
  }
  ASSIGN_OR_RETURN(SafeDir dir, Walk(relative.substr(0, slash), create));
  p.dir = std::move(dir.fd_);
  return p;
}

Result<UniqueFd> SafeDir::OpenRead(std::string_view relative) const {
  ASSIGN_OR_RETURN(Parent p, OpenParent(relative, false));
  UniqueFd fd(OpenAt(p.dir.Get(), p.leaf, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (!fd.Valid()) return FromErrno(errno);
  struct stat st {};
  if (::fstat(fd.Get(), &st) != 0) return Internal("cannot stat file");
  if (!S_ISREG(st.st_mode)) return Refused();
  const int flags = ::fcntl(fd.Get(), F_GETFL);
  if (flags < 0 || ::fcntl(fd.Get(), F_SETFL, flags & ~O_NONBLOCK) != 0)
    return Internal("cannot open file");
  return fd;
}

Result<UniqueFd> SafeDir::CreateExclusive(std::string_view relative) const {
  ASSIGN_OR_RETURN(Parent p, OpenParent(relative, false));
  UniqueFd fd(
      OpenAt(p.dir.Get(), p.leaf, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (!fd.Valid()) return FromErrno(errno);
  return fd;
}

Result<FileInfo> SafeDir::Stat(std::string_view relative) const {
  ASSIGN_OR_RETURN(Parent p, OpenParent(relative, false));
  struct stat st {};
  if (::fstatat(p.dir.Get(), p.leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
    return FromErrno(errno);
  const auto since_epoch =
      std::chrono::seconds(st.st_mtim.tv_sec) + std::chrono::nanoseconds(st.st_mtim.tv_nsec);
  return FileInfo{
      TypeOf(st.st_mode), static_cast<uint64_t>(st.st_size),
      std::chrono::system_clock::time_point(
          std::chrono::duration_cast<std::chrono::system_clock::duration>(since_epoch))};
}

Result<std::vector<DirEntry>> SafeDir::List(std::string_view relative) const {
  UniqueFd dir;
  if (relative.empty()) {
    dir = UniqueFd(::fcntl(fd_.Get(), F_DUPFD_CLOEXEC, 0));
  } else {
    ASSIGN_OR_RETURN(SafeDir sub, OpenDir(relative));
    dir = std::move(sub.fd_);
  }
  if (!dir.Valid()) return Internal("cannot list folder");
  const int at = dir.Get();
  DIR* d = ::fdopendir(at);
  if (d == nullptr) return Internal("cannot list folder");
  (void)dir.Release();  // owned by `d` from here on
  std::vector<DirEntry> out;
  while (const dirent* e = ::readdir(d)) {
    DirEntry entry;
    entry.name = e->d_name;
    if (entry.name == "." || entry.name == "..") continue;
    struct stat st {};
    if (::fstatat(at, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone meanwhile
    entry.type = TypeOf(st.st_mode);
    out.push_back(std::move(entry));
  }
  ::closedir(d);
  std::sort(out.begin(), out.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return out;
}

Status SafeDir::Remove(std::string_view relative) const {
  ASSIGN_OR_RETURN(Parent p, OpenParent(relative, false));
  if (::unlinkat(p.dir.Get(), p.leaf.c_str(), 0) != 0) return FromErrno(errno);
  return Status::Ok();
}

Status SafeDir::RemoveEmptyDir(std::string_view relative) const {
  ASSIGN_OR_RETURN(Parent p, OpenParent(relative, false));
  if (::unlinkat(p.dir.Get(), p.leaf.c_str(), AT_REMOVEDIR) != 0) return FromErrno(errno);
  return Status::Ok();
}

Status SafeDir::RemoveAll(std::string_view relative) const {
  auto p = OpenParent(relative, false);
  if (!p.ok()) return p.status().code() == StatusCode::kNotFound ? Status::Ok() : p.status();
  struct stat st {};
  if (::fstatat(p->dir.Get(), p->leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
    return errno == ENOENT ? Status::Ok() : FromErrno(errno);
  if (S_ISDIR(st.st_mode)) {
    UniqueFd dir(OpenAt(p->dir.Get(), p->leaf, kDirFlags));
    if (!dir.Valid()) return errno == ENOENT ? Status::Ok() : FromErrno(errno);
    RETURN_IF_ERROR(RemoveContents(dir.Get()));
  }
  if (::unlinkat(p->dir.Get(), p->leaf.c_str(), S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0) != 0 &&
      errno != ENOENT)
    return FromErrno(errno);
  return Status::Ok();
}

Status SafeDir::MoveIn(const std::string& from, std::string_view relative) const {
  ASSIGN_OR_RETURN(Parent p, OpenParent(relative, true));
  RETURN_IF_ERROR(Replaceable(p.dir.Get(), p.leaf));
  if (::renameat(AT_FDCWD, from.c_str(), p.dir.Get(), p.leaf.c_str()) != 0) {
    if (errno != EXDEV) return errno == ENOENT ? Internal("cannot store file") : FromErrno(errno);
    // Different file systems (temporary directory elsewhere): copy into a temporary sibling,
    // sync it, rename it into place, drop the original.
    UniqueFd in(OpenAt(AT_FDCWD, from, O_RDONLY | O_CLOEXEC));
    if (!in.Valid()) return Internal("cannot store file");
    const std::string temp = "." + p.leaf + ".tmp-" + NewUuid();
    UniqueFd out(
        OpenAt(p.dir.Get(), temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!out.Valid()) return Internal("cannot store file");
    Status s = CopyFd(in.Get(), out.Get());
    if (s.ok()) s = SyncFd(out.Get());
    if (s.ok() && ::renameat(p.dir.Get(), temp.c_str(), p.dir.Get(), p.leaf.c_str()) != 0)
      s = Internal("cannot store file");
    if (!s.ok()) {
      ::unlinkat(p.dir.Get(), temp.c_str(), 0);
      return s;
    }
    ::unlink(from.c_str());
  }
  return SyncFd(p.dir.Get());
}

Status SafeDir::WriteAtomically(std::string_view relative, std::string_view contents) const {
  ASSIGN_OR_RETURN(Parent p, OpenParent(relative, true));
  RETURN_IF_ERROR(Replaceable(p.dir.Get(), p.leaf));
  const std::string temp = "." + p.leaf + ".tmp-" + NewUuid();
  UniqueFd out(
      OpenAt(p.dir.Get(), temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (!out.Valid()) return FromErrno(errno);
  Status s = WriteAll(out.Get(), contents.data(), contents.size());
  if (s.ok()) s = SyncFd(out.Get());
  if (s.ok() && ::renameat(p.dir.Get(), temp.c_str(), p.dir.Get(), p.leaf.c_str()) != 0)
    s = Internal("cannot write file");
  if (!s.ok()) {
    ::unlinkat(p.dir.Get(), temp.c_str(), 0);
    return s;
  }
  return SyncFd(p.dir.Get());
}

Status SafeDir::Sync() const { return SyncFd(fd_.Get()); }

}  // namespace cairn::files
