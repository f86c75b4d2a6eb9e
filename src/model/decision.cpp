#include "tacit/model/decision.hpp"

#include "tacit/core/exp.hpp"

namespace tacit::model {

UtilityTerms sharing_utility(const DecisionParams& p, const OrganizationParams& organization,
                             const Population& pop, std::uint32_t j, const ShareContext& ctx) {
  UtilityTerms u;
  // Whether the giver is identified, in the asker's team or asked for tacit knowledge is as good
  // as random from one decision to the next: numbers and look-ups, not branches (the same values).
  const double identified = static_cast<double>(pop.identified[j] != 0);
  const double tacit_cost[2] = {1.0, p.tacit_cost};
  const double competition[2] = {0.0, -p.competition};
  u.bias = p.bias;
  u.altruism = p.altruism * pop.traits[j].altruism * ctx.value;
  u.recognition = p.recognition * pop.traits[j].recognition * pop.traits[j].visibility * identified;
  u.direct_reciprocity = p.direct_reciprocity * pop.traits[j].reciprocity * -ctx.balance_giver_to_asker;
  u.indirect_reciprocity = p.indirect_reciprocity * pop.traits[j].reciprocity * ctx.asker_image_normalized;
  u.learning = p.learning * pop.traits[j].learning_motive;
  u.trust = p.trust * (ctx.trust_giver_in_asker - 0.5);
  u.organization = identified * (organization.incentive + organization.penalty);
  u.cost = -p.cost * pop.traits[j].sharing_cost * tacit_cost[ctx.complex];
  u.competition = competition[ctx.same_team];
  u.total = u.bias + u.altruism + u.recognition + u.direct_reciprocity + u.indirect_reciprocity + u.learning +
            u.trust + u.organization + u.cost + u.competition;
  return u;
}

double share_probability(double utility, double temperature) {
  const double x = utility / temperature;
  // exp of a negative number only: no overflow either way.
  if (x >= 0.0) return 1.0 / (1.0 + core::exp(-x));
  const double e = core::exp(x);
  return e / (1.0 + e);
}

bool decide_share(const DecisionParams& params, const Population& pop, std::uint32_t giver, double utility,
                  Rng& rng) {
  return decide_drawn(params, pop, giver, utility, share_draw(pop, giver, rng));
}

double share_draw(const Population& pop, std::uint32_t giver, Rng& rng) {
  if (static_cast<DecisionRule>(pop.traits[giver].decision) == DecisionRule::strategy) return -1.0;
  return rng.uniform();
}

bool decide_drawn(const DecisionParams& params, const Population& pop, std::uint32_t giver, double utility,
                  double draw) {
  if (static_cast<DecisionRule>(pop.traits[giver].decision) == DecisionRule::strategy)
    return pop.strategy[giver] == k_cooperate;
  return draw < share_probability(utility, params.temperature);
}

}  // namespace tacit::model
