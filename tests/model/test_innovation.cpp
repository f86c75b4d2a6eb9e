#include <catch2/catch.hpp>

#include "tacit/model/innovation.hpp"

using namespace tacit;
using namespace tacit::model;
using network::TieKind;

TEST_CASE("innovations need a gain over a weak tie across teams", "[innovation]") {
  network::NetworkBuilder b(4);
  b.add_tie(0, 1, TieKind::strong);  // same team, strong
  b.add_tie(0, 2, TieKind::weak);    // other team, weak
  b.add_tie(0, 3, TieKind::weak);    // same team, weak
  b.set_team(0, 0);
  b.set_team(1, 0);
  b.set_team(2, 1);
  b.set_team(3, 0);
  const auto net = std::move(b).build();
  CHECK_FALSE(innovation_possible(net, net.find_arc(0, 1), 1.0));
  CHECK(innovation_possible(net, net.find_arc(0, 2), 1.0));
  CHECK_FALSE(innovation_possible(net, net.find_arc(0, 2), 0.0));
  CHECK_FALSE(innovation_possible(net, net.find_arc(0, 3), 1.0));
  InnovationParams p;
  p.rate = 1.0;
  Rng rng(3);
  CHECK(innovation_occurs(net, net.find_arc(0, 2), 0.5, p, rng));
  p.rate = 0.0;
  CHECK_FALSE(innovation_occurs(net, net.find_arc(0, 2), 0.5, p, rng));
}

TEST_CASE("innovations from the tie's kind and the teams, as the serving loop asks", "[innovation]") {
  CHECK(innovation_possible(TieKind::weak, 0, 1, 1.0));
  CHECK_FALSE(innovation_possible(TieKind::strong, 0, 1, 1.0));  // a strong tie
  CHECK_FALSE(innovation_possible(TieKind::weak, 0, 0, 1.0));    // the same team
  CHECK_FALSE(innovation_possible(TieKind::weak, 0, 1, 0.0));    // nothing gained
  CHECK(innovation_possible(TieKind::weak, -1, -1, 1.0));        // no team structure: every weak tie
  InnovationParams p;
  p.rate = 1.0;
  Rng rng(3);
  CHECK(innovation_occurs(TieKind::weak, 2, 5, 0.5, p, rng));
  // No draw when impossible: the stream is where a fresh one of the same seed is.
  Rng drawn(3), fresh(3);
  CHECK_FALSE(innovation_occurs(TieKind::strong, 2, 5, 0.5, p, drawn));
  CHECK(drawn() == fresh());
}
