// Tests of SafeDir: resolution below a directory that never follows a symbolic link.
#include "common/safe_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "common/testing/status_matchers.h"

namespace cairn::files {
namespace {

namespace fs = std::filesystem;

class SafeDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("cairn-safedir-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "data";
    outside_ = base_ / "outside";
    fs::create_directories(root_ / "a" / "b");
    fs::create_directories(outside_);
    Write(root_ / "a" / "b" / "f.txt", "inside");
    Write(outside_ / "secret.txt", "outside secret");
    auto d = SafeDir::Open(root_.string());
    ASSERT_OK(d);
    dir_.emplace(std::move(*d));
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& p, const std::string& s) {
    std::ofstream(p, std::ios::binary) << s;
  }
  static std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  static std::string ReadFd(const UniqueFd& fd) {
    std::string out;
    char buf[256];
    ssize_t n = 0;
    while ((n = ::read(fd.Get(), buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
  }
  static void ExpectRefused(const Status& s) {
    EXPECT_TRUE(IsRefusedPath(s)) << s.ToString();
    EXPECT_EQ(s.message().find("outside"), std::string::npos) << "never names the target";
  }

  fs::path base_, root_, outside_;
  std::optional<SafeDir> dir_;
};

TEST_F(SafeDirTest, ReadsAndStatsRegularFiles) {
  auto fd = dir_->OpenRead("a/b/f.txt");
  ASSERT_OK(fd);
  EXPECT_EQ(ReadFd(*fd), "inside");
  auto st = dir_->Stat("a/b/f.txt");
  ASSERT_OK(st);
  EXPECT_EQ(st->type, EntryType::kFile);
  EXPECT_EQ(st->size_bytes, 6u);
  EXPECT_EQ(dir_->Stat("a/b")->type, EntryType::kDirectory);
  EXPECT_EQ(dir_->OpenRead("a/b/missing").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(dir_->OpenRead("nope/f.txt").status().code(), StatusCode::kNotFound);
  ExpectRefused(dir_->OpenRead("a/b").status());  // a folder is not a file
}

TEST_F(SafeDirTest, RejectsAbsoluteAndDotDotPaths) {
  for (const char* bad : {"", "/etc/passwd", "../outside/secret.txt", "a/../../outside/secret.txt",
                          "a/./b/f.txt", "a//b/f.txt", "a/b/", "..", "."}) {
    EXPECT_EQ(dir_->OpenRead(bad).status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(dir_->Stat(bad).status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(dir_->Remove(bad).code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(dir_->MakeDirs(bad).status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(dir_->WriteAtomically(bad, "x").code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(Read(outside_ / "secret.txt"), "outside secret");
}

TEST_F(SafeDirTest, RefusesASymlinkAtTheLeaf) {
  fs::create_symlink(outside_ / "secret.txt", root_ / "a" / "b" / "link");
  ExpectRefused(dir_->OpenRead("a/b/link").status());
  EXPECT_EQ(dir_->Stat("a/b/link")->type, EntryType::kSymlink);
  ExpectRefused(dir_->WriteAtomically("a/b/link", "overwritten"));
  // O_CREAT|O_EXCL never follows a link: the link is simply in the way.
  EXPECT_EQ(dir_->CreateExclusive("a/b/link").status().code(), StatusCode::kAlreadyExists);
  const fs::path from = base_ / "upload";
  Write(from, "payload");
  ExpectRefused(dir_->MoveIn(from.string(), "a/b/link"));
  EXPECT_EQ(Read(outside_ / "secret.txt"), "outside secret");
  EXPECT_TRUE(fs::is_symlink(root_ / "a" / "b" / "link"));
  // Removing the link removes the link, never its target.
  ASSERT_OK(dir_->Remove("a/b/link"));
  EXPECT_FALSE(fs::exists(fs::symlink_status(root_ / "a" / "b" / "link")));
  EXPECT_EQ(Read(outside_ / "secret.txt"), "outside secret");
}

TEST_F(SafeDirTest, RefusesASymlinkAtAnIntermediateComponent) {
  fs::create_symlink(outside_, root_ / "a" / "d");
  ExpectRefused(dir_->OpenRead("a/d/secret.txt").status());
  ExpectRefused(dir_->Stat("a/d/secret.txt").status());
  ExpectRefused(dir_->List("a/d").status());
  ExpectRefused(dir_->OpenDir("a/d").status());
  ExpectRefused(dir_->MakeDirs("a/d/new").status());
  ExpectRefused(dir_->WriteAtomically("a/d/secret.txt", "overwritten"));
  ExpectRefused(dir_->WriteAtomically("a/d/fresh.txt", "planted"));
  ExpectRefused(dir_->CreateExclusive("a/d/fresh.txt").status());
  ExpectRefused(dir_->Remove("a/d/secret.txt"));
  const fs::path from = base_ / "upload";
  Write(from, "payload");
  ExpectRefused(dir_->MoveIn(from.string(), "a/d/secret.txt"));
  EXPECT_EQ(Read(outside_ / "secret.txt"), "outside secret");
  EXPECT_FALSE(fs::exists(outside_ / "fresh.txt"));
  EXPECT_FALSE(fs::exists(outside_ / "new"));
  // A symlink to a folder at the first component, too.
  fs::create_symlink(outside_, root_ / "top");
  ExpectRefused(dir_->OpenRead("top/secret.txt").status());
  ExpectRefused(dir_->List("top").status());
}

TEST_F(SafeDirTest, ListsWithoutFollowingLinks) {
  fs::create_symlink(outside_, root_ / "a" / "b" / "dirlink");
  fs::create_symlink(outside_ / "secret.txt", root_ / "a" / "b" / "filelink");
  fs::create_directories(root_ / "a" / "b" / "sub");
  auto entries = dir_->List("a/b");
  ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 4u);
  EXPECT_EQ((*entries)[0].name, "dirlink");
  EXPECT_EQ((*entries)[0].type, EntryType::kSymlink);
  EXPECT_EQ((*entries)[1].name, "f.txt");
  EXPECT_EQ((*entries)[1].type, EntryType::kFile);
  EXPECT_EQ((*entries)[2].name, "filelink");
  EXPECT_EQ((*entries)[2].type, EntryType::kSymlink);
  EXPECT_EQ((*entries)[3].name, "sub");
  EXPECT_EQ((*entries)[3].type, EntryType::kDirectory);
  auto top = dir_->List();
  ASSERT_OK(top);
  ASSERT_EQ(top->size(), 1u);
  EXPECT_EQ((*top)[0].name, "a");
}

TEST_F(SafeDirTest, RemoveAllNeverDescendsIntoALink) {
  fs::create_directories(root_ / "gone" / "x");
  Write(root_ / "gone" / "x" / "f", "1");
  fs::create_symlink(outside_, root_ / "gone" / "x" / "dirlink");
  fs::create_symlink(outside_ / "secret.txt", root_ / "gone" / "filelink");
  ASSERT_OK(dir_->RemoveAll("gone"));
  EXPECT_FALSE(fs::exists(root_ / "gone"));
  EXPECT_EQ(Read(outside_ / "secret.txt"), "outside secret");
  EXPECT_OK(dir_->RemoveAll("gone"));  // nothing there: fine
  // A link given as the folder to remove is removed itself.
  fs::create_symlink(outside_, root_ / "alias");
  ASSERT_OK(dir_->RemoveAll("alias"));
  EXPECT_FALSE(fs::exists(fs::symlink_status(root_ / "alias")));
  EXPECT_TRUE(fs::exists(outside_ / "secret.txt"));
}

TEST_F(SafeDirTest, MakeDirsCreatesExclusiveFilesAndRemovesEmptyFolders) {
  auto made = dir_->MakeDirs("x/y/z");
  ASSERT_OK(made);
  EXPECT_TRUE(fs::is_directory(root_ / "x" / "y" / "z"));
  ASSERT_OK(dir_->MakeDirs("x/y/z"));  // again: fine
  auto fd = made->CreateExclusive("col.bin");
  ASSERT_OK(fd);
  ASSERT_EQ(::write(fd->Get(), "abc", 3), 3);
  EXPECT_EQ(made->CreateExclusive("col.bin").status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(Read(root_ / "x" / "y" / "z" / "col.bin"), "abc");
  EXPECT_EQ(dir_->RemoveEmptyDir("x/y").code(), StatusCode::kFailedPrecondition);
  ASSERT_OK(dir_->Remove("x/y/z/col.bin"));
  ASSERT_OK(dir_->RemoveEmptyDir("x/y/z"));
  EXPECT_EQ(dir_->Remove("x/y/z").code(), StatusCode::kNotFound);
  Write(root_ / "plain", "p");
  ExpectRefused(dir_->MakeDirs("plain/sub").status());  // a file on the way
}

TEST_F(SafeDirTest, MoveInCreatesParentsReplacesAFileAndSyncs) {
  const fs::path from = base_ / "upload";
  Write(from, "payload");
  ASSERT_OK(dir_->WriteAtomically("m/n/target", "old"));
  ASSERT_OK(dir_->MoveIn(from.string(), "m/n/target"));
  EXPECT_FALSE(fs::exists(from));
  EXPECT_EQ(Read(root_ / "m" / "n" / "target"), "payload");
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(root_ / "m" / "n")) ++entries;
  EXPECT_EQ(entries, 1u) << "no temporary file left";
  Status missing = dir_->MoveIn((base_ / "nope").string(), "m/n/target");
  EXPECT_EQ(missing.code(), StatusCode::kInternal);
  EXPECT_EQ(missing.message().find(base_.string()), std::string::npos) << "no path in messages";
  ExpectRefused(dir_->MoveIn(from.string(), "m/n"));  // a folder is not replaced
}

TEST_F(SafeDirTest, OpenReadDoesNotBlockOnAFifo) {
  ASSERT_EQ(::mkfifo((root_ / "a" / "fifo").c_str(), 0600), 0);
  ExpectRefused(dir_->OpenRead("a/fifo").status());
}

TEST_F(SafeDirTest, TheRootMayBeALinkButNothingBelowIt) {
  fs::create_symlink(root_, base_ / "alias-root");
  auto via_link = SafeDir::Open((base_ / "alias-root").string());
  ASSERT_OK(via_link);
  EXPECT_OK(via_link->OpenRead("a/b/f.txt"));
  EXPECT_EQ(SafeDir::Open((base_ / "missing").string()).status().code(), StatusCode::kNotFound);
  auto created = SafeDir::OpenOrCreate((base_ / "new" / "root").string());
  ASSERT_OK(created);
  EXPECT_TRUE(fs::is_directory(base_ / "new" / "root"));
}

}  // namespace
}  // namespace cairn::files
