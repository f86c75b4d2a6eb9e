#include <catch2/catch.hpp>

#include "tacit/model/knowledge.hpp"

using namespace tacit::model;

TEST_CASE("knowledge stocks are means over topics of explicit, tacit and their sum", "[knowledge]") {
  Population pop;
  pop.explicit_knowledge.resize(2, 3);
  pop.tacit_knowledge.resize(2, 3);
  pop.explicit_knowledge << 0.0f, 0.5f, 1.0f, 2.0f, 2.0f, 2.0f;
  pop.tacit_knowledge << 0.3f, 0.3f, 0.3f, 0.0f, 1.0f, 2.0f;
  // agent 0: explicit (0 + 0.5 + 1)/3 = 0.5, tacit 0.3, total 0.8
  CHECK(explicit_stock(pop, 0) == Approx(0.5));
  CHECK(tacit_stock(pop, 0) == Approx(0.3));
  CHECK(knowledge_stock(pop, 0) == Approx(0.8));
  // agent 1: explicit 2, tacit (0 + 1 + 2)/3 = 1, total 3
  CHECK(knowledge_stock(pop, 1) == Approx(3.0));
}
