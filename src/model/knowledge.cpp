#include "tacit/model/knowledge.hpp"

namespace tacit::model {

double explicit_stock(const Population& population, std::uint32_t agent) {
  if (population.topics() == 0) return 0.0;
  return population.explicit_knowledge.row(agent).cast<double>().mean();
}

double tacit_stock(const Population& population, std::uint32_t agent) {
  if (population.topics() == 0) return 0.0;
  return population.tacit_knowledge.row(agent).cast<double>().mean();
}

double knowledge_stock(const Population& population, std::uint32_t agent) {
  return explicit_stock(population, agent) + tacit_stock(population, agent);
}

}  // namespace tacit::model
