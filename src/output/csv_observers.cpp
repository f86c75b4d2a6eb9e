#include "tacit/output/csv_observers.hpp"

#include "tacit/core/format.hpp"
#include <cmath>

#include "tacit/model/knowledge.hpp"
#include "tacit/model/population_init.hpp"
#include "tacit/model/trust.hpp"
#include "tacit/model/simulation.hpp"

namespace tacit::output {

using core::append_number;

TimeseriesCsv::TimeseriesCsv(std::ostream& out, std::uint32_t every)
    : m_out(out), m_every(every == 0 ? 1 : every) {}

void TimeseriesCsv::on_run_start(const model::Simulation& /*sim*/) {
  m_line = "tick";
  for (const auto& name : model::Simulation::metric_names()) m_line += "," + name;
  m_line += '\n';
  m_out << m_line;
}

void TimeseriesCsv::on_tick_end(const model::Simulation& sim, std::uint32_t tick) {
  if (tick % m_every != 0 && tick != sim.options().ticks) return;
  write_row(sim, tick);
}

void TimeseriesCsv::on_run_end(const model::Simulation& sim) {
  if (sim.tick() != m_last_written) write_row(sim, sim.tick());
}

void TimeseriesCsv::write_row(const model::Simulation& sim, std::uint32_t tick) {
  m_last_written = tick;
  m_line.clear();
  append_number(m_line, tick);
  for (double v : sim.metrics()) {
    m_line += ',';
    append_number(m_line, v);
  }
  m_line += '\n';
  m_out << m_line;
}


void AgentsCsv::on_run_end(const model::Simulation& sim) {
  const auto& net = sim.network();
  const auto& pop = sim.population();
  const auto& ties = sim.ties();
  const auto& personas = model::effective_personas(sim.params().population);
  std::string line =
      "id,persona,team,department,degree,degree_strong,degree_weak,knowledge,knowledge_explicit,"
      "knowledge_tacit";
  for (std::uint32_t t = 0; t < pop.topics(); ++t) line += ",knowledge_t" + std::to_string(t);
  line +=
      ",strategy,identified,requests,received,unanswered,asked,helped,gained,innovations,trust_in,"
      "trust_out,image,payoff,esm_state,esm_adopted_tick,esm_posts,esm_strategic_posts,esm_questions,esm_ideas,"
      "esm_answers_given,esm_answers_received,esm_reads,esm_likes,esm_communities,esm_gained,esm_cross_unit_gained\n";
  m_out << line;
  for (std::uint32_t i = 0; i < pop.size(); ++i) {
    line.clear();
    core::append_csv_field(line, net.label(i));
    line += ',';
    core::append_csv_field(line, personas[pop.persona[i]].name);
    std::uint32_t strong = 0;
    double trust_in = 0.0;
    double trust_out = 0.0;
    for (auto a = net.arc_begin(i); a < net.arc_end(i); ++a) {
      strong += net.arc_kind(a) == network::TieKind::strong ? 1u : 0u;
      trust_out += model::expected_trust(ties.arc[a].trust_r, ties.arc[a].trust_s);
      const auto back = net.reverse_arc(a);
      trust_in += model::expected_trust(ties.arc[back].trust_r, ties.arc[back].trust_s);
    }
    const double degree = net.degree(i);
    for (const auto v : {static_cast<std::int64_t>(net.team()[i]), static_cast<std::int64_t>(net.department()[i]),
                         static_cast<std::int64_t>(net.degree(i)), static_cast<std::int64_t>(strong),
                         static_cast<std::int64_t>(net.degree(i) - strong)}) {
      line += ',';
      append_number(line, v);
    }
    for (const double v : {model::knowledge_stock(pop, i), model::explicit_stock(pop, i), model::tacit_stock(pop, i)}) {
      line += ',';
      append_number(line, v);
    }
    for (std::uint32_t t = 0; t < pop.topics(); ++t) {
      line += ',';
      append_number(line, pop.explicit_knowledge(i, t) + pop.tacit_knowledge(i, t));
    }
    line += pop.strategy[i] == model::k_cooperate ? ",cooperate" : ",defect";
    for (const auto v : {pop.identified[i] ? 1u : 0u, pop.ledger[i].requests, pop.ledger[i].received, pop.ledger[i].unanswered,
                         pop.ledger[i].asked, pop.ledger[i].helped}) {
      line += ',';
      append_number(line, v);
    }
    line += ',';
    append_number(line, pop.ledger[i].gained);
    line += ',';
    append_number(line, pop.ledger[i].innovations);
    for (const double v : {degree > 0 ? trust_in / degree : std::nan(""), degree > 0 ? trust_out / degree : std::nan(""),
                           static_cast<double>(pop.image[i]), pop.payoff[i]}) {
      line += ',';
      append_number(line, v);
    }
    const auto& esm = sim.esm();
    const auto& e = esm.agents();
    static const char* const k_states[] = {",non_user", ",lurker", ",contributor", ",churned"};
    line += k_states[e.state[i]];
    std::uint32_t communities = 0;  // distinct communities it belongs to
    const std::size_t k = pop.interests_per_agent;
    for (std::size_t s = 0; s < k; ++s) {
      const std::int32_t c = e.membership[i * k + s];
      if (c < 0) continue;
      bool repeat = false;
      for (std::size_t r = 0; r < s; ++r) {
        const std::int32_t d = e.membership[i * k + r];
        repeat |= d >= 0 && esm.resolve(static_cast<std::uint32_t>(d)) == esm.resolve(static_cast<std::uint32_t>(c));
      }
      communities += repeat ? 0u : 1u;
    }
    for (const auto v : {e.adopted_tick[i], e.posts[i], e.strategic_posts[i], e.questions[i], e.ideas[i],
                         e.answers_given[i], e.answers_received[i], e.reads[i], e.likes[i], communities}) {
      line += ',';
      append_number(line, v);
    }
    for (const double v : {e.gained[i].total, e.gained[i].cross_unit}) {
      line += ',';
      append_number(line, v);
    }
    line += '\n';
    m_out << line;
  }
}

}  // namespace tacit::output
