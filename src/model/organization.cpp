#include "tacit/model/organization.hpp"

namespace tacit::model {

double giver_payoff(bool shared, bool identified, const OrganizationParams& params) {
  const double known = identified ? 1.0 : 0.0;
  return shared ? -params.cost + params.incentive * known : -params.penalty * known;
}

double asker_payoff(double knowledge_gained, const OrganizationParams& params) {
  return params.benefit * knowledge_gained;
}

}  // namespace tacit::model
