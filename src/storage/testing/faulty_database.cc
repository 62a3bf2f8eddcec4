#include "storage/testing/faulty_database.h"

namespace cairn::storage::testing {
namespace {

class FaultyTransaction final : public Transaction {
 public:
  FaultyTransaction(FaultyDatabase& db, std::unique_ptr<Transaction> inner)
      : db_(db), inner_(std::move(inner)) {}

  Result<int64_t> Exec(std::string_view sql, std::span<const Value> params) override {
    RETURN_IF_ERROR(db_.Tick());
    if (inner_ == nullptr) return Internal("transaction already finished");
    return inner_->Exec(sql, params);
  }
  Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) override {
    RETURN_IF_ERROR(db_.Tick());
    if (inner_ == nullptr) return Internal("transaction already finished");
    return inner_->Query(sql, params);
  }
  Status Commit() override {
    Status injected = db_.Tick();
    if (!injected.ok()) {
      inner_.reset();  // rolls back
      return injected;
    }
    if (inner_ == nullptr) return Internal("transaction already finished");
    return inner_->Commit();
  }

 private:
  FaultyDatabase& db_;
  std::unique_ptr<Transaction> inner_;
};

}  // namespace

Status FaultyDatabase::Tick() {
  const int n = count_.fetch_add(1) + 1;
  if (n != fail_at_.load()) return Status::Ok();
  failures_.fetch_add(1);
  return Status(code_.load(), "injected fault at statement " + std::to_string(n));
}

Result<std::unique_ptr<Transaction>> FaultyDatabase::Begin(TxMode mode) {
  ASSIGN_OR_RETURN(auto inner, inner_.Begin(mode));
  return std::unique_ptr<Transaction>(std::make_unique<FaultyTransaction>(*this, std::move(inner)));
}

}  // namespace cairn::storage::testing
