#include <catch2/catch.hpp>

#include "model_fixtures.hpp"

// Phase 2 serves requests in parallel rounds (deterministic reservations) when a round has at
// least 256 requests ready and more than one thread: the state must equal serving them one after
// another (one thread takes the serial path), for every activation order and transfer mode.

using namespace tacit;
using namespace tacit::model;
using namespace tacit_test;

TEST_CASE("parallel serving equals serving one request after another", "[simulation][determinism]") {
  const auto net = teams_of_ten(3000, 3, 2);
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
      CHECK(a.ledger == b.ledger);
      CHECK(a.payoff == b.payoff);
      CHECK(serial.ties().arc == parallel.ties().arc);
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

// The loops fetch ahead only in large populations (RunOptions::fetch_ahead automatic): the
// search then draws every need before the searches and keeps each asker's stream, the serving
// loop prefetches requests, and the platform's readers predict the next reader's feed entries.
// None of it may change a result; the suite's populations are small, so both ways are forced.
TEST_CASE("fetching ahead never changes results", "[simulation][determinism]") {
  const auto net = teams_of_ten(2000, 5, 4);
  ModelParams p;
  p.knowledge.topics = 8;
  p.needs.rate = 0.5;
  p.esm.introduction = EsmIntroduction::bottom_up;
  p.esm.launch_tick = 1;
  p.esm.starters = 20;
  p.esm.adoption_rule = AdoptionRule::probability;
  p.esm.adoption_probability = 0.3;
  for (const std::uint32_t threads : {1u, 2u}) {
    RunOptions plain = options(Activation::random, threads, 23);
    plain.fetch_ahead = FetchAhead::never;
    RunOptions ahead = plain;
    ahead.fetch_ahead = FetchAhead::always;
    Simulation a(net, p, plain);
    Simulation b(net, p, ahead);
    for (int t = 0; t < 15; ++t) {
      a.step();
      b.step();
    }
    INFO("threads " << threads);
    CHECK(a.last_needs().size() == b.last_needs().size());
    CHECK(std::equal(a.last_requests().begin(), a.last_requests().end(), b.last_requests().begin()));
    // Fetching ahead on two threads, the order is shuffled beside the searches.
    CHECK(std::equal(a.last_order().begin(), a.last_order().end(), b.last_order().begin()));
    CHECK(a.population().explicit_knowledge == b.population().explicit_knowledge);
    CHECK(a.population().tacit_knowledge == b.population().tacit_knowledge);
    CHECK(a.population().image == b.population().image);
    CHECK(a.population().ledger == b.population().ledger);
    CHECK(a.esm().counters().reads == b.esm().counters().reads);
    CHECK(a.esm().counters().answers == b.esm().counters().answers);
    CHECK(a.esm().counters().gained == b.esm().counters().gained);
    const auto ma = a.metrics();
    const auto mb = b.metrics();
    for (std::size_t k = 0; k < ma.size(); ++k) {
      INFO(Simulation::metric_names()[k]);
      CHECK(((ma[k] != ma[k] && mb[k] != mb[k]) || ma[k] == mb[k]));
    }
    // The platform was busy: readers drew posts and answered questions (the last tick's counts).
    CHECK(a.esm().counters().reads > 5000);  // in the last tick
    CHECK(a.esm().counters().answers > 0);
  }
}
