#include "tacit/experiment/compare.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "tacit/core/error.hpp"
#include "tacit/core/format.hpp"
#include "tacit/experiment/csv.hpp"
#include "tacit/scenario/loader.hpp"
#include "tacit/scenario/schema.hpp"

namespace tacit::experiment {

namespace fs = std::filesystem;
using scenario::closest_match;
using scenario::in_quotes;

namespace {

const std::vector<std::string> k_meta = {"run", "point", "replicate", "seed", "status", "error"};

bool is_summary(const std::string& column) {
  return column.rfind("final.", 0) == 0 || column.rfind("window.", 0) == 0;
}

double parse_value(const std::string& text) {
  if (text.empty()) return std::nan("");
  double x = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nan("");
  return x;
}

std::string list_text(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out.empty() ? "(none)" : out;
}

struct Row {
  std::string group;
  std::string pair_key;  // replicate + the values of the other factors that vary within groups
  std::string replicate;
  std::vector<std::string> factor_values;  // in the order of `factors`
  std::string seed;
  std::vector<double> values;  // per chosen metric
};

/// The value of scenario key `key` in a run directory's scenario.resolved.yaml, as YAML text.
std::string scenario_value(const scenario::Scenario& sc, const scenario::KeyInfo& key) {
  std::string text = scenario::format_value(key, key.get(sc));
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  return text;
}

/// `tacit run` output directories as the runs.csv of a sweep: one row per directory, its
/// scenario's value of `by` as the one factor, the rank of its seed among the distinct seeds as
/// the replicate (so that --paired pairs runs on the same seed), and the last row of its
/// timeseries.csv as final.<metric>.
std::string run_dirs_as_runs_csv(const std::vector<fs::path>& dirs, const std::string& by) {
  const scenario::KeyInfo* key = scenario::find_key(by);
  if (key == nullptr || !key->get) {
    std::vector<std::string> names;
    for (const auto& k : scenario::schema_keys()) names.push_back(k.path);
    std::string message = "--by " + in_quotes(by) + ": not a scenario key";
    if (std::string hint = closest_match(by, names); !hint.empty()) message += "; did you mean " + in_quotes(hint) + "?";
    throw InputError(message + " (run directories are grouped by a key of their scenario.resolved.yaml; "
                               "tacit schema lists the keys)");
  }
  std::string header;
  std::string rows;
  std::map<std::string, std::size_t> seeds;
  std::error_code ec;
  for (std::size_t i = 0; i < dirs.size(); ++i) {
    const fs::path& dir = dirs[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (fs::equivalent(dirs[j], dir, ec)) {
        throw InputError(in_quotes(dir.string()) + " is given twice; give each run directory once");
      }
    }
    if (fs::exists(dir / "runs.csv", ec)) {
      throw InputError(in_quotes(dir.string()) + " is a sweep directory: compare takes one sweep directory, "
                       "or any number of tacit run directories");
    }
    const fs::path resolved = dir / "scenario.resolved.yaml";
    const fs::path series = dir / "timeseries.csv";
    if (!fs::is_regular_file(resolved, ec) || !fs::is_regular_file(series, ec)) {
      throw InputError(in_quotes(dir.string()) + " is neither a sweep directory (runs.csv) nor a run "
                       "directory (scenario.resolved.yaml and timeseries.csv, written by tacit run)");
    }
    std::ifstream yaml_in(resolved, std::ios::binary);
    std::ostringstream yaml;
    yaml << yaml_in.rdbuf();
    const scenario::Scenario sc = scenario::parse_scenario(yaml.str(), resolved.string(), {});
    if (!sc.seed) throw InputError(resolved.string() + " has no seed: not written by tacit run");

    std::ifstream ts_in(series, std::ios::binary);
    CsvReader reader(ts_in);
    std::vector<std::string> columns;
    std::vector<std::string> fields;
    std::vector<std::string> last;
    if (!reader.next(columns) || columns.empty() || columns[0] != "tick") {
      throw InputError(in_quotes(series.string()) + " is not a tacit time series (no 'tick' column)");
    }
    while (reader.next(fields)) {
      if (fields.size() == columns.size()) last = fields;
    }
    if (last.empty()) throw InputError(in_quotes(series.string()) + " has no rows");

    std::string head = "run,point,replicate,seed,status,error,";
    append_csv_field(head, by);
    for (std::size_t c = 1; c < columns.size(); ++c) head += ",final." + columns[c];
    if (header.empty()) {
      header = head;
    } else if (head != header) {
      throw InputError(in_quotes(series.string()) + " has other columns than " +
                       in_quotes((dirs.front() / "timeseries.csv").string()) +
                       "; were the runs made by different versions of tacit?");
    }
    // Replicate k: the k-th distinct seed, in the order the directories are given.
    const std::string seed = std::to_string(*sc.seed);
    const std::size_t replicate = seeds.emplace(seed, seeds.size()).first->second;
    rows += std::to_string(i) + "," + std::to_string(i) + "," + std::to_string(replicate) + "," + seed + ",ok,,";
    append_csv_field(rows, scenario_value(sc, *key));
    for (std::size_t c = 1; c < columns.size(); ++c) rows += "," + last[c];
    rows += '\n';
  }
  return header + '\n' + rows;
}

}  // namespace

CompareReport compare_runs(const CompareOptions& options) {
  std::vector<fs::path> dirs = options.dirs;
  if (dirs.empty()) dirs.push_back(options.dir);
  std::error_code ec;
  if (dirs.size() > 1 || !fs::exists(dirs.front() / "runs.csv", ec)) {
    if (dirs.size() == 1 && !fs::exists(dirs.front() / "timeseries.csv", ec)) {
      throw InputError("cannot open " + in_quotes((dirs.front() / "runs.csv").string()) +
                       ": expected a sweep directory written by tacit sweep or tacit merge, or "
                       "run directories written by tacit run");
    }
    for (const auto& m : options.metrics) {
      if (m.rfind("window.", 0) == 0) {
        throw InputError("-m " + in_quotes(m) + ": run directories give final values only (the last row "
                         "of each timeseries.csv); window.* columns come from a sweep's keep.window");
      }
    }
    CompareOptions runs = options;
    runs.by = options.by.empty() ? "name" : options.by;
    std::istringstream in(run_dirs_as_runs_csv(dirs, runs.by));
    return compare_runs_csv(in, dirs.size() == 1 ? dirs.front().string() : "the run directories", runs);
  }
  const fs::path path = dirs.front() / "runs.csv";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError("cannot open " + in_quotes(path.string()) +
                     ": expected a sweep directory written by tacit sweep or tacit merge");
  }
  return compare_runs_csv(in, path, options);
}

CompareReport compare_runs_csv(std::istream& in, const fs::path& path, const CompareOptions& options) {
  CsvReader reader(in);
  std::vector<std::string> header;
  if (!reader.next(header)) throw InputError(in_quotes(path.string()) + " is empty");
  auto column = [&](const std::string& name) -> std::optional<std::size_t> {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) return std::nullopt;
    return static_cast<std::size_t>(it - header.begin());
  };
  for (const char* needed : {"run", "replicate", "seed", "status"}) {
    if (!column(needed)) {
      throw InputError(in_quotes(path.string()) + " has no column " + in_quotes(needed) +
                       ": not a runs.csv written by tacit sweep");
    }
  }
  std::vector<std::string> factors;
  std::vector<std::string> metrics_available;
  std::vector<std::string> summary_columns;
  for (const auto& h : header) {
    if (is_summary(h)) {
      summary_columns.push_back(h);
      if (h.rfind("final.", 0) == 0) metrics_available.push_back(h.substr(6));
    } else if (std::find(k_meta.begin(), k_meta.end(), h) == k_meta.end()) {
      factors.push_back(h);
    }
  }

  CompareReport report;
  report.paired = options.paired;
  std::optional<std::size_t> by_column;
  if (!options.by.empty()) {
    by_column = column(options.by);
    if (!by_column || std::find(factors.begin(), factors.end(), options.by) == factors.end()) {
      std::string message = in_quotes(path.string()) + " has no factor " + in_quotes(options.by);
      if (std::string hint = closest_match(options.by, factors); !hint.empty()) {
        message += "; did you mean " + in_quotes(hint) + "?";
      }
      throw InputError(message + " (factors: " + list_text(factors) + ")");
    }
    report.by = options.by;
  } else {
    report.by = factors.empty() ? std::string("all runs") : "design point (" + list_text(factors) + ")";
  }

  std::vector<std::size_t> metric_columns;
  std::vector<std::string> wanted = options.metrics;
  if (wanted.empty()) {
    for (const auto& m : metrics_available) wanted.push_back("final." + m);
  }
  for (const auto& m : wanted) {
    const std::string name = is_summary(m) ? m : "final." + m;
    auto c = column(name);
    if (!c) {
      std::string message = in_quotes(path.string()) + " has no column " + in_quotes(name);
      if (std::string hint = closest_match(m, metrics_available); !hint.empty()) {
        message += "; did you mean " + in_quotes(hint) + "?";
      } else if (std::string h2 = closest_match(name, summary_columns); !h2.empty()) {
        message += "; did you mean " + in_quotes(h2) + "?";
      }
      throw InputError(message + " (kept metrics: " + list_text(metrics_available) +
                       "; keep.final in the experiment chooses them)");
    }
    metric_columns.push_back(*c);
    report.metrics.push_back(MetricReport{name, {}, {}});
  }
  if (report.metrics.empty()) throw InputError(in_quotes(path.string()) + " keeps no metric");

  // Read the runs; group labels in order of first appearance (design order).
  std::vector<std::string> labels;
  std::map<std::string, std::size_t> label_index;
  std::vector<Row> rows;
  const std::size_t status = *column("status");
  const std::size_t replicate = *column("replicate");
  const std::size_t seed = *column("seed");
  std::vector<std::string> fields;
  try {
    while (reader.next(fields)) {
      if (fields.size() == 1 && fields[0].empty()) continue;
      if (fields.size() != header.size()) {
        throw InputError(path.string() + ":" + std::to_string(reader.line()) + ": the row has " +
                         std::to_string(fields.size()) + " fields; the header has " +
                         std::to_string(header.size()));
      }
      ++report.runs;
      if (fields[status] != "ok") {
        ++report.failed;
        continue;
      }
      Row row;
      if (by_column) {
        row.group = fields[*by_column].empty() ? "(base)" : fields[*by_column];
      } else {
        for (const auto& f : factors) {
          const std::string& v = fields[*column(f)];
          row.group += (row.group.empty() ? "" : ", ") + f + "=" + (v.empty() ? "(base)" : v);
        }
        if (factors.empty()) row.group = "all";
      }
      row.replicate = fields[replicate];
      for (const auto& f : factors) row.factor_values.push_back(fields[*column(f)]);
      row.seed = fields[seed];
      for (std::size_t c : metric_columns) row.values.push_back(parse_value(fields[c]));
      if (label_index.emplace(row.group, labels.size()).second) labels.push_back(row.group);
      rows.push_back(std::move(row));
    }
  } catch (const InputError& e) {
    throw InputError(path.string() + ": " + e.what());
  }
  if (rows.empty()) {
    throw InputError(in_quotes(path.string()) + ": no run succeeded (" + std::to_string(report.failed) +
                     " failed); nothing to compare");
  }

  // Pairs: the same replicate and the same values of the other factors — except factors that
  // follow the grouping (constant within every group, as the keys of an explicit `runs` list
  // that make up each condition), which would otherwise keep every pair apart.
  std::vector<bool> pairs_on(factors.size(), false);
  for (std::size_t f = 0; f < factors.size(); ++f) {
    if (!by_column) {
      pairs_on[f] = false;  // grouped by design point: every factor makes the group
      continue;
    }
    if (factors[f] == options.by) continue;
    std::map<std::string, std::string> seen;  // group -> value
    for (const auto& row : rows) {
      auto [it, fresh] = seen.emplace(row.group, row.factor_values[f]);
      if (!fresh && it->second != row.factor_values[f]) {
        pairs_on[f] = true;
        break;
      }
    }
  }
  for (auto& row : rows) {
    row.pair_key = row.replicate;
    for (std::size_t f = 0; f < factors.size(); ++f)
      if (pairs_on[f]) row.pair_key += '\x1f' + row.factor_values[f];
  }

  for (std::size_t m = 0; m < report.metrics.size(); ++m) {
    MetricReport& mr = report.metrics[m];
    std::vector<std::vector<double>> samples(labels.size());
    std::vector<std::map<std::string, std::pair<double, std::string>>> by_key(labels.size());
    for (const auto& row : rows) {
      const double v = row.values[m];
      if (std::isnan(v)) continue;
      const std::size_t g = label_index[row.group];
      samples[g].push_back(v);
      if (options.paired && !by_key[g].emplace(row.pair_key, std::make_pair(v, row.seed)).second) {
        throw InputError("--paired: two runs of group " + in_quotes(row.group) +
                         " have the same replicate and the same other factors; cannot pair them");
      }
    }
    for (std::size_t g = 0; g < labels.size(); ++g) {
      GroupStats gs;
      gs.label = labels[g];
      gs.n = samples[g].size();
      gs.mean = stats::mean(samples[g]);
      gs.sd = stats::sample_sd(samples[g]);
      gs.t_interval = stats::t_interval(samples[g]);
      gs.bootstrap_interval =
          stats::bootstrap_mean_interval(samples[g], options.bootstrap, options.bootstrap_seed);
      mr.groups.push_back(gs);
    }
    for (std::size_t g = 1; g < labels.size(); ++g) {
      Comparison c;
      c.group = g;
      c.welch = stats::welch_test(samples[0], samples[g]);
      c.cohens_d = stats::cohens_d(samples[0], samples[g]);
      c.cliffs_delta = stats::cliffs_delta(samples[0], samples[g]);
      c.mann_whitney = stats::mann_whitney(samples[0], samples[g]);
      const double nan = std::numeric_limits<double>::quiet_NaN();
      if (samples[0].empty() || samples[g].empty()) c.mann_whitney = {nan, nan, false};  // nothing to rank
      if (options.paired) {
        std::vector<double> a, b;
        for (const auto& [key, value] : by_key[0]) {
          auto it = by_key[g].find(key);
          if (it == by_key[g].end()) continue;
          a.push_back(value.first);
          b.push_back(it->second.first);
          if (value.second != it->second.second) report.seeds_shared = false;
        }
        c.pairs = a.size();
        c.paired_t = stats::paired_t_test(a, b);
        c.wilcoxon = stats::wilcoxon_signed_rank(a, b);
        if (a.empty()) c.wilcoxon = {nan, 0, nan, false};  // no pairs: no test (not p = 1)
      }
      mr.comparisons.push_back(c);
    }
  }
  return report;
}

namespace {

std::string num(double x, int digits = 4) {
  if (std::isnan(x)) return "nan";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, x);
  return buf;
}

std::string interval(const stats::Interval& i) { return "[" + num(i.low) + ", " + num(i.high) + "]"; }

// Aligned columns: the first left-aligned, the others right-aligned, two spaces apart.
std::string aligned(const std::vector<std::vector<std::string>>& table, const std::string& indent) {
  std::vector<std::size_t> width;
  for (const auto& row : table) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string out;
  for (const auto& row : table) {
    std::string line = indent;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string pad(width[c] - row[c].size(), ' ');
      if (c > 0) line += "  ";
      line += c == 0 ? row[c] + pad : pad + row[c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

void csv_number(std::string& out, double x) {
  out += ',';
  core::append_number(out, x);
}

}  // namespace

std::string render_compare_table(const CompareReport& r) {
  std::string out = std::to_string(r.runs) + " runs (" + std::to_string(r.failed) +
                    " failed, left out), grouped by " + r.by + "\n";
  for (const auto& m : r.metrics) {
    out += "\n" + m.column + "\n";
    std::vector<std::vector<std::string>> groups = {
        {"group", "n", "mean", "sd", "95% CI (t)", "95% CI (bootstrap)"}};
    for (const auto& g : m.groups) {
      groups.push_back({g.label, std::to_string(g.n), num(g.mean, 6), num(g.sd), interval(g.t_interval),
                        interval(g.bootstrap_interval)});
    }
    out += aligned(groups, "  ");
    if (m.comparisons.empty()) continue;
    const std::string& ref = m.groups.front().label;
    std::vector<std::vector<std::string>> diffs = {{"vs " + ref, "diff", "95% CI (Welch)", "Cohen's d",
                                                    "Cliff's delta", "Welch p", "MW p", "MW"}};
    if (r.paired) {
      for (const char* h : {"pairs", "paired diff", "95% CI (paired)", "d_z", "paired t p", "Wilcoxon p", "W"}) {
        diffs.front().push_back(h);
      }
    }
    for (const auto& c : m.comparisons) {
      std::vector<std::string> row = {m.groups[c.group].label, num(c.welch.difference), interval(c.welch.interval),
                                      num(c.cohens_d, 3), num(c.cliffs_delta, 3), num(c.welch.p, 3),
                                      num(c.mann_whitney.p, 3), c.mann_whitney.exact ? "exact" : "normal"};
      if (c.pairs) {
        row.insert(row.end(), {std::to_string(*c.pairs), num(c.paired_t.difference), interval(c.paired_t.interval),
                               num(c.paired_t.dz, 3), num(c.paired_t.p, 3), num(c.wilcoxon.p, 3),
                               c.wilcoxon.exact ? "exact" : "normal"});
      }
      diffs.push_back(std::move(row));
    }
    out += "\n" + aligned(diffs, "  ");
  }
  if (r.paired && !r.seeds_shared) {
    out += "\nnote: paired runs did not share seeds; set common_seeds: true in the experiment for "
           "common random numbers\n";
  }
  return out;
}

std::string render_compare_csv(const CompareReport& r) {
  std::string out =
      "metric,group,n,mean,sd,t_ci_low,t_ci_high,boot_ci_low,boot_ci_high,reference,diff,"
      "diff_ci_low,diff_ci_high,cohen_d,cliffs_delta,welch_t,welch_df,welch_p,mw_u,mw_p,mw_method";
  if (r.paired) {
    out += ",pairs,paired_diff,paired_ci_low,paired_ci_high,paired_dz,paired_t,paired_t_p,"
           "wilcoxon_w,wilcoxon_p,wilcoxon_method";
  }
  out += '\n';
  for (const auto& m : r.metrics) {
    for (std::size_t g = 0; g < m.groups.size(); ++g) {
      const GroupStats& gs = m.groups[g];
      append_csv_field(out, m.column);
      out += ',';
      append_csv_field(out, gs.label);
      out += ',' + std::to_string(gs.n);
      for (double x : {gs.mean, gs.sd, gs.t_interval.low, gs.t_interval.high, gs.bootstrap_interval.low,
                       gs.bootstrap_interval.high}) {
        csv_number(out, x);
      }
      out += ',';
      if (g == 0) {
        out += r.paired ? std::string(21, ',') : std::string(11, ',');
        out += '\n';
        continue;
      }
      const Comparison& c = m.comparisons[g - 1];
      append_csv_field(out, m.groups.front().label);
      for (double x : {c.welch.difference, c.welch.interval.low, c.welch.interval.high, c.cohens_d,
                       c.cliffs_delta, c.welch.t, c.welch.df, c.welch.p, c.mann_whitney.u, c.mann_whitney.p}) {
        csv_number(out, x);
      }
      out += c.mann_whitney.exact ? ",exact" : ",normal";
      if (c.pairs) {
        out += ',' + std::to_string(*c.pairs);
        for (double x : {c.paired_t.difference, c.paired_t.interval.low, c.paired_t.interval.high, c.paired_t.dz,
                         c.paired_t.t, c.paired_t.p, c.wilcoxon.w, c.wilcoxon.p}) {
          csv_number(out, x);
        }
        out += c.wilcoxon.exact ? ",exact" : ",normal";
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace tacit::experiment
