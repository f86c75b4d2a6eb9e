#pragma once
// The exponential the model's choices use (the search's softmax, the sharing logit, the Fermi
// rule), with the same bits on every machine.
//
// It is the algorithm of glibc's exp since 2.28 (ARM's optimized-routines: a 128-entry table of
// 2^(i/128) and a degree-5 polynomial), written out with its multiply-adds fused exactly where
// the FMA build of glibc fuses them (__exp_fma, which glibc picks on CPUs with FMA and AVX2).
// So on such machines core::exp(x) == std::exp(x) bit for bit (build/tacit-exp-check: 10^9
// inputs in [-745, 0] and 2.4·10^8 others against Debian's glibc 2.36), while a machine whose
// libm picks another variant, or another glibc, no longer changes the results: on a CPU without
// FMA the same fused operations are done by std::fma (correctly rounded, slower). On this
// machine it takes about half the time of the library call (no errno wrapper, no PLT).
//
// errno is never set; the floating-point environment is the caller's (round to nearest).

namespace tacit::core {

/// e^x, the bits of glibc's FMA exp (see above); any x, including ±inf and NaN.
double exp(double x);

namespace detail {
/// The same function computed without FMA instructions (std::fma in software): the path a
/// CPU without FMA takes. For tests, which compare it with the dispatched one.
double exp_portable(double x);
/// Whether this CPU takes the FMA path.
bool exp_uses_fma();
}  // namespace detail

}  // namespace tacit::core
