// File access below the data directory that never follows a symbolic link.
//
// A `SafeDir` holds a directory open. Every path given to it is relative and is resolved one
// component at a time with openat(O_NOFOLLOW) (O_DIRECTORY for the folders on the way), so a
// symbolic link anywhere below the directory — the file itself or a folder on the way, left by
// an operator, another process or an unpacked archive — is refused instead of followed out of
// the data directory. Creation is exclusive (O_CREAT|O_EXCL) or goes through a temporary file
// renamed into place; listing reports links as links; removal uses unlinkat and never descends
// into a link. The root itself is trusted configuration: a data directory that is a link to a
// larger disk is followed when it is opened, nothing below it is.
//
// Errors never name a path or a link's target:
//   InvalidArgument     the relative path is empty, absolute, or has an empty, "." or ".."
//                       segment (or is too long for the file system)
//   NotFound            a component does not exist
//   FailedPrecondition  a component is a symbolic link, a folder on the way is not a folder, or
//                       the file is not of the kind asked for (see IsRefusedPath)
//   AlreadyExists       exclusive creation found something there
//   Internal            any other system error
// A SafeDir may be used from several threads at once (its methods only read the descriptor).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::files {

// An owned file descriptor, closed on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) noexcept : fd_(fd) {}
  ~UniqueFd();
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.Release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  [[nodiscard]] int Get() const { return fd_; }
  [[nodiscard]] bool Valid() const { return fd_ >= 0; }
  // Gives up ownership: the caller closes the returned descriptor.
  [[nodiscard]] int Release() noexcept;

 private:
  int fd_ = -1;
};

enum class EntryType { kFile, kDirectory, kSymlink, kOther };

struct DirEntry {
  std::string name;
  EntryType type = EntryType::kOther;
};

struct FileInfo {
  EntryType type = EntryType::kOther;
  uint64_t size_bytes = 0;
  std::chrono::system_clock::time_point modified;  // of the entry itself (a link's own time)
};

// True for the FailedPrecondition a SafeDir answers when a link (or something of the wrong
// kind) is in the way.
[[nodiscard]] bool IsRefusedPath(const Status& s);

class SafeDir {
 public:
  // Opens the directory `root` (symlinks in `root` itself are followed: it is configuration).
  [[nodiscard]] static Result<SafeDir> Open(const std::string& root);
  // Opens `root`, creating it and its parents first when missing.
  [[nodiscard]] static Result<SafeDir> OpenOrCreate(const std::string& root);

  // The folder `relative` below this one.
  [[nodiscard]] Result<SafeDir> OpenDir(std::string_view relative) const;
  // The folder `relative`, creating each missing component (mkdir -p, 0755).
  [[nodiscard]] Result<SafeDir> MakeDirs(std::string_view relative) const;

  // Opens a regular file for reading (O_NONBLOCK while opening, so a FIFO cannot block).
  [[nodiscard]] Result<UniqueFd> OpenRead(std::string_view relative) const;
  // Creates a new regular file (O_CREAT|O_EXCL, 0644) for reading and writing; its folder must
  // exist.
  [[nodiscard]] Result<UniqueFd> CreateExclusive(std::string_view relative) const;
  // What is at `relative`, without following a link there (a link is kSymlink).
  [[nodiscard]] Result<FileInfo> Stat(std::string_view relative) const;
  // The entries of the folder `relative` ("" for this folder), "." and ".." left out, sorted
  // by name; links are listed as kSymlink and never followed.
  [[nodiscard]] Result<std::vector<DirEntry>> List(std::string_view relative = "") const;

  // Removes a file or a link (the link itself). NotFound when nothing is there.
  [[nodiscard]] Status Remove(std::string_view relative) const;
  // Removes an empty folder. FailedPrecondition when it is not empty.
  [[nodiscard]] Status RemoveEmptyDir(std::string_view relative) const;
  // Removes `relative` and everything below it without following any link (links are removed,
  // not their targets). OK when nothing is there.
  [[nodiscard]] Status RemoveAll(std::string_view relative) const;

  // Moves the file at `from` (a path of the server's own, e.g. an upload's temporary file) to
  // `relative`, creating the folders on the way and replacing an existing regular file (but not
  // a link, a folder or anything else: FailedPrecondition). Falls back to a copy through a
  // temporary sibling when the two are on different file systems. Durable when OK: the
  // destination folder is fsynced.
  [[nodiscard]] Status MoveIn(const std::string& from, std::string_view relative) const;
  // Writes `contents` to `relative` through a temporary sibling (fsynced, renamed over it, the
  // folder fsynced), creating the folders on the way; the same replacement rule as MoveIn.
  [[nodiscard]] Status WriteAtomically(std::string_view relative, std::string_view contents) const;

  // fsyncs this folder.
  [[nodiscard]] Status Sync() const;
  [[nodiscard]] int Fd() const { return fd_.Get(); }

 private:
  explicit SafeDir(UniqueFd fd) : fd_(std::move(fd)) {}
  struct Parent;
  // Opens the folder holding the last component of `relative` (creating the folders on the
  // way when `create`) and names that component.
  [[nodiscard]] Result<Parent> OpenParent(std::string_view relative, bool create) const;
  [[nodiscard]] Result<SafeDir> Walk(std::string_view relative, bool create) const;

  UniqueFd fd_;
};

}  // namespace cairn::files
