// mlflow_contract_replay HOST PORT RECORDING.json... — replays recordings against a running
// MLflow-compatible server (one fresh server per recording: the recordings create their own
// state) and prints every difference. Exit status 1 when anything differs.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tests/mlflow/contract/contract.h"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s HOST PORT RECORDING.json...\n", argv[0]);
    return 2;
  }
  const std::string host = argv[1];
  const auto port = static_cast<uint16_t>(std::atoi(argv[2]));
  int failed = 0;
  int total = 0;
  for (int i = 3; i < argc; ++i) {
    auto rec = cairn::mlflow::contract::LoadRecording(argv[i]);
    if (!rec.ok()) {
      std::fprintf(stderr, "%s\n", rec.status().ToString().c_str());
      return 2;
    }
    const auto report = cairn::mlflow::contract::Replay(*rec, host, port);
    total += report.exchanges;
    for (const auto& [name, diffs] : report.failures) {
      ++failed;
      std::printf("FAIL %s / %s\n", rec->scenario.c_str(), name.c_str());
      for (const auto& d : diffs) std::printf("    %s\n", d.c_str());
    }
    std::printf("%s: %d exchanges, %zu differ\n", rec->scenario.c_str(), report.exchanges,
                report.failures.size());
  }
  std::printf("%d passed, %d failed\n", total - failed, failed);
  return failed == 0 ? 0 : 1;
}
