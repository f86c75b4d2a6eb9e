#include "tacit/output/csv_observers.hpp"

#include "tacit/core/format.hpp"
#include "tacit/model/knowledge.hpp"
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
  m_line.clear();
  append_number(m_line, tick);
  for (double v : sim.metrics()) {
    m_line += ',';
    append_number(m_line, v);
  }
  m_line += '\n';
  m_out << m_line;
}

namespace {
// Labels are user ids from imported files: quote them when CSV needs it (RFC 4180).
void append_field(std::string& out, const std::string& field) {
  if (field.find_first_of(",\"\n\r") == std::string::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}
}  // namespace

void AgentsCsv::on_run_end(const model::Simulation& sim) {
  const auto& net = sim.network();
  const auto& pop = sim.population();
  std::string line = "id,team,department,degree,degree_strong,degree_weak,knowledge";
  for (std::uint32_t t = 0; t < pop.topics(); ++t) line += ",knowledge_t" + std::to_string(t);
  line += ",gave,received,gained\n";
  m_out << line;
  for (std::uint32_t i = 0; i < pop.size(); ++i) {
    line.clear();
    append_field(line, net.labels()[i]);
    line += ',';
    append_number(line, net.team()[i]);
    line += ',';
    append_number(line, net.department()[i]);
    std::uint32_t strong = 0;
    for (auto a = net.arc_begin(i); a < net.arc_end(i); ++a)
      strong += net.arc_kind(a) == network::TieKind::strong ? 1u : 0u;
    line += ',';
    append_number(line, net.degree(i));
    line += ',';
    append_number(line, strong);
    line += ',';
    append_number(line, net.degree(i) - strong);
    line += ',';
    append_number(line, model::knowledge_stock(pop, i));
    for (std::uint32_t t = 0; t < pop.topics(); ++t) {
      line += ',';
      append_number(line, pop.knowledge(i, t));
    }
    line += ',';
    append_number(line, pop.gave[i]);
    line += ',';
    append_number(line, pop.received[i]);
    line += ',';
    append_number(line, pop.gained[i]);
    line += '\n';
    m_out << line;
  }
}

}  // namespace tacit::output
