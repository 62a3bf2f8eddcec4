#include "drift/event_details.h"

#include <boost/json.hpp>

#include "common/json.h"

namespace cairn::drift {

std::string ComputedEventDetails(const ComputedDetails& details) {
  namespace bj = boost::json;
  const ColumnDrift& c = details.column;
  const std::optional<std::string>& reference_dataset = details.reference_dataset_id;
  const std::optional<std::string>& current_dataset = details.current_dataset_id;
  bj::object o;
  o.emplace("source", "drift.compute");
  o.emplace("type", c.categorical ? "categorical" : "numeric");
  if (c.categorical) {
    const auto& d = c.categorical_drift;
    o.emplace("chi2_statistic", d.chi2.statistic);
    o.emplace("chi2_p_value", d.chi2.p_value);
    o.emplace("chi2_dof", d.chi2.dof);
    o.emplace("js", d.js_distance);
    o.emplace("n_reference", d.n_reference);
    o.emplace("n_current", d.n_current);
    o.emplace("missing_reference", d.missing_reference);
    o.emplace("missing_current", d.missing_current);
  } else {
    const auto& d = c.numeric;
    o.emplace("ks_statistic", d.ks.statistic);
    o.emplace("ks_p_value", d.ks.p_value);
    o.emplace("js", d.js_distance);
    o.emplace("wasserstein", d.wasserstein);
    o.emplace("n_reference", d.n_reference);
    o.emplace("n_current", d.n_current);
    o.emplace("missing_reference", d.missing_reference);
    o.emplace("missing_current", d.missing_current);
  }
  if (reference_dataset) o.emplace("reference_dataset_id", *reference_dataset);
  if (current_dataset) o.emplace("current_dataset_id", *current_dataset);
  return ::cairn::json::Serialize(o);
}

}  // namespace cairn::drift
