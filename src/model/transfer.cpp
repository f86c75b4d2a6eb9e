#include "tacit/model/transfer.hpp"

#include <cstddef>

namespace tacit::model {

double absorb(std::span<float> receiver, std::span<const float> giver, float alpha) {
  // A plain loop rather than an Eigen expression: no temporary, so nothing is allocated in the
  // tick loop, and the compiler vectorizes it all the same.
  double gained = 0.0;
  for (std::size_t t = 0; t < receiver.size(); ++t) {
    const float gap = giver[t] - receiver[t];
    if (gap > 0.0f) {
      const float step = alpha * gap;
      receiver[t] += step;
      gained += static_cast<double>(step);
    }
  }
  return gained;
}

}  // namespace tacit::model
