#include "tacit/model/reputation.hpp"

#include <algorithm>

namespace tacit::model {

void observe_action(std::int8_t& image, bool shared, const ReputationParams& params) {
  const std::int32_t next = std::clamp(static_cast<std::int32_t>(image) + (shared ? 1 : -1), params.image_min,
                                       params.image_max);
  image = static_cast<std::int8_t>(next);
}

double normalized_image(std::int8_t image, const ReputationParams& params) {
  if (image > 0) return static_cast<double>(image) / params.image_max;
  if (image < 0) return static_cast<double>(image) / -static_cast<double>(params.image_min);
  return 0.0;
}

void record_favour(TieState& ties, network::ArcId giver_to_asker, network::ArcId asker_to_giver) {
  ties.arc[giver_to_asker].balance += 1.0f;
  ties.arc[asker_to_giver].balance -= 1.0f;
}

void record_favour(TieState& ties, const network::Network& net, network::ArcId giver_to_asker) {
  record_favour(ties, giver_to_asker, net.reverse_arc(giver_to_asker));
}

}  // namespace tacit::model
