#include <catch2/catch.hpp>

#include <vector>

#include "tacit/model/transfer.hpp"

using tacit::model::absorb;

TEST_CASE("absorb closes alpha of the gap where the giver knows more", "[transfer]") {
  std::vector<float> receiver{0.2f, 0.8f, 0.5f};
  const std::vector<float> giver{1.0f, 0.4f, 0.5f};
  // topic 0: 0.2 + 0.25 * (1.0 - 0.2) = 0.4; topic 1: giver knows less, unchanged; topic 2: equal.
  const double gained = absorb(receiver, giver, 0.25f);
  CHECK(receiver[0] == Approx(0.4f));
  CHECK(receiver[1] == Approx(0.8f));
  CHECK(receiver[2] == Approx(0.5f));
  CHECK(gained == Approx(0.2));
  // The giver loses nothing (it is const), and alpha = 1 copies the level exactly.
  std::vector<float> r2{0.0f};
  CHECK(absorb(r2, std::vector<float>{0.7f}, 1.0f) == Approx(0.7));
  CHECK(r2[0] == Approx(0.7f));
}

TEST_CASE("barter needs each side to know more than the other in some topic", "[transfer]") {
  using tacit::model::barter_possible;
  CHECK(barter_possible(std::vector<float>{1, 0}, std::vector<float>{0, 1}));
  CHECK_FALSE(barter_possible(std::vector<float>{1, 1}, std::vector<float>{0, 1}));
  CHECK_FALSE(barter_possible(std::vector<float>{1, 1}, std::vector<float>{1, 1}));
}

TEST_CASE("tacit knowledge crosses only strong ties at or above the trust threshold", "[transfer]") {
  using tacit::model::tacit_allowed;
  using tacit::network::TieKind;
  tacit::model::TransferParams p;
  p.trust_threshold = 0.6;
  CHECK(tacit_allowed(TieKind::strong, 0.6, p));
  CHECK_FALSE(tacit_allowed(TieKind::strong, 0.59, p));
  CHECK_FALSE(tacit_allowed(TieKind::weak, 0.99, p));
}
