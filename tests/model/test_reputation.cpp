#include <catch2/catch.hpp>

#include "tacit/model/organization.hpp"
#include "tacit/model/reputation.hpp"

using namespace tacit;
using namespace tacit::model;

TEST_CASE("image scores move by one and stay within their bounds", "[reputation]") {
  ReputationParams p;  // [-5, 5]
  std::int8_t image = 4;
  observe_action(image, true, p);
  CHECK(image == 5);
  observe_action(image, true, p);
  CHECK(image == 5);
  for (int k = 0; k < 12; ++k) observe_action(image, false, p);
  CHECK(image == -5);
  CHECK(normalized_image(-5, p) == Approx(-1.0));
  CHECK(normalized_image(2, p) == Approx(0.4));
  CHECK(normalized_image(0, p) == 0.0);
}

TEST_CASE("the reciprocity ledger is antisymmetric", "[reputation]") {
  network::NetworkBuilder b(2);
  b.add_tie(0, 1, network::TieKind::strong);
  const auto net = std::move(b).build();
  TieState ties;
  ties.arc.assign(net.num_arcs(), Tie{});
  const auto a01 = net.find_arc(0, 1);
  record_favour(ties, net, a01);
  record_favour(ties, net, a01);
  record_favour(ties, net, net.reverse_arc(a01));
  // 0 helped 1 twice, 1 helped 0 once: balance[0->1] = 2 - 1 = 1, balance[1->0] = -1.
  CHECK(ties.arc[a01].balance == 1.0f);
  CHECK(ties.arc[net.reverse_arc(a01)].balance == -1.0f);
  // Given both arcs (as the serving loop has them): 1 helps 0 once more -> 0 and 0.
  record_favour(ties, net.reverse_arc(a01), a01);
  CHECK(ties.arc[a01].balance == 0.0f);
  CHECK(ties.arc[net.reverse_arc(a01)].balance == 0.0f);
}

TEST_CASE("organizational payoffs by hand", "[organization]") {
  OrganizationParams p;
  p.cost = 0.2;
  p.incentive = 0.5;
  p.penalty = 0.3;
  p.benefit = 2.0;
  CHECK(giver_payoff(true, true, p) == Approx(0.3));    // -0.2 + 0.5
  CHECK(giver_payoff(true, false, p) == Approx(-0.2));  // no one sees it: no incentive
  CHECK(giver_payoff(false, true, p) == Approx(-0.3));  // identified refuser is penalized
  CHECK(giver_payoff(false, false, p) == Approx(0.0));
  CHECK(asker_payoff(0.25, p) == Approx(0.5));
}
