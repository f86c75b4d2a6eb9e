#include "tacit/model/reputation.hpp"

#include <algorithm>

namespace tacit::model {

void observe_action(std::int8_t& image, bool shared, const ReputationParams& params) {
  const std::int32_t next = std::clamp(static_cast<std::int32_t>(image) + (shared ? 1 : -1), params.image_min,
                                       params.image_max);
  image = static_cast<std::int8_t>(next);
}

double normalized_image(std::int8_t image, const ReputationParams& params) {
  // The sign of an image is as good as random from one call to the next: a select of the
  // divisor, not branches (0 over either divisor is 0; image_min <= -1 < 1 <= image_max).
  const std::int32_t divisor = image > 0 ? params.image_max : -params.image_min;
  return static_cast<double>(image) / static_cast<double>(divisor);
}

void record_favour(TieState& ties, network::ArcId giver_to_asker, network::ArcId asker_to_giver) {
  ties.arc[giver_to_asker].balance += 1.0f;
  ties.arc[asker_to_giver].balance -= 1.0f;
}

void record_favour(TieState& ties, const network::Network& net, network::ArcId giver_to_asker) {
  record_favour(ties, giver_to_asker, net.reverse_arc(giver_to_asker));
}

}  // namespace tacit::model
