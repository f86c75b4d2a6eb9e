#include "tacit/model/transfer.hpp"

#include <cstddef>

namespace tacit::model {

double absorb(std::span<float> receiver, std::span<const float> giver, float alpha) {
  // A plain loop rather than an Eigen expression: no temporary, so nothing is allocated in the
  // tick loop, and the compiler vectorizes it all the same.
  double gained = 0.0;
  for (std::size_t t = 0; t < receiver.size(); ++t) gained += absorb_one(receiver[t], giver[t], alpha);
  return gained;
}

bool barter_possible(std::span<const float> a, std::span<const float> b) {
  bool a_more = false;
  bool b_more = false;
  for (std::size_t t = 0; t < a.size(); ++t) {
    a_more |= a[t] > b[t];
    b_more |= b[t] > a[t];
  }
  return a_more && b_more;
}

}  // namespace tacit::model
