#pragma once
// Enterprise social media (docs/MODEL.md 7.15; seed 003). A second channel beside the ties:
// communities (topic spaces) hold posts; users read them and learn, ask questions that others
// answer, post ideas that management may answer, and like what is relevant to them.
//
// One ESM step per tick, after the tie phase and before learning:
//   1. launch and adoption   top_down: every agent of a launched unit becomes a user;
//                            bottom_up / hybrid: starters at launch, then contagion over ties
//                            (model/esm_adoption) and, with management support, awareness from
//                            communication; synchronous (from the users at the start of the step)
//   2. communities           bottom_up / hybrid: users join a community a neighbour belongs to, or
//                            start one on their topic (duplicates arise in distant parts of the
//                            network: fragmentation); top_down: `spaces` broad management spaces
//   3. reading               each user reads `reads` posts of its feed (posts of earlier ticks);
//                            relevance = quality x (1 if on one of its interests else
//                            off_topic_relevance); learns relevance x absorptive capacity x gap;
//                            the content pull follows the relevant reads (critical mass)
//   4. likes and answers     in reader id order: relevant knowledge posts earn their author a like;
//                            a reader who knows more answers a question with the sharing decision's
//                            logit (model/decision); the asker learns from the answer
//   5. management response   top_down / hybrid: each open idea is answered with
//                            management_response; its author feels heard
//   6. posting               questions (an unanswered problem), ideas (an innovation this tick),
//                            knowledge posts by a logit on the posting motives; under monitoring
//                            some posts are strategic (to be seen: random topic, low quality) and
//                            exposure above an agent's visibility preference deters posting
//   7. moderation            top_down / hybrid: moderators merge duplicate communities and move
//                            off-topic posts to their topic's community
//   8. churn                 a user whose pull (content + mandate) stays below its
//                            relevance_threshold for churn_patience ticks leaves for good
// Parallel parts write only the acting agent's state and draw from its own stream
// (Stream::esm, tick, agent); everything that touches other agents is applied serially in id
// order, so results do not depend on the thread count.

#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "tacit/model/needs.hpp"
#include "tacit/model/params.hpp"
#include "tacit/model/population.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

/// Values of EsmAgents::state.
inline constexpr std::uint8_t k_non_user = 0;
inline constexpr std::uint8_t k_lurker = 1;       ///< a user who contributed nothing in the last post_lifetime ticks (reads, may ask)
inline constexpr std::uint8_t k_contributor = 2;  ///< a user who posted knowledge or an idea, or answered, within them
inline constexpr std::uint8_t k_churned = 3;      ///< a former user; does not come back

enum class PostKind : std::uint8_t { knowledge, question, idea };

struct Post {
  std::uint32_t author = 0;
  std::uint32_t community = 0;  ///< as posted (resolve merges with Esm::resolve)
  std::uint32_t tick = 0;
  std::uint16_t topic = 0;
  PostKind kind = PostKind::knowledge;
  bool strategic = false;
  bool answered = false;  ///< questions and ideas
  float level = 0.0f;     ///< knowledge it carries (knowledge posts), the asker's level (questions)
  float quality = 1.0f;   ///< in [0, 1]
  std::int32_t author_unit = -1;  ///< the author's department (team without departments), -1 none
};

struct Community {
  std::uint16_t topic = 0;
  std::int32_t merged_into = -1;  ///< -1: alive
  std::uint32_t members = 0;      ///< agents that joined (merged members included)
  std::uint32_t created_tick = 0;
};

/// Knowledge an agent gained through the platform, and the part from authors of another unit:
/// one 16-byte record, since an answer adds to both of a random asker's.
struct alignas(16) PlatformGain {  // (never across two cache lines)
  double total = 0.0;
  double cross_unit = 0.0;
};

/// Per-agent ESM state, structure of arrays.
struct EsmAgents {
  std::vector<std::uint8_t> state;
  std::vector<std::uint32_t> adopted_tick;  ///< 0: never adopted
  std::vector<std::uint32_t> churn_tick;    ///< 0: has not churned
  std::vector<std::uint32_t> posts;         ///< knowledge posts, questions, ideas and answers
  std::vector<std::uint32_t> strategic_posts;
  std::vector<std::uint32_t> questions;
  std::vector<std::uint32_t> ideas;
  std::vector<std::uint32_t> answers_given;
  std::vector<std::uint32_t> answers_received;
  std::vector<std::uint32_t> reads;
  std::vector<std::uint32_t> likes;  ///< likes received (public reputation)
  std::vector<std::uint32_t> likes_before;  ///< likes before the latest count: likes - likes_before came in the latest tick
  std::vector<std::uint32_t> last_post_tick;    ///< last contribution (not a question); 0: never
  std::vector<std::uint32_t> last_answer_tick;  ///< last tick a question of its was answered
  std::vector<std::uint32_t> innovations_seen;
  std::vector<std::uint16_t> low_ticks;  ///< consecutive ticks with the pull below the threshold
  std::vector<float> content;            ///< smoothed relevant reads per tick
  std::vector<float> heard;              ///< smoothed "my idea was answered"
  std::vector<PlatformGain> gained;      ///< knowledge gained through the platform
  std::vector<std::int32_t> membership;  ///< agents x interests: community on that interest, -1 none
};

/// What happened on the platform during one tick.
struct EsmCounters {
  std::uint64_t adopted = 0;  ///< new users this tick
  std::uint64_t churned = 0;  ///< users who left this tick
  std::uint64_t posts = 0;    ///< knowledge posts, questions, ideas and answers
  std::uint64_t knowledge_posts = 0;
  std::uint64_t strategic_posts = 0;
  std::uint64_t questions = 0;
  std::uint64_t answers = 0;  ///< questions answered this tick
  std::uint64_t ideas = 0;
  std::uint64_t ideas_answered = 0;
  std::uint64_t reads = 0;
  std::uint64_t likes = 0;
  std::uint64_t communities_created = 0;
  std::uint64_t merges = 0;
  std::uint64_t redirects = 0;
  double relevance = 0.0;  ///< sum over reads
  double gained = 0.0;
  double cross_unit_gained = 0.0;
};

/// Wall-clock seconds spent in each part of the platform's step, summed over the run.
struct EsmPhaseSeconds {
  double adopt = 0.0, join = 0.0, read = 0.0, respond = 0.0, post = 0.0, churn = 0.0, feeds = 0.0;
};

/// One of a reader's feeds as its draws need it. A reader draws a number x below the size of
/// all its feeds together; the feeds are taken in the reader's order, and x lands in the feed
/// whose `first` (the entries of the feeds before it) is the largest at most x, on entry
/// x + `shift` of the feed list (shift = the feed's first entry in the list - first, modulo 2^64).
struct FeedRange {
  std::uint64_t first = 0;
  std::uint64_t shift = 0;
  std::uint32_t community = 0;
};

/// The feed-list entry draw x lands on (feeds non-empty, x below their total size). Empty feeds
/// may appear anywhere: a later range with the same `first` wins. No feed offset is looked up
/// per draw. The select is a mask, not a branch: the slots are worked out ahead of the reads
/// (Esm::read), where a mispredicted guess of the feed only costs time, and the mask measured
/// 8 % faster for reading there (docs/PERFORMANCE.md; when the slots were worked out at the
/// reader's turn a branch was faster, the core starting the entry's load on its guess).
inline std::size_t feed_entry_of(std::span<const FeedRange> feeds, std::uint64_t x) {
  std::uint64_t shift = feeds[0].shift;
  for (std::size_t q = 1; q < feeds.size(); ++q) {
    const std::uint64_t take = 0 - static_cast<std::uint64_t>(x >= feeds[q].first);
    shift = (feeds[q].shift & take) | (shift & ~take);
  }
  return static_cast<std::size_t>(x + shift);
}

/// feed_entry_of for one reader's feeds, set up once for all its draws: up to four feeds are
/// held as values, the missing ones padded with a `first` that no draw reaches, so a draw is
/// three compares and selects instead of a loop over the list; more feeds take feed_entry_of.
class FeedPicker {
 public:
  explicit FeedPicker(std::span<const FeedRange> feeds) : m_feeds(feeds), m_few(feeds.size() <= 4) {
    for (std::size_t q = 0; q < 4 && m_few; ++q) {
      m_first[q] = q < feeds.size() ? feeds[q].first : std::numeric_limits<std::uint64_t>::max();
      m_shift[q] = q < feeds.size() ? feeds[q].shift : 0;
    }
  }
  /// The feed-list entry draw x lands on (x below the feeds' total size, so never the padding's).
  std::size_t operator()(std::uint64_t x) const {
    if (!m_few) return feed_entry_of(m_feeds, x);
    std::uint64_t shift = m_shift[0];
    shift = x >= m_first[1] ? m_shift[1] : shift;
    shift = x >= m_first[2] ? m_shift[2] : shift;
    shift = x >= m_first[3] ? m_shift[3] : shift;
    return static_cast<std::size_t>(x + shift);
  }

 private:
  std::span<const FeedRange> m_feeds;
  bool m_few;
  std::array<std::uint64_t, 4> m_first{};
  std::array<std::uint64_t, 4> m_shift{};
};

class Esm {
 public:
  Esm(const network::Network& net, const ModelParams& params, const Population& pop, std::uint64_t seed);

  bool enabled() const { return m_params.introduction != EsmIntroduction::none; }
  /// One ESM step of tick `tick` (the order above). `needs` are the tick's problems; a problem
  /// is unanswered when the asker received nothing this tick (pop.last_received_tick != tick).
  void step(std::uint32_t tick, Population& pop, std::span<const Need> needs, std::uint32_t threads);

  const EsmAgents& agents() const { return m_agents; }
  EsmAgents& mutable_agents() { return m_agents; }
  const std::vector<Community>& communities() const { return m_communities; }
  const std::vector<Post>& posts() const { return m_posts; }  ///< alive posts
  const EsmCounters& counters() const { return m_counters; }
  /// Time spent in each part of step() so far (tacit-bench; never affects results).
  const EsmPhaseSeconds& phase_seconds() const { return m_phase_seconds; }
  /// Whether the reading loop fetches its readers' feed entries ahead (never changes
  /// results; Simulation sets it from RunOptions::fetch_ahead).
  void set_fetch_ahead(bool on) { m_fetch_ahead = on; }
  const EsmParams& params() const { return m_params; }
  /// The alive community a (possibly merged) community id now belongs to.
  std::uint32_t resolve(std::uint32_t community) const;
  /// Alive communities, and topics that have at least one.
  std::uint32_t alive_communities() const;
  std::uint32_t topics_with_communities() const;
  /// m_nearby as maintained, and recomputed from the memberships (for tests).
  std::span<const std::uint32_t> nearby() const { return m_nearby; }
  std::span<const std::uint32_t> user_neighbours() const { return m_user_neighbours; }
  std::vector<std::uint32_t> nearby_from_scratch(const Population& pop) const;
  /// Unit used for cross-unit flow: the department, or the team when there are no departments.
  std::int32_t unit(std::uint32_t agent) const;
  /// Every agent's unit, by agent (unit(i) is units()[i]).
  std::span<const std::int32_t> units() const;
  /// Tick at which agent i's unit launches (top_down).
  std::uint32_t launch_tick_of(std::uint32_t agent) const;
  /// Pull of the platform on agent i: content / (content + critical_mass) + mandate.
  double pull(std::uint32_t agent, std::uint32_t tick) const;
  /// Utility of posting knowledge for agent i (decision.temperature applies).
  double posting_utility(const Population& pop, std::uint32_t agent, std::uint32_t tick) const;
  /// Exposure of a post: 1/2 to a community, 1 to everyone; monitoring adds 1/2 (at most 1).
  double exposure() const;

  // Feeds: alive posts grouped by (resolved) community, in post order within a community. A
  // reader's draw lands on one random entry; the entry carries what every read needs (the
  // post's fields and its author's unit), so a read costs one cache miss instead of three (feed
  // slot, post, author's unit), and at 16 bytes four entries share a line, so more of the feeds
  // stay in the caches. What only a question's answer needs (the post's id, the author's team)
  // sits in a parallel array.
  struct alignas(16) FeedEntry {  // 16 bytes: never across two cache lines
    std::uint32_t author = 0;
    std::int32_t author_unit = -1;
    float level = 0.0f;
    std::uint16_t topic = 0;
    std::uint8_t kind = 0;     ///< PostKind, + k_answered_bit for an answered post
    std::uint8_t quality = 0;  ///< index into m_qualities
    bool operator==(const FeedEntry&) const = default;
  };
  static constexpr std::uint8_t k_answered_bit = 0x80;
  struct FeedTail {
    std::uint32_t id = 0;  ///< index into posts()
    std::int32_t author_team = -1;
    bool operator==(const FeedTail&) const = default;
  };
  /// The feeds: community c's entries are entries[offsets[c], offsets[c + 1]) (with audience
  /// everyone, entry k is post k).
  struct Feeds {
    std::vector<std::uint32_t> offsets;  ///< communities + 1
    std::vector<FeedEntry> entries;
    /// Parallel to entries. Only answers read these (a few random ones a tick), so they are
    /// left on small pages: the feeds grow while the platform spreads, and on the machine of
    /// docs/PERFORMANCE.md the first write of a new huge page costs ~4.7 ms against ~1 ms for
    /// the same 2 MB of small pages (tacit-memory-probe), paid by the feeds' serial part.
    std::vector<FeedTail> tails;
  };
  const Feeds& feeds() const { return m_feeds; }
  /// The feeds sorted anew from posts() (for tests: rebuild_feeds keeps them up to date
  /// instead, and the two must agree after every step).
  Feeds feeds_from_scratch() const;

 private:
  // Events of the parallel phases, one buffer per thread. Joining and reading hand out blocks
  // of agents dynamically (core/blocks.hpp) and record where each block's events are in its
  // thread's buffer (m_join_slices, m_read_slices); the slices are applied in block order, so
  // the events in agent id order whatever the thread count. Posting and churn do the same.
  struct Event {
    std::uint32_t agent = 0;
    std::uint32_t target = 0;  ///< a post (like, answer) or a community (join)
    std::uint16_t slot = 0;    ///< interest slot (join, create)
    std::uint8_t kind = 0;
    std::uint8_t cross = 0;    ///< answer: reader and asker in different known units
    std::uint32_t entry = 0;   ///< the question's feed entry (answer)
  };
  // A reader's decision to answer an open question, drawn while reading and decided after its
  // block's reads (Esm::read): the outcome changes nothing in the reads, only whether an answer
  // event follows, so the decision can wait while the askers' images are fetched ahead. It
  // holds only what the entry cannot tell again: the asker, its level and its unit are looked
  // up in the entry when the decision is made (a line the read brought in), so that each read,
  // which writes a record whether or not it met an open question, writes 16 bytes, not 24.
  struct PendingAnswer {
    std::uint32_t slot = 0;  ///< the question's feed entry
    float have = 0.0f;       ///< the reader's knowledge of the topic when it read the question
    std::uint32_t reader = 0;
    std::uint32_t read = 0;  ///< which of the reader's reads met the question (its draw's label)
  };

  void adopt(std::uint32_t tick, const Population& pop, std::span<const Need> needs, std::uint32_t threads);
  /// become_user, its neighbours' counts of user neighbours, and the count of adopters.
  void make_user(std::uint32_t agent, std::uint32_t tick);
  /// An adopter's own state (a lurker from this tick on).
  void become_user(std::uint32_t agent, std::uint32_t tick);
  /// Adds delta to m_user_neighbours of j's neighbours; only to those with ids in [first, last)
  /// when given (one thread's share).
  void count_user_neighbour(std::uint32_t j, int delta, std::uint32_t first = 0, std::uint32_t last = UINT32_MAX);
  void join_communities(std::uint32_t tick, const Population& pop, std::uint32_t threads);
  /// Adds delta to m_nearby of j's neighbours for the topic of j's slot (j joined or left);
  /// only to the neighbours with ids in [first, last) when given (one thread's share).
  void count_membership(const Population& pop, std::uint32_t j, std::size_t slot, int delta,
                        std::uint32_t first = 0, std::uint32_t last = UINT32_MAX);
  /// count_membership(+1) for every join and create of m_join_slices, on all threads: each
  /// thread walks all of them and counts for the neighbours in its id range.
  void count_joins(const Population& pop, std::uint32_t threads);
  /// Marks the feed entry of every question answered this tick (the read slices' events).
  void mark_answered();
  std::int32_t community_among_neighbours(const Population& pop, std::uint32_t agent, std::uint16_t topic) const;
  std::uint32_t create_community(std::uint16_t topic, std::uint32_t tick);
  void read(std::uint32_t tick, Population& pop, std::uint32_t threads);
  void count_likes();
  void answer_questions(Population& pop);
  /// The answers' counts and ticks (m_answered), after answer_questions.
  void credit_answers(std::uint32_t tick, std::uint32_t threads);
  void respond_to_ideas(std::uint32_t tick);
  void post(std::uint32_t tick, Population& pop, std::span<const Need> needs, std::uint32_t threads);
  void moderate();
  void churn(std::uint32_t tick, const Population& pop, std::uint32_t threads);
  /// The posts that expire at this tick's rebuild of the feeds (a prefix of m_posts: m_expired)
  /// and, where the feeds will be updated, how many of each feed's (m_feed_kept).
  void count_expired(std::uint32_t tick);
  void rebuild_feeds(std::uint32_t threads);
  bool supported() const;  ///< management support acts (top_down, hybrid)
  bool user(std::uint32_t agent) const {  // lurker or contributor: one compare
    static_assert(k_contributor == k_lurker + 1);
    return static_cast<std::uint8_t>(m_agents.state[agent] - k_lurker) <= k_contributor - k_lurker;
  }
  /// The users among agents [first, last) in id order, written from `out` on (room for
  /// last - first); their count. One pass without a branch per agent: each agent is written,
  /// the next overwriting it unless it is a user (whether one is, is as good as random).
  std::size_t list_users(std::int64_t first, std::int64_t last, std::uint32_t* out) const {
    std::size_t count = 0;
    for (std::int64_t s = first; s < last; ++s) {
      out[count] = static_cast<std::uint32_t>(s);
      count += user(static_cast<std::uint32_t>(s)) ? 1 : 0;
    }
    return count;
  }

  const network::Network& m_network;
  EsmParams m_params;
  DecisionParams m_decision;
  OrganizationParams m_organization;
  ReputationParams m_reputation;
  std::uint64_t m_seed = 0;
  std::uint32_t m_interests = 0;
  bool m_launched = false;
  bool m_merged = false;  ///< some community was ever merged into another (resolve has work)
  EsmAgents m_agents;
  std::vector<Community> m_communities;
  std::vector<Post> m_posts;
  EsmCounters m_counters;
  EsmPhaseSeconds m_phase_seconds;
  bool m_fetch_ahead = false;

  // Feeds (FeedEntry, FeedTail above): alive posts grouped by (resolved) community, brought up to
  // date at the end of each step (rebuild_feeds); nothing changes them before the next step's
  // reads. An answer given after those reads marks its post's entry (k_answered_bit) at once, so
  // the feeds always equal a sort of the alive posts (feeds_from_scratch).
  /// Every quality a post can have (questions and ideas 1, genuine knowledge posts, strategic
  /// ones), so that a feed entry holds a byte for it.
  std::array<float, 3> m_qualities{};
  float genuine_quality() const;
  FeedEntry feed_entry(std::uint32_t id) const;
  FeedTail feed_tail(std::uint32_t id) const;
  Feeds m_feeds;
  /// rebuild_feeds writes the updated feeds here, then swaps them with m_feeds.
  Feeds m_next_feeds;
  std::uint32_t m_feed_posts = 0;  ///< posts in the feeds (the first m_feed_posts of m_posts)
  bool m_feeds_stale = false;      ///< moderation moved posts to other communities this step
  std::uint32_t m_expired = 0;     ///< count_expired: posts expiring at this step's rebuild
  bool m_expired_counted = false;  ///< count_expired: m_feed_kept holds each feed's expired count
  /// The feed entry of post `id` (a post in the feeds).
  std::size_t feed_slot_of(std::uint32_t id) const;
  void sort_feeds(std::uint32_t threads);
  void update_feeds(std::uint32_t gone, std::uint32_t threads);
  // Scratch, sized once (the event buffers keep their capacity).
  std::vector<std::uint8_t> m_was_user;
  std::vector<std::uint8_t> m_adopt;
  std::vector<std::vector<Event>> m_events;
  struct Answered {
    std::uint32_t reader = 0, asker = 0;
  };
  std::vector<Answered> m_answered;  ///< this tick's answers given, in the order they were given
  std::vector<std::vector<PendingAnswer>> m_pending;  ///< per thread (reading)
  std::vector<std::vector<std::uint32_t>> m_liked;  ///< per thread: authors of the posts liked
  std::vector<std::size_t> m_liked_count;            ///< per thread: how many of m_liked are this tick's
  std::vector<std::vector<std::uint32_t>> m_churned_now;  ///< per thread: who churned this tick (churn)
  std::vector<std::vector<Post>> m_new_posts;
  /// per thread (reading): a chunk of readers' draws, the feed entries they land on
  std::vector<std::vector<std::uint32_t>> m_read_slots;
  /// per thread (reading): a reader's feeds, each community once (room for every interest)
  std::vector<std::vector<FeedRange>> m_feed_list;
  /// per thread: a block's users in id order (reading, posting)
  std::vector<std::vector<std::uint32_t>> m_block_users;
  /// per thread and topic: the last reader interested in it (reading)
  std::vector<std::vector<std::uint32_t>> m_interested;
  /// Reading runs in blocks of readers (core/blocks.hpp): where each block's answers sit in its
  /// thread's event buffer, so they are applied in reader id order.
  struct EventSlice {
    std::uint32_t thread = 0, begin = 0, end = 0;
    /// The slice's items in its thread's buffer.
    template <class T>
    std::span<const T> of(const std::vector<std::vector<T>>& buffers) const {
      return std::span<const T>(buffers[thread]).subspan(begin, end - begin);
    }
  };
  std::vector<EventSlice> m_read_slices;
  std::vector<EventSlice> m_join_slices;
  std::vector<EventSlice> m_post_slices;   ///< into m_new_posts
  std::vector<EventSlice> m_churn_slices;  ///< into m_churned_now
  std::vector<std::vector<std::uint32_t>> m_by_topic;  ///< moderation: live communities per topic
  /// agents x interests: user neighbours with a community on that interest's topic, kept up to
  /// date on every join and churn, so that only searches that can succeed are made.
  std::vector<std::uint32_t> m_nearby;
  std::vector<std::uint32_t> m_user_neighbours;  ///< neighbours that are users, kept up to date
  /// Reading: a reader's sums of the tick, kept by block until they are added in reader order.
  struct ReaderSums {
    double relevance = 0.0, gained = 0.0, cross = 0.0;
  };
  std::vector<std::vector<ReaderSums>> m_sum_pool;  ///< buffers, reused from tick to tick
  std::vector<std::int32_t> m_sum_block;  ///< per block of readers: its buffer once read, -1 before
  std::vector<std::int32_t> m_sum_free;   ///< the pool's buffers not in use
  std::vector<std::vector<std::uint32_t>> m_feed_fill;  ///< per thread: next place per community
  // update_feeds: per community, its first entry kept and where its new posts start; the new
  // posts by community; their entries, in post order.
  std::vector<std::uint32_t> m_feed_kept;
  std::vector<std::uint32_t> m_feed_added;
  std::vector<std::uint32_t> m_feed_new;
  std::vector<FeedEntry> m_new_entries;
  std::vector<FeedTail> m_new_tails;
};

/// Names of the ESM columns of timeseries.csv, in order.
const std::vector<std::string>& esm_metric_names();
/// Appends their values for the current state to `out`; `scratch` is reused.
void append_esm_metrics(const Esm& esm, std::vector<double>& scratch,
                        std::vector<double>& sort, std::vector<double>& out);

}  // namespace tacit::model
