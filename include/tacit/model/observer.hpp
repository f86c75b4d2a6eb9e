#pragma once
// The engine reports through this interface and nothing else: it never writes a file.
// Call order: on_run_start once, on_tick_end after tick 0 (the initial state) and after every
// tick, on_run_end once when the run completes. Metrics are computed on demand
// (Simulation::metrics()), so observers that do not ask for them cost nothing.

#include <cstdint>
#include <vector>

namespace tacit::model {

class Simulation;

class Observer {
 public:
  virtual ~Observer() = default;
  virtual void on_run_start(const Simulation& /*sim*/) {}
  virtual void on_tick_end(const Simulation& /*sim*/, std::uint32_t /*tick*/) {}
  virtual void on_run_end(const Simulation& /*sim*/) {}
};

/// Forwards every event to several observers, in the order they were added.
class ObserverList final : public Observer {
 public:
  void add(Observer& observer) { m_observers.push_back(&observer); }
  void on_run_start(const Simulation& sim) override {
    for (auto* o : m_observers) o->on_run_start(sim);
  }
  void on_tick_end(const Simulation& sim, std::uint32_t tick) override {
    for (auto* o : m_observers) o->on_tick_end(sim, tick);
  }
  void on_run_end(const Simulation& sim) override {
    for (auto* o : m_observers) o->on_run_end(sim);
  }

 private:
  std::vector<Observer*> m_observers;
};

}  // namespace tacit::model
