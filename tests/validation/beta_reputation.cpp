// Validation §2 (docs/VALIDATION.md): the beta reputation of Jøsang & Ismail (2002) as tacit's
// trust submodel computes it (model/trust.hpp), against the published formulas' values.
// Prints one line per target: target | measured | tolerance | PASS/FAIL; exits 1 on a FAIL.
// Run by scripts/validate.d/2-beta-reputation (and so by scripts/validate and CTest).

#include <cmath>
#include <cstdio>
#include <initializer_list>

#include "tacit/model/trust.hpp"

namespace {
int failures = 0;

void check(const char* what, double target, double measured, double tolerance) {
  const bool pass = std::abs(measured - target) <= tolerance;
  failures += pass ? 0 : 1;
  std::printf("%-52s | target %.4f | measured %.6f | tolerance %g | %s\n", what, target, measured, tolerance,
              pass ? "PASS" : "FAIL");
}
}  // namespace

int main() {
  using tacit::model::expected_trust;
  using tacit::model::record_outcome;
  {  // lambda = 0.9, outcomes oldest -> newest 1, 1, 0: r = 0.81 + 0.9 = 1.71, s = 1, E = 2.71/4.71
    float r = 0.0f, s = 0.0f;
    for (double o : {1.0, 1.0, 0.0}) record_outcome(r, s, o, 0.9);
    check("lambda 0.9, outcomes [1, 1, 0]: r", 1.71, r, 5e-6);
    check("lambda 0.9, outcomes [1, 1, 0]: s", 1.00, s, 5e-6);
    check("lambda 0.9, outcomes [1, 1, 0]: E", 0.5754, expected_trust(r, s), 5e-5);
  }
  check("lambda 1, no outcome: E", 0.5, expected_trust(0.0f, 0.0f), 1e-12);
  for (int n : {1, 5, 20}) {  // n successes, no failure: E = (n + 1) / (n + 2)
    float r = 0.0f, s = 0.0f;
    for (int k = 0; k < n; ++k) record_outcome(r, s, 1.0, 1.0);
    char what[64];
    std::snprintf(what, sizeof what, "lambda 1, %d successes: E = (n+1)/(n+2)", n);
    check(what, (n + 1.0) / (n + 2.0), expected_trust(r, s), 1e-6);
  }
  return failures == 0 ? 0 : 1;
}
