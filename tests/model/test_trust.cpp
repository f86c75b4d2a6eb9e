#include <catch2/catch.hpp>

#include "tacit/core/error.hpp"
#include "tacit/model/trust.hpp"

using namespace tacit;
using namespace tacit::model;

TEST_CASE("beta reputation with forgetting matches Josang and Ismail", "[trust]") {
  // validation-targets §2: lambda = 0.9, outcomes [1, 1, 0]:
  // r = 1*0.81 + 1*0.9 + 0 = 1.71; s = 0 + 0 + 1 = 1; E = 2.71 / 4.71 = 0.575372
  float r = 0.0f, s = 0.0f;
  for (double o : {1.0, 1.0, 0.0}) record_outcome(r, s, o, 0.9);
  CHECK(r == Approx(1.71));
  CHECK(s == Approx(1.00));
  CHECK(expected_trust(r, s) == Approx(0.5754).margin(0.00005));
  // No evidence: E = 1/2; n successes and no failures with lambda = 1: (n+1)/(n+2).
  CHECK(expected_trust(0.0f, 0.0f) == Approx(0.5));
  float r2 = 0.0f, s2 = 0.0f;
  for (int k = 0; k < 4; ++k) record_outcome(r2, s2, 1.0, 1.0);
  CHECK(expected_trust(r2, s2) == Approx(5.0 / 6.0));
}

TEST_CASE("initial trust is pseudo-evidence that reproduces the target", "[trust]") {
  // w = 2, E = 0.7: r = 0.7 * 4 - 1 = 1.8, s = 0.2; E = 2.8 / 4 = 0.7
  const Evidence e = initial_evidence(0.7, 2.0);
  CHECK(e.r == Approx(1.8));
  CHECK(e.s == Approx(0.2));
  CHECK(expected_trust(e.r, e.s) == Approx(0.7));
  // Feasible range with w = 2: [1/4, 3/4].
  CHECK_THROWS_AS(initial_evidence(0.8, 2.0), InputError);
  CHECK_THROWS_AS(initial_evidence(0.2, 2.0), InputError);
  CHECK(expected_trust(initial_evidence(0.75, 2.0).r, initial_evidence(0.75, 2.0).s) == Approx(0.75));
}

TEST_CASE("initialize_trust gives each arc the prior of its tie kind", "[trust]") {
  network::NetworkBuilder b(3);
  b.add_tie(0, 1, network::TieKind::strong);
  b.add_tie(1, 2, network::TieKind::weak);
  const auto net = std::move(b).build();
  TieState ties;
  TrustParams p;  // strong 0.7, weak 0.5, w = 2
  initialize_trust(ties, net, p);
  REQUIRE(ties.arc.size() == 4);
  CHECK(expected_trust(ties.arc[net.find_arc(1, 0)].trust_r, ties.arc[net.find_arc(1, 0)].trust_s) == Approx(0.7));
  CHECK(expected_trust(ties.arc[net.find_arc(2, 1)].trust_r, ties.arc[net.find_arc(2, 1)].trust_s) == Approx(0.5));
  for (const Tie& tie : ties.arc) CHECK(tie.balance == 0.0f);
}
