#pragma once
// Plain parameter structs of the model's submodels. Defaults here are the scenario defaults:
// they live in this one place, and `tacit schema` reads them from a default-constructed struct.
// Each struct is named after the submodel (docs/MODEL.md section 7) that reads it.

#include <cstdint>
#include <string>
#include <vector>

namespace tacit::model {

/// Order in which agents act within a tick (docs/MODEL.md, Process overview and scheduling).
enum class Activation : std::uint8_t {
  random,       ///< a fresh uniformly random permutation each tick; agents see earlier updates
  fixed,        ///< agent id order 0..n-1 every tick; agents see earlier updates
  synchronous,  ///< two-phase: all agents decide on the same snapshot, then all update at once
};

// ---- population: personas and distributions of agent traits (model/population) -----------

/// A distribution an agent trait is drawn from. Values are truncated to the trait's valid
/// range: normal by redrawing (then clamping after 100 tries), the others by construction.
enum class DistKind : std::uint8_t {
  constant,  ///< always `value`
  uniform,   ///< U[min, max)
  normal,    ///< N(mean, sd) truncated to the trait's range
  beta,      ///< min + (max - min) * Beta(alpha, beta)
};

struct Distribution {
  DistKind kind = DistKind::constant;
  double value = 0.0;
  double min = 0.0;
  double max = 1.0;
  double mean = 0.5;
  double sd = 0.1;
  double alpha = 2.0;
  double beta = 2.0;

  static Distribution constant(double v) {
    Distribution d;
    d.value = v;
    return d;
  }
  static Distribution uniform(double lo, double hi) {
    Distribution d;
    d.kind = DistKind::uniform;
    d.min = lo;
    d.max = hi;
    return d;
  }
};

/// How an agent decides whether to share when asked (model/decision).
enum class DecisionRule : std::uint8_t {
  utility,   ///< logit choice on the motive utility (docs/MODEL.md 7.6)
  strategy,  ///< do what the agent's current strategy says: cooperate = share, defect = refuse
};

/// How an agent revises its strategy (model/learning). Ohtsuki et al. (2006) rules and
/// bounded-rationality heuristics.
enum class LearningRule : std::uint8_t {
  none,                 ///< never revises
  fermi,                ///< copy a random neighbour with p = 1 / (1 + exp(-s (P_y - P_x)))
  pairwise,             ///< copy a random neighbour y with p = (P_y - P_x) / M if P_y > P_x (Santos et al. 2008)
  death_birth,          ///< replaced by a neighbour's strategy, chosen proportional to fitness
  birth_death,          ///< a fitness-proportional agent's strategy replaces a random neighbour's
  imitation,            ///< keep own or copy a neighbour's, proportional to fitness (self included)
  imitate_best,         ///< copy the highest-payoff strategy among self and neighbours
  repeat,               ///< keep doing what was done last
  mimic_majority,       ///< do what most visible neighbours did last tick
  win_stay_lose_shift,  ///< keep the strategy if last payoff >= aspiration, else switch
  mimic_winners,        ///< copy the action whose visible practitioners earned more on average
};

/// One learning rule with a weight; an agent's rule is drawn once from its persona's weights.
struct WeightedRule {
  LearningRule rule = LearningRule::none;
  double weight = 1.0;
};

/// Every trait an agent draws at initialization. Under `agents:` in a scenario they are the
/// defaults of every persona; a persona overrides the ones it names.
struct AgentTraits {
  Distribution altruism = Distribution::constant(0.5);      ///< [0,1] value of helping others
  Distribution recognition = Distribution::constant(0.5);   ///< [0,1] reputation / recognition motive
  Distribution reciprocity = Distribution::constant(0.5);   ///< [0,1] weight of direct and indirect reciprocity
  Distribution learning = Distribution::constant(0.2);      ///< [0,1] motive to learn by teaching
  Distribution sharing_cost = Distribution::constant(0.5);  ///< [0,inf) effort (time) cost of sharing explicit knowledge
  Distribution absorptive_capacity = Distribution::constant(0.1);  ///< (0,1] share of a gap closed per transfer
  Distribution visibility = Distribution::constant(0.5);    ///< [0,1] preference for visible contribution
  Distribution initial_explicit = Distribution::uniform(0.0, 1.0);  ///< [0,inf) level per topic
  Distribution initial_tacit = Distribution::uniform(0.0, 1.0);     ///< [0,inf) level per topic
  Distribution adoption_threshold = Distribution::constant(1.0);   ///< [0,inf) ESM contagion: weighted count or fraction of adopted neighbours needed
  Distribution relevance_threshold = Distribution::constant(0.2);  ///< [0,1] ESM: churn when the platform's pull stays below this
  DecisionRule decision = DecisionRule::utility;
  double initial_cooperate = 1.0;  ///< probability the initial strategy is cooperate
  std::vector<WeightedRule> learning_rules{WeightedRule{}};  ///< weights of learning rules (none)
};

struct Persona {
  std::string name = "regular";
  double share = 1.0;  ///< fraction of agents; shares of all personas sum to 1
  AgentTraits traits;
};

struct PopulationParams {
  AgentTraits defaults;             ///< `agents:` section
  std::vector<Persona> personas;    ///< empty: one persona "regular" with `defaults`
  std::uint32_t interests = 3;      ///< topics each agent's work needs (drawn without replacement)
};

// ---- per-tick processes ---------------------------------------------------------------------

/// Knowledge submodel (model/knowledge).
struct KnowledgeParams {
  std::uint32_t topics = 8;  ///< number of knowledge topics
};

/// Needs submodel (model/needs): problems agents face.
struct NeedsParams {
  double rate = 0.3;           ///< probability per tick that an agent faces a problem
  double complex_share = 0.3;  ///< probability a problem is complex (needs tacit knowledge)
};

/// Search submodel (model/search): whom to ask. Score of neighbour j for asker i:
/// strong_bias (complex) or weak_bias (simple) by tie kind + trust * E_ij + reputation * image_j
/// + expertise * level_j,t; choice by softmax with `temperature`.
struct SearchParams {
  double strong_bias_complex = 1.0;  ///< score bonus of a strong tie for a complex problem
  double weak_bias_simple = 0.5;     ///< score bonus of a weak tie for a simple problem
  double trust = 1.0;
  double reputation = 0.2;
  double expertise = 1.0;
  double temperature = 1.0;  ///< > 0; large: uniform choice
};

/// Decision submodel (model/decision): coefficients of the sharing utility (docs/MODEL.md 7.6).
struct DecisionParams {
  double temperature = 1.0;        ///< logit temperature tau > 0
  double bias = 0.0;               ///< constant term
  double altruism = 1.0;           ///< x altruism_j x value to the asker
  double recognition = 1.0;        ///< x recognition_j x visibility x recognition gain
  double direct_reciprocity = 0.5; ///< x reciprocity_j x (favours received from i - given to i)
  double indirect_reciprocity = 0.5;  ///< x reciprocity_j x image score of the asker
  double learning = 0.5;           ///< x learning_j (learning by teaching)
  double trust = 1.0;              ///< x (trust of j in i - 1/2)
  double cost = 1.0;               ///< x sharing_cost_j
  double tacit_cost = 2.0;         ///< cost multiplier when the problem is complex (tacit)
  double competition = 0.5;        ///< subtracted when asker and giver are in the same team
};

enum class TransferMode : std::uint8_t {
  gift,    ///< the giver shares; the asker learns
  barter,  ///< an exchange happens only if each knows more than the other in some topic; both learn
};
enum class TransferScope : std::uint8_t {
  topic,  ///< only the problem's topic moves
  all,    ///< every topic where the giver knows more (Cowan & Jonard 2004)
};

/// Transfer submodel (model/transfer).
struct TransferParams {
  TransferMode mode = TransferMode::gift;
  TransferScope scope = TransferScope::topic;
  double tacit_rate = 0.5;        ///< tacit gap closed at absorptive_capacity x tacit_rate
  double trust_threshold = 0.6;   ///< tacit moves only over strong ties with trust >= this
  double teaching_gain = 0.02;    ///< giver's gain per transfer, x the amount transferred
};

/// Trust submodel (model/trust): beta reputation per directed tie (Josang & Ismail 2002).
struct TrustParams {
  double forgetting = 0.9;      ///< lambda in [0,1]: weight of past evidence per new outcome
  double initial_strong = 0.7;  ///< expected trust E on a strong tie before any outcome
  double initial_weak = 0.5;    ///< expected trust E on a weak tie before any outcome
  double prior_weight = 2.0;    ///< pseudo-observations behind the initial trust
};

/// Reputation submodel (model/reputation): image scores (Nowak & Sigmund 1998).
struct ReputationParams {
  std::int32_t image_min = -5;
  std::int32_t image_max = 5;
};

/// Organizational levers (model/organization).
struct OrganizationParams {
  double incentive = 0.0;     ///< reward for each contribution (added to utility and payoff)
  double penalty = 0.0;       ///< penalty for a refusal when the refuser's identity is known
  double transparency = 0.5;  ///< probability that a contribution or refusal is visible
  double benefit = 1.0;       ///< payoff to the asker per unit of knowledge received
  double cost = 0.2;          ///< payoff cost to the giver per contribution
};

/// Learning submodel (model/learning): strategy revision.
struct LearningParams {
  double rate = 0.1;                 ///< probability per tick an agent revises
  double selection_intensity = 1.0; ///< s of the Fermi rule; w of fitness 1 - w + w P in games
  double aspiration = 0.0;           ///< win-stay/lose-shift threshold on last payoff
  double payoff_memory = 0.9;        ///< running payoff: P <- memory * P + this tick's payoff
};

/// Innovation submodel (model/innovation).
struct InnovationParams {
  double rate = 0.1;  ///< probability that knowledge received over a weak cross-team tie yields an innovation
};

/// Metrics (model/metrics).
struct MetricsParams {
  std::uint32_t free_rider_window = 20;  ///< ticks: received help but gave none within the window
};

// ---- enterprise social media (model/esm, model/esm_adoption) -----------------------------

/// How the platform is introduced (docs/MODEL.md 7.15; seed 003's top-down vs bottom-up).
enum class EsmIntroduction : std::uint8_t {
  none,       ///< no platform
  top_down,   ///< launched for everyone (unit by unit), broad management-defined spaces, mandate
  bottom_up,  ///< a few practitioners start it; spreads over ties; user-made communities
  hybrid,     ///< bottom-up spread and communities plus management support (no mandate)
};
/// Contagion rule of adoption over ties (model/esm_adoption).
enum class AdoptionRule : std::uint8_t {
  probability,         ///< P = 1 - (1 - p)^E, E the weighted count of adopted neighbours
  threshold_count,     ///< adopt when E >= the agent's adoption_threshold
  threshold_fraction,  ///< adopt when E / (weighted degree) >= the agent's adoption_threshold
};
enum class StarterMode : std::uint8_t {
  random,         ///< `starters` agents, preferring those with a problem at launch
  neighbourhood,  ///< `starters` random agents and all their neighbours (Centola & Macy's seed)
};
enum class EsmAudience : std::uint8_t {
  community,  ///< a post is seen by the members of its community
  everyone,   ///< every post is seen by every user
};

struct EsmParams {
  EsmIntroduction introduction = EsmIntroduction::none;
  std::uint32_t launch_tick = 1;       ///< tick of the launch (first department's, with rollout)
  std::uint32_t rollout_interval = 0;  ///< top_down: ticks between departments' launches; 0 all at once
  std::uint32_t spaces = 2;            ///< top_down: broad topic spaces; space s holds topics t = s mod spaces
  // Adoption (bottom_up, hybrid).
  AdoptionRule adoption_rule = AdoptionRule::threshold_count;
  double adoption_probability = 0.1;  ///< probability rule: per unit of weighted exposure per tick
  double strong_weight = 2.0;         ///< exposure weight of a strong tie (a weak tie weighs 1)
  std::uint32_t starters = 5;
  StarterMode starter_mode = StarterMode::random;
  // Management (top_down: mandate; top_down and hybrid: support).
  double mandate = 1.0;         ///< top_down: pull of the mandate at launch
  double mandate_decay = 0.9;   ///< factor per tick after a unit's launch
  double communication = 0.0;   ///< top_down, hybrid: probability per tick a non-user adopts through awareness
  std::uint32_t moderators = 0; ///< top_down, hybrid: each takes `moderation_capacity` actions per tick
  std::uint32_t moderation_capacity = 5;
  double elaboration = 0.2;     ///< with moderators: quality added to genuine posts
  double management_response = 0.0;  ///< top_down, hybrid: probability per tick an open idea is answered
  // Platform and visibility.
  bool monitoring = false;      ///< usage visible to management
  EsmAudience audience = EsmAudience::community;
  double visibility_weight = 2.0;  ///< refraining: x max(0, exposure - visibility preference)
  double strategic = 0.5;          ///< under monitoring: P(strategic post) = this x recognition x visibility
  double strategic_quality = 0.2;
  // Content.
  std::uint32_t reads = 5;            ///< posts a user reads per tick
  std::uint32_t post_lifetime = 10;   ///< ticks a post stays in the feeds
  double critical_mass = 1.0;         ///< relevant reads per tick at which the content pull is 1/2
  double post_rate = 0.1;             ///< largest probability per tick that a user posts knowledge
  double codification = 0.8;         ///< share of the tacit level a post codifies; genuine post quality
  double off_topic_relevance = 0.1;   ///< relevance of a post outside the reader's interests
  double ask = 0.5;                   ///< probability an unanswered problem becomes a question
  double join = 0.5;                  ///< probability per tick per interest to join a neighbour's community
  double create = 0.05;               ///< probability per tick per interest to start a community when none is known
  std::uint32_t churn_patience = 5;   ///< ticks below relevance_threshold before churning; 0 never
  double memory = 0.7;                ///< smoothing of the content pull and of being heard
  // Posting utility coefficients (with decision.temperature).
  double post_bias = -2.0;
  double post_altruism = 1.0;
  double post_recognition = 1.0;   ///< x recognition x exposure x (1 + likes received last tick, capped at 1)
  double post_reciprocity = 1.0;   ///< x reciprocity x [answers received recently]
  double post_learning = 0.5;
  double post_content = 1.0;       ///< x content pull (critical mass)
  double post_heard = 1.0;         ///< x being heard (ideas answered by management)
  double post_cost = 1.0;          ///< x sharing_cost
};

// ---- classic games (model/games) -----------------------------------------------------------

enum class GameKind : std::uint8_t { none, donation, prisoners_dilemma, public_goods };
enum class PgCost : std::uint8_t { per_game, per_individual };
enum class InitialStrategies : std::uint8_t { fraction, single_cooperator, single_defector };
enum class StopRule : std::uint8_t { ticks, fixation };

/// With a game, the sharing decision reduces to the game: cooperate = share (docs/MODEL.md 7.12).
struct GameParams {
  GameKind kind = GameKind::none;
  double b = 1.0;  ///< donation game: benefit to each neighbour of a cooperator
  double c = 0.1;  ///< donation game: cost per neighbour
  double T = 1.5, R = 1.0, P = 0.0, S = -0.5;  ///< prisoner's dilemma payoffs
  bool self_interaction = false;
  double r = 3.0;  ///< public goods multiplication factor
  PgCost cost = PgCost::per_game;
  LearningRule update = LearningRule::death_birth;  ///< strategy update rule in game mode
  InitialStrategies initial = InitialStrategies::fraction;
  double initial_fraction = 0.5;  ///< share of initial cooperators
  std::uint32_t initial_node = 0; ///< where the single cooperator / defector starts
  StopRule stop = StopRule::ticks;
};

struct ModelParams {
  PopulationParams population;
  KnowledgeParams knowledge;
  NeedsParams needs;
  SearchParams search;
  DecisionParams decision;
  TransferParams transfer;
  TrustParams trust;
  ReputationParams reputation;
  OrganizationParams organization;
  LearningParams learning;
  InnovationParams innovation;
  MetricsParams metrics;
  EsmParams esm;
  GameParams game;
};

}  // namespace tacit::model
