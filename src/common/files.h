// Durable file operations for artifacts, model files and dataset files: a move that survives a
// crash (rename, or copy across file systems, then fsync of the destination directory) and an
// atomic write (temporary file, fsync, rename, fsync of the directory).
//
// Both go through SafeDir (common/safe_dir.h) in the destination's folder: a symbolic link at
// the destination is never followed or replaced (FailedPrecondition, IsRefusedPath); the
// folder given is configuration and is followed. Files below the data directory use SafeDir
// from the data directory's root instead, so no folder on the way is followed either.
//
// Other errors are Internal with a generic message: callers answer 500 without leaking paths.
// Thread-safe free functions (distinct paths).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace cairn::files {

// Moves `from` to `to`, creating the parent directories of `to` and replacing an existing
// file. Falls back to copy + remove when the two are on different file systems. The move is
// durable when this returns OK (the destination directory is fsynced).
[[nodiscard]] Status MoveFile(const std::string& from, const std::string& to);

// Writes `contents` to `path` so that a reader (or a crash) sees the old file or the new one,
// never a prefix: writes a temporary sibling, fsyncs it, renames it over `path`, fsyncs the
// directory.
[[nodiscard]] Status WriteFileAtomically(const std::string& path, std::string_view contents);

// fsyncs a directory, making renames and creations inside it durable.
[[nodiscard]] Status SyncDirectory(const std::string& dir);

}  // namespace cairn::files
