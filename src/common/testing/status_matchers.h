// ASSERT_OK / EXPECT_OK: GoogleTest assertions for Status and Result<T> that print the status
// (code and message) on failure instead of a bare "false".
//
//   ASSERT_OK(store.Create(x));
//   auto r = service.Get("a");
//   ASSERT_OK(r) << "while reading a";
//
// Test-only; thread-compatible like GoogleTest itself.
#pragma once

#include <gtest/gtest.h>

#include "common/status.h"

namespace cairn::testing {

inline const Status& StatusOf(const Status& s) { return s; }
template <typename T>
const Status& StatusOf(const Result<T>& r) {
  return r.status();
}

// Predicate formatter for ASSERT_PRED_FORMAT1: succeeds when `value` holds an OK status.
template <typename T>
::testing::AssertionResult IsOkFormat(const char* expression, const T& value) {
  const Status& s = StatusOf(value);
  if (s.ok()) return ::testing::AssertionSuccess();
  ::testing::AssertionResult failure = ::testing::AssertionFailure();
  failure << expression << " is not OK: " << s.ToString();
  for (const FieldError& e : s.errors()) failure << "\n  field " << e.field << ": " << e.message;
  return failure;
}

}  // namespace cairn::testing

#define ASSERT_OK(expr) ASSERT_PRED_FORMAT1(::cairn::testing::IsOkFormat, expr)
#define EXPECT_OK(expr) EXPECT_PRED_FORMAT1(::cairn::testing::IsOkFormat, expr)
