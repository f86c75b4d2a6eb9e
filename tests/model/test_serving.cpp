#include <catch2/catch.hpp>

#include "model_fixtures.hpp"
#include "tacit/network/generators.hpp"

// Phase 2 serves requests in parallel rounds (deterministic reservations) when a round has at
// least 256 requests ready and more than one thread: the state must equal serving them one after
// another (one thread takes the serial path), for every activation order and transfer mode.

using namespace tacit;
using namespace tacit::model;
using namespace tacit_test;

TEST_CASE("parallel serving equals serving one request after another", "[simulation][determinism]") {
  network::NetworkSpec spec;
  spec.generator = network::Generator::teams;
  spec.agents = 3000;
  spec.team_size = 10;
  spec.weak_ties = 3;
  const auto net = network::make_network(spec, 2);
  for (const auto activation : {Activation::random, Activation::fixed, Activation::synchronous}) {
    for (const auto mode : {TransferMode::gift, TransferMode::barter}) {
      ModelParams p;
      p.knowledge.topics = 6;
      p.needs.rate = 0.8;  // ~2400 requests a tick: the first rounds run in parallel
      p.transfer.mode = mode;
      p.innovation.rate = 0.5;
      Simulation serial(net, p, options(activation, 1, 17));
      Simulation parallel(net, p, options(activation, 2, 17));
      for (int t = 0; t < 8; ++t) {
        serial.step();
        parallel.step();
      }
      INFO("activation " << static_cast<int>(activation) << ", mode " << static_cast<int>(mode));
      const auto& a = serial.population();
      const auto& b = parallel.population();
      CHECK(a.explicit_knowledge == b.explicit_knowledge);
      CHECK(a.tacit_knowledge == b.tacit_knowledge);
      CHECK(a.image == b.image);
      CHECK(a.helped == b.helped);
      CHECK(a.received == b.received);
      CHECK(a.innovations == b.innovations);
      CHECK(a.payoff == b.payoff);
      CHECK(serial.ties().trust_r == parallel.ties().trust_r);
      CHECK(serial.ties().balance == parallel.ties().balance);
      const auto ma = serial.metrics();
      const auto mb = parallel.metrics();
      for (std::size_t k = 0; k < ma.size(); ++k) {
        INFO(Simulation::metric_names()[k]);
        CHECK(((ma[k] != ma[k] && mb[k] != mb[k]) || ma[k] == mb[k]));
      }
      CHECK(serial.counters().requests > 2000);  // rounds of more than 256 ready requests
      CHECK(serial.counters().shares > 500);
    }
  }
}
