#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "model_fixtures.hpp"
#include "tacit/model/esm.hpp"
#include "tacit/network/generators.hpp"

// The ESM submodel (docs/MODEL.md 7.15): formulas by hand, then the behaviours the ESM issue
// lists, each on a 300-agent organization of teams.

using namespace tacit;
using namespace tacit::model;
using namespace tacit_test;

namespace {
network::Network organization(std::uint32_t agents = 300, std::uint32_t teams_per_department = 5) {
  network::NetworkSpec spec;
  spec.generator = network::Generator::teams;
  spec.agents = agents;
  spec.team_size = 10;
  spec.teams_per_department = teams_per_department;
  spec.weak_ties = 2;
  return network::make_network(spec, 11);
}

ModelParams with_esm(EsmIntroduction introduction) {
  ModelParams p;
  p.knowledge.topics = 8;
  p.population.interests = 2;
  p.esm.introduction = introduction;
  p.esm.launch_tick = 2;
  return p;
}

std::uint64_t count_state(const Esm& esm, std::uint8_t state) {
  const auto& s = esm.agents().state;
  return static_cast<std::uint64_t>(std::count(s.begin(), s.end(), state));
}
}  // namespace

TEST_CASE("esm: exposure, pull and posting utility by hand", "[esm]") {
  const auto net = path(3);
  ModelParams p = with_esm(EsmIntroduction::top_down);
  p.esm.mandate = 1.0;
  p.esm.mandate_decay = 0.5;
  Simulation sim(net, p, options(Activation::random));
  Esm& esm = sim.mutable_esm();
  CHECK(esm.exposure() == 0.5);  // to a community, unmonitored

  // Default traits: altruism .5, recognition .5, reciprocity .5, learning .2, cost .5,
  // visibility .5. U = -2 + .5 + .5 x .5 + .5 x .2 - .5 - 2 max(0, .5 - .5) = -1.65, plus the
  // top-down mandate's pull at the tick asked: tick 4, launch 2: 1 x 0.5^2 = 0.25.
  CHECK(esm.pull(0, 4) == Approx(0.25));
  CHECK(esm.posting_utility(sim.population(), 0, 4) == Approx(-1.65 + 0.25));
  CHECK(esm.pull(0, 2) == Approx(1.0));

  // Content c = 1 with critical mass 1: pull 1/2; liked in the latest tick doubles the
  // recognition term; feeling heard 0.5 adds 0.5; an answered question adds reciprocity .5.
  auto& a = esm.mutable_agents();
  a.content[0] = 1.0f;
  a.likes[0] = 3;  // (likes_before 0: all three in the latest tick)
  a.heard[0] = 0.5f;
  a.last_answer_tick[0] = 3;
  CHECK(esm.pull(0, 4) == Approx(0.5 + 0.25));
  CHECK(esm.posting_utility(sim.population(), 0, 4) == Approx(-1.65 + 0.5 + 0.25 + 0.5 + 0.5 + 0.25));

  // Monitoring: exposure 1; recognition term .5 x 1 = .5, refraining 2 x (1 - .5) = 1.
  ModelParams m = with_esm(EsmIntroduction::bottom_up);
  m.esm.monitoring = true;
  Simulation monitored(net, m, options(Activation::random));
  CHECK(monitored.esm().exposure() == 1.0);
  CHECK(monitored.esm().posting_utility(monitored.population(), 0, 4) == Approx(-2.0 + 0.5 + 0.5 + 0.1 - 0.5 - 1.0));
  CHECK(monitored.esm().pull(0, 4) == 0.0);  // no mandate outside top_down
}

TEST_CASE("esm: a reader's draw lands on the entry of the feed it falls in", "[esm]") {
  // Four feeds in the reader's order, of 3, 0, 5 and 2 posts, starting at entries 10, -, 40
  // and 7 of the feed list: draws 0-2 are the first feed's, 3-7 the third's, 8-9 the fourth's.
  // Ranges as the reading builds them: first = the entries before, shift = start - first.
  const auto range = [](std::uint64_t first, std::uint64_t start, std::uint32_t c) {
    return FeedRange{first, start - first, c};
  };
  const std::vector<FeedRange> feeds{range(0, 10, 1), range(3, 0, 2), range(3, 40, 3), range(8, 7, 4)};
  CHECK(feed_entry_of(feeds, 0) == 10);
  CHECK(feed_entry_of(feeds, 2) == 12);
  CHECK(feed_entry_of(feeds, 3) == 40);  // not the empty feed, which starts at the same draw
  CHECK(feed_entry_of(feeds, 7) == 44);
  CHECK(feed_entry_of(feeds, 8) == 7);  // a feed earlier in the list than the one before it
  CHECK(feed_entry_of(feeds, 9) == 8);
  // An empty first feed, and a single feed.
  const std::vector<FeedRange> late{range(0, 0, 5), range(0, 20, 6)};
  CHECK(feed_entry_of(late, 0) == 20);
  CHECK(feed_entry_of(late, 3) == 23);
  const std::vector<FeedRange> one{range(0, 5, 7)};
  CHECK(feed_entry_of(one, 0) == 5);
  CHECK(feed_entry_of(one, 4) == 9);
  // FeedPicker gives the same entries: up to four feeds held as values, more through the list.
  // Five feeds: the four above and one of 4 posts at entry 100 (draws 10-13).
  std::vector<FeedRange> five = feeds;
  five.push_back(range(10, 100, 8));
  const std::vector<FeedRange>* const lists[] = {&feeds, &late, &one, &five};
  for (const auto* list : lists) {
    const FeedPicker pick(*list);
    const std::uint64_t total = list == &feeds ? 10 : list == &late ? 4 : list == &one ? 5 : 14;
    for (std::uint64_t x = 0; x < total; ++x) {
      INFO("feeds " << list->size() << ", draw " << x);
      CHECK(pick(x) == feed_entry_of(*list, x));
    }
  }
  CHECK(FeedPicker(five)(10) == 100);
  CHECK(FeedPicker(five)(13) == 103);
  CHECK(FeedPicker(five)(9) == 8);
  CHECK(FeedPicker(late)(0) == 20);
}

TEST_CASE("esm: a top-down launch makes every agent a user at the launch tick", "[esm]") {
  const auto net = organization();
  ModelParams p = with_esm(EsmIntroduction::top_down);
  p.esm.launch_tick = 3;
  Simulation sim(net, p, options(Activation::random, 1, 5));
  sim.step();
  sim.step();
  CHECK(count_state(sim.esm(), k_non_user) == net.num_nodes());
  sim.step();  // tick 3
  CHECK(count_state(sim.esm(), k_non_user) == 0);
  for (auto t : sim.esm().agents().adopted_tick) CHECK(t == 3);
  // Broad spaces: two spaces, every agent in the space of each of its interests.
  CHECK(sim.esm().communities().size() == 2);
}

TEST_CASE("esm: a top-down rollout launches department d at launch + d x interval", "[esm]") {
  const auto net = organization(300, 5);  // 30 teams of 10, 6 departments of 50
  ModelParams p = with_esm(EsmIntroduction::top_down);
  p.esm.launch_tick = 2;
  p.esm.rollout_interval = 3;
  Simulation sim(net, p, options(Activation::random, 1, 5));
  for (int t = 0; t < 20; ++t) sim.step();
  const auto& a = sim.esm().agents();
  for (std::uint32_t i = 0; i < net.num_nodes(); ++i) {
    INFO(i);
    CHECK(a.adopted_tick[i] == 2 + 3 * static_cast<std::uint32_t>(net.department()[i]));
  }
}

TEST_CASE("esm: bottom-up adoption reaches only agents with an adopted neighbour, starters aside", "[esm]") {
  const auto net = organization();
  ModelParams p = with_esm(EsmIntroduction::bottom_up);
  p.esm.starters = 3;
  p.esm.adoption_rule = AdoptionRule::probability;
  p.esm.adoption_probability = 0.2;
  p.esm.communication = 0.5;  // management's communication: ignored bottom-up (no management)
  Simulation sim(net, p, options(Activation::random, 2, 8));
  std::vector<std::uint8_t> before(net.num_nodes(), 0);  // users at the start of each tick
  std::uint64_t checked = 0;
  for (std::uint32_t t = 1; t <= 40; ++t) {
    sim.step();
    const auto& a = sim.esm().agents();
    for (std::uint32_t i = 0; i < net.num_nodes(); ++i) {
      if (a.adopted_tick[i] != t) continue;
      if (t == p.esm.launch_tick) continue;  // a starter
      bool exposed = false;
      for (auto arc = net.arc_begin(i); arc < net.arc_end(i); ++arc) exposed |= before[net.arc_target(arc)] != 0;
      INFO("agent " << i << " adopted at tick " << t);
      CHECK(exposed);
      ++checked;
    }
    for (std::uint32_t i = 0; i < net.num_nodes(); ++i)
      before[i] = a.state[i] == k_lurker || a.state[i] == k_contributor ? 1 : 0;
  }
  // Exactly 3 starters at the launch, and the spread went on from them.
  std::uint64_t starters = 0;
  for (auto t : sim.esm().agents().adopted_tick) starters += t == p.esm.launch_tick ? 1u : 0u;
  CHECK(starters == 3);
  CHECK(checked > 50);
}

TEST_CASE("esm: moderators reduce duplicate communities", "[esm]") {
  // Bottom-up creation far apart in the network makes several communities per topic; two
  // moderators merge them. Same seed, same network: only esm.moderators differs.
  const auto net = organization();
  ModelParams p = with_esm(EsmIntroduction::hybrid);
  p.esm.starters = 10;
  p.esm.adoption_rule = AdoptionRule::probability;
  p.esm.adoption_probability = 0.2;
  p.esm.create = 0.2;
  ModelParams moderated = p;
  moderated.esm.moderators = 2;
  auto per_topic = [&](const ModelParams& params) {
    Simulation sim(net, params, options(Activation::random, 1, 21));
    for (int t = 0; t < 40; ++t) sim.step();
    const auto& esm = sim.esm();
    return static_cast<double>(esm.alive_communities()) / esm.topics_with_communities();
  };
  const double free = per_topic(p);
  const double with_moderators = per_topic(moderated);
  CHECK(free > 2.0);
  CHECK(with_moderators == 1.0);
}

TEST_CASE("esm: lurkers read and never post", "[esm]") {
  // Readers: no motive to post and a prohibitive cost, so neither posts nor answers; nobody asks,
  // and nobody innovates (an innovation is posted as an idea whatever the motives, 7.15.5).
  const auto net = organization();
  ModelParams p = with_esm(EsmIntroduction::top_down);
  p.esm.ask = 0.0;
  p.innovation.rate = 0.0;
  p.esm.churn_patience = 0;
  Persona regular;
  regular.share = 0.5;
  Persona reader;
  reader.name = "reader";
  reader.share = 0.5;
  reader.traits.altruism = reader.traits.recognition = reader.traits.reciprocity = reader.traits.learning =
      Distribution::constant(0.0);
  reader.traits.sharing_cost = Distribution::constant(100.0);
  regular.traits.altruism = regular.traits.recognition = Distribution::constant(1.0);
  regular.traits.sharing_cost = Distribution::constant(0.0);
  p.population.personas = {regular, reader};
  Simulation sim(net, p, options(Activation::random, 1, 3));
  for (int t = 0; t < 30; ++t) sim.step();
  const auto& a = sim.esm().agents();
  std::uint64_t readers = 0;
  for (std::uint32_t i = 0; i < net.num_nodes(); ++i) {
    if (sim.population().persona[i] != 1) continue;
    ++readers;
    INFO(i);
    CHECK(a.state[i] == k_lurker);
    CHECK(a.posts[i] == 0);
    CHECK(a.reads[i] > 0);
  }
  CHECK(readers == 150);
  CHECK(count_state(sim.esm(), k_lurker) >= 150);
  CHECK(sim.metrics()[static_cast<std::size_t>(
            std::find(Simulation::metric_names().begin(), Simulation::metric_names().end(), "esm_lurkers") -
            Simulation::metric_names().begin())] == static_cast<double>(count_state(sim.esm(), k_lurker)));
}

TEST_CASE("esm: alive posts stay in posting order and live post_lifetime ticks", "[esm]") {
  // The feed rebuild erases expired posts as a prefix of the post list, which holds only while
  // posts are appended in tick order.
  const auto net = organization();
  ModelParams p = with_esm(EsmIntroduction::top_down);
  p.esm.post_lifetime = 3;
  Simulation sim(net, p, options(Activation::random, 1, 5));
  std::size_t posted = 0;
  for (int t = 0; t < 20; ++t) {
    sim.step();
    const std::uint32_t now = sim.tick();
    const auto& posts = sim.esm().posts();
    INFO("tick " << now);
    CHECK(std::is_sorted(posts.begin(), posts.end(), [](const Post& x, const Post& y) { return x.tick < y.tick; }));
    for (const Post& post : posts) {
      CHECK(post.tick + 3 > now);  // none has expired
      posted += post.tick == now ? 1 : 0;
    }
  }
  CHECK(posted > 100);  // the platform did post (808 with this seed)
}

TEST_CASE("esm: without relevant content usage decays to near zero", "[esm]") {
  // Nobody posts or asks: no content, so once the mandate fades every user's pull is below its
  // relevance threshold (0.2): mandate 0.8^t < 0.2 from 8 ticks after launch, then 5 ticks of
  // patience.
  const auto net = organization();
  ModelParams p = with_esm(EsmIntroduction::top_down);
  p.esm.post_rate = 0.0;
  p.esm.ask = 0.0;
  p.esm.mandate_decay = 0.8;
  p.innovation.rate = 0.0;
  Simulation sim(net, p, options(Activation::random, 1, 4));
  for (int t = 0; t < 5; ++t) sim.step();
  CHECK(count_state(sim.esm(), k_lurker) == net.num_nodes());  // the mandate holds them
  for (int t = 0; t < 25; ++t) sim.step();
  CHECK(count_state(sim.esm(), k_churned) == net.num_nodes());
}

TEST_CASE("esm: monitoring raises the strategic-post share", "[esm]") {
  const auto net = organization();
  ModelParams p = with_esm(EsmIntroduction::top_down);
  p.population.defaults.visibility = Distribution::uniform(0.0, 1.0);
  p.population.defaults.recognition = Distribution::uniform(0.0, 1.0);
  ModelParams monitored = p;
  monitored.esm.monitoring = true;
  auto shares = [&](const ModelParams& params) {
    Simulation sim(net, params, options(Activation::random, 1, 6));
    std::uint64_t strategic = 0, knowledge = 0;
    for (int t = 0; t < 40; ++t) {
      sim.step();
      strategic += sim.esm().counters().strategic_posts;
      knowledge += sim.esm().counters().knowledge_posts;
    }
    return std::pair{strategic, knowledge};
  };
  const auto [s0, k0] = shares(p);
  const auto [s1, k1] = shares(monitored);
  CHECK(s0 == 0);
  REQUIRE(k0 > 100);
  REQUIRE(k1 > 100);
  // Expected share under monitoring: strategic x E[recognition x visibility] = 0.5 x 1/4 among
  // posters, who lean to high recognition: well above 0.05 with hundreds of posts.
  CHECK(static_cast<double>(s1) / static_cast<double>(k1) > 0.05);
}

TEST_CASE("esm: results do not depend on the thread count", "[esm][determinism]") {
  // 3000 agents: reading runs in a dozen blocks of 256 readers (core/blocks.hpp), taken by
  // the three threads in any order, and answers from several blocks meet on one question.
  const auto net = organization(3000);
  // Each introduction reading its communities' feeds, and bottom-up reading every post.
  const std::vector<std::pair<EsmIntroduction, EsmAudience>> cases{
      {EsmIntroduction::top_down, EsmAudience::community},
      {EsmIntroduction::bottom_up, EsmAudience::community},
      {EsmIntroduction::hybrid, EsmAudience::community},
      {EsmIntroduction::bottom_up, EsmAudience::everyone}};
  for (const auto& [intro, audience] : cases) {
    ModelParams p = with_esm(intro);
    p.esm.audience = audience;
    p.esm.monitoring = true;
    p.esm.moderators = 1;
    p.esm.management_response = 0.5;
    p.esm.communication = 0.02;
    p.esm.adoption_rule = AdoptionRule::probability;
    p.esm.adoption_probability = 0.1;
    Simulation one(net, p, options(Activation::random, 1, 12));
    Simulation three(net, p, options(Activation::random, 3, 12));
    for (int t = 0; t < 30; ++t) {
      one.step();
      three.step();
      const auto a = one.metrics();
      const auto b = three.metrics();
      INFO("tick " << t);
      for (std::size_t k = 0; k < a.size(); ++k) {
        INFO(Simulation::metric_names()[k]);
        CHECK(((std::isnan(a[k]) && std::isnan(b[k])) || a[k] == b[k]));
      }
    }
    CHECK(one.esm().agents().posts == three.esm().agents().posts);
    CHECK(one.esm().agents().reads == three.esm().agents().reads);
    CHECK(one.esm().counters().reads > 0);
    CHECK(one.population().explicit_knowledge == three.population().explicit_knowledge);
  }
}

TEST_CASE("esm: user-neighbour and neighbour-community counts stay equal to a recount through joins, merges and churn", "[esm]") {
  const auto net = organization();
  for (const auto intro : {EsmIntroduction::bottom_up, EsmIntroduction::hybrid}) {
    ModelParams p = with_esm(intro);
    p.esm.starters = 10;
    p.esm.adoption_rule = AdoptionRule::probability;
    p.esm.adoption_probability = 0.2;
    p.esm.create = 0.2;
    p.esm.moderators = 1;
    p.population.defaults.relevance_threshold = Distribution::uniform(0.0, 0.8);  // some churn
    Simulation sim(net, p, options(Activation::random, 2, 31));
    std::uint64_t churned = 0;
    for (int t = 0; t < 40; ++t) {
      sim.step();
      churned += sim.esm().counters().churned;
      const auto recount = sim.esm().nearby_from_scratch(sim.population());
      INFO("tick " << t + 1);
      REQUIRE(std::equal(recount.begin(), recount.end(), sim.esm().nearby().begin(), sim.esm().nearby().end()));
      const auto& state = sim.esm().agents().state;
      for (std::uint32_t i = 0; i < net.num_nodes(); ++i) {
        std::uint32_t users = 0;
        for (auto arc = net.arc_begin(i); arc < net.arc_end(i); ++arc) {
          const auto s = state[net.arc_target(arc)];
          users += s == k_lurker || s == k_contributor ? 1u : 0u;
        }
        REQUIRE(sim.esm().user_neighbours()[i] == users);
      }
    }
    CHECK(churned > 0);
    CHECK(sim.esm().counters().communities_created + sim.esm().communities().size() > 0);
  }
}

TEST_CASE("esm: readers answer the questions of askers in good standing, not of those in bad", "[esm]") {
  // The asker's image enters a reader's decision to answer through indirect reciprocity (7.6,
  // 7.15.5). Nobody is identified, so images stay as set: even agents at image_max, odd ones at
  // image_min. With a weight of 20 on reciprocity x image, a reader answers an asker in good
  // standing with probability ~1 and one in bad standing with ~e^-17. The same term decides
  // whether a tie helps, so the agents have no ties: every problem becomes a question.
  network::NetworkSpec spec;
  spec.generator = network::Generator::teams;
  spec.agents = 300;
  spec.team_size = 1;
  spec.teams_per_department = 10;
  spec.weak_ties = 0;
  const auto net = network::make_network(spec, 11);
  REQUIRE(net.num_arcs() == 0);
  ModelParams p = with_esm(EsmIntroduction::top_down);
  p.esm.ask = 1.0;
  p.organization.transparency = 0.0;
  p.decision.indirect_reciprocity = 20.0;
  p.population.defaults.reciprocity = Distribution::constant(1.0);
  for (const std::uint32_t threads : {1u, 3u}) {
    Simulation sim(net, p, options(Activation::random, threads, 5));
    auto& pop = sim.mutable_population();
    for (std::uint32_t i = 0; i < net.num_nodes(); ++i)
      pop.image[i] = static_cast<std::int8_t>(i % 2 == 0 ? p.reputation.image_max : p.reputation.image_min);
    for (int t = 0; t < 30; ++t) sim.step();
    const auto& a = sim.esm().agents();
    std::uint64_t asked[2] = {0, 0}, answered[2] = {0, 0};
    for (std::uint32_t i = 0; i < net.num_nodes(); ++i) {
      CHECK(sim.population().image[i] == (i % 2 == 0 ? p.reputation.image_max : p.reputation.image_min));
      asked[i % 2] += a.questions[i];
      answered[i % 2] += a.answers_received[i];
    }
    INFO("threads " << threads << ": good standing " << answered[0] << " of " << asked[0] << ", bad "
                    << answered[1] << " of " << asked[1]);
    REQUIRE(asked[0] > 50);
    REQUIRE(asked[1] > 50);
    CHECK(answered[1] == 0);
    CHECK(answered[0] > asked[0] / 4);
  }
}

TEST_CASE("esm: the feeds kept up to date equal feeds sorted anew, through expiry, answers, merges and redirects", "[esm]") {
  // rebuild_feeds drops each feed's expired prefix and appends the tick's posts, and marks
  // answers in place as they are given; only a tick with a merge or a redirect, or one feed of
  // every post, sorts anew. After every step the feeds must be those a sort of the alive posts
  // gives, whichever way the step took and the one before it.
  const auto net = organization();
  struct Case {
    const char* name;
    EsmIntroduction introduction;
    std::uint32_t moderators;
    double create;
    double management_response;
    EsmAudience audience;
    bool updates;  ///< some ticks update the feeds in place
    bool sorts;    ///< some ticks (after the first posts) sort them anew
  };
  const Case cases[] = {
      {"bottom-up", EsmIntroduction::bottom_up, 0, 0.2, 0.0, EsmAudience::community, true, false},
      {"hybrid, ideas answered", EsmIntroduction::hybrid, 0, 0.2, 0.5, EsmAudience::community, true, false},
      {"hybrid, moderated now and then", EsmIntroduction::hybrid, 1, 0.01, 0.5, EsmAudience::community, true, true},
      {"hybrid, moderated every tick", EsmIntroduction::hybrid, 1, 0.2, 0.5, EsmAudience::community, false, true},
      {"top-down", EsmIntroduction::top_down, 0, 0.2, 0.3, EsmAudience::community, true, false},
      {"bottom-up, audience everyone", EsmIntroduction::bottom_up, 0, 0.2, 0.0, EsmAudience::everyone, false, true},
  };
  for (const Case& c : cases) {
    for (const std::uint32_t threads : {1u, 2u}) {
      ModelParams p = with_esm(c.introduction);
      p.esm.starters = 10;
      p.esm.adoption_rule = AdoptionRule::probability;
      p.esm.adoption_probability = 0.3;
      p.esm.create = c.create;
      p.esm.moderators = c.moderators;
      p.esm.management_response = c.management_response;
      p.esm.audience = c.audience;
      p.esm.post_lifetime = 4;
      Simulation sim(net, p, options(Activation::random, threads, 17));
      std::uint64_t updated = 0, sorted = 0, answered_entries = 0, answers = 0, ideas_answered = 0;
      for (int t = 0; t < 30; ++t) {
        const bool had_posts = !sim.esm().posts().empty();
        sim.step();
        const Esm& esm = sim.esm();
        const Esm::Feeds& kept = esm.feeds();
        const Esm::Feeds fresh = esm.feeds_from_scratch();
        INFO(c.name << ", " << threads << " threads, tick " << sim.tick());
        REQUIRE(kept.offsets == fresh.offsets);
        REQUIRE(kept.entries == fresh.entries);
        REQUIRE(kept.tails == fresh.tails);
        if (had_posts) {
          const bool moved = esm.counters().merges + esm.counters().redirects > 0 || c.audience == EsmAudience::everyone;
          (moved ? sorted : updated) += 1;
        }
        for (const Esm::FeedEntry& e : kept.entries) answered_entries += (e.kind & Esm::k_answered_bit) != 0 ? 1u : 0u;
        answers += esm.counters().answers;
        ideas_answered += esm.counters().ideas_answered;
      }
      INFO(c.name << ", " << threads << " threads: " << updated << " ticks updated, " << sorted << " sorted");
      CHECK((updated > 0) == c.updates);
      CHECK((sorted > 0) == c.sorts);
      CHECK(answers > 0);
      CHECK(answered_entries > 0);  // answers reached the feeds' entries
      if (c.management_response > 0.0) CHECK(ideas_answered > 0);
    }
  }
}
