#include <catch2/catch.hpp>

#include "tacit/model/knowledge.hpp"

using namespace tacit::model;

TEST_CASE("initial knowledge is uniform in [min, max) and per-agent reproducible", "[knowledge]") {
  KnowledgeParams params;
  params.topics = 4;
  params.initial_min = 2.0;
  params.initial_max = 3.0;
  Population a, b;
  initialize_knowledge(a, 1000, params, 9);
  initialize_knowledge(b, 10, params, 9);
  REQUIRE(a.size() == 1000);
  REQUIRE(a.topics() == 4);
  CHECK(a.knowledge.minCoeff() >= 2.0f);
  CHECK(a.knowledge.maxCoeff() < 3.0f);
  // mean of U[2,3) is 2.5; sd of the mean over 4000 draws = 0.2887/63.2 = 0.0046, 5 sigma.
  CHECK(a.knowledge.cast<double>().mean() == Approx(2.5).margin(0.023));
  // Agent i's draw does not depend on the population size.
  CHECK(a.knowledge.topRows(10) == b.knowledge);
  CHECK(knowledge_stock(a, 0) == Approx(a.knowledge.row(0).cast<double>().mean()));
}
