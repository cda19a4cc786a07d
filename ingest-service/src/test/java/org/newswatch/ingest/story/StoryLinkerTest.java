package org.newswatch.ingest.story;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Story;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;
import org.newswatch.ingest.IngestOptions;

/**
 * The linker on a real broker: news.intake in, news.articles and news.stories out, across restarts
 * and failover.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StoryLinkerTest {
  static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  private KafkaBroker broker;
  private Topics topics;
  private final List<StoryLinker> linkers = new ArrayList<>();

  @BeforeEach
  void setUp(KafkaBroker broker) {
    this.broker = broker;
    topics = broker.newTopics();
  }

  @AfterEach
  void tearDown() {
    linkers.forEach(StoryLinker::close);
  }

  private StoryLinker start(String instance) {
    StoryLinker l =
        new StoryLinker(
            broker.bootstrapServers(),
            topics,
            instance,
            IngestOptions::defaultMatcher,
            new SimpleMeterRegistry());
    linkers.add(l);
    return l.start();
  }

  private void intake(Article a) {
    TopicRecords.produce(broker.bootstrapServers(), topics.intake(), a.id(), Json.toBytes(a));
  }

  /** The latest version of each article on news.articles, by id. */
  private Map<String, Article> articles() {
    Map<String, Article> out = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> r :
        TopicRecords.read(broker.bootstrapServers(), topics.articles().name())) {
      out.put(r.key(), Json.fromBytes(r.value(), Article.class));
    }
    return out;
  }

  private Map<String, Story> stories() {
    Map<String, Story> out = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> r :
        TopicRecords.read(broker.bootstrapServers(), topics.stories().name())) {
      out.put(r.key(), Json.fromBytes(r.value(), Story.class));
    }
    return out;
  }

  private String storyOf(Article a) {
    await().atMost(Duration.ofSeconds(60)).until(() -> articles().containsKey(a.id()));
    return articles().get(a.id()).storyId();
  }

  @Test
  void aRestartedLinkerRebuildsItsMemoryAndGivesTheSameStoryIds() {
    StoryLinker first = start("one");
    Article original = StoryTexts.article("voa", "a/1", "border-original", "en", T0);
    intake(original);
    String story = storyOf(original);
    assertEquals(story, stories().get(story).id());
    first.close();

    StoryLinker second = start("two");
    Article syndicated =
        StoryTexts.article("wire", "w/1", "border-syndicated", "en", T0.plusSeconds(60));
    Article update =
        StoryTexts.article("voa", "a/1", "karachi-rain-day1", "en", T0.plusSeconds(120));
    intake(syndicated);
    intake(update);
    assertEquals(
        story, storyOf(syndicated), "a restarted linker remembers the story from news.articles");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> articles().get(original.id()).contentHash().equals(update.contentHash()));
    assertEquals(
        story,
        articles().get(original.id()).storyId(),
        "an update keeps its story after a restart");
    assertTrue(second.remembered() >= 1);

    Story s = stories().get(story);
    assertEquals(2, s.memberCount());
    assertEquals(
        java.util.Set.of(original.id(), syndicated.id()),
        s.members().stream()
            .map(Story.Member::articleId)
            .collect(java.util.stream.Collectors.toSet()));
    // The first linker committed its intake offset with its transaction: nothing was linked twice.
    assertEquals(3, TopicRecords.count(broker.bootstrapServers(), topics.articles().name()));
  }

  @Test
  void oneInstanceLinksTheOtherStandsByAndTakesOverWithTheSameStories() {
    StoryLinker a = start("a");
    StoryLinker b = start("b");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> a.joined() && b.joined() && (a.owner() || b.owner()));
    assertFalse(a.owner() && b.owner(), "one linker at a time");
    Article urdu = StoryTexts.article("dunya", "u/1", "ur-border-original", "ur", T0);
    intake(urdu);
    String story = storyOf(urdu);

    StoryLinker owner = a.owner() ? a : b;
    StoryLinker standby = owner == a ? b : a;
    owner.close();
    await().atMost(Duration.ofSeconds(60)).until(standby::owner);

    Article rewrite =
        StoryTexts.article("jang", "j/1", "ur-border-rewrite", "ur", T0.plusSeconds(30));
    Article other = StoryTexts.article("dunya", "u/2", "ur-flood", "ur", T0.plusSeconds(40));
    intake(rewrite);
    intake(other);
    assertEquals(story, storyOf(rewrite));
    assertNotEquals(story, storyOf(other));
    assertEquals(2, stories().get(story).memberCount());
  }

  @Test
  void unreadableIntakeRecordsAreDeadLetteredAndLinkingGoesOn() {
    StoryLinker linker = start("one");
    TopicRecords.produce(
        broker.bootstrapServers(),
        topics.intake(),
        "garbage",
        "{\"schema\":1,\"id\":".getBytes(StandardCharsets.UTF_8));
    TopicRecords.produce(
        broker.bootstrapServers(),
        topics.intake(),
        "json-null",
        "null".getBytes(StandardCharsets.UTF_8));
    TopicRecords.produce(broker.bootstrapServers(), topics.intake(), "tombstone", null);
    Article good = StoryTexts.article("voa", "a/1", "border-original", "en", T0);
    intake(good);

    storyOf(good);
    List<ConsumerRecord<String, byte[]>> dead =
        TopicRecords.read(broker.bootstrapServers(), topics.deadLetter().name());
    assertEquals(
        List.of("garbage", "json-null", "tombstone"),
        dead.stream().map(ConsumerRecord::key).toList());
    for (ConsumerRecord<String, byte[]> d : dead) {
      RecordOrigin origin = RecordOrigin.from(d.headers()).orElseThrow();
      assertEquals(topics.intake().name(), origin.topic());
    }
    assertEquals(
        List.of(0L, 1L, 2L),
        dead.stream().map(d -> RecordOrigin.from(d.headers()).orElseThrow().offset()).toList());
    assertTrue(linker.failure().isEmpty());
    assertEquals(3, linker.health().deadLettered());
    assertEquals(1, articles().size());
  }

  @Test
  void aLongRebuildKeepsItsPlaceInTheGroupAndASecondInstanceJoiningMeanwhileLinksNothingTwice()
      throws Exception {
    // Three articles already on news.articles, each remembered slowly: a rebuild of about 9 s, in
    // which the linker must poll the group (with the intake paused) while a second one joins.
    for (int i = 0; i < 3; i++) {
      Article a =
          StoryTexts.article("old", "o/" + i, "old " + i, "body " + i, "en", T0)
              .withStoryId("s-old-" + i);
      TopicRecords.produce(broker.bootstrapServers(), topics.articles(), a.id(), Json.toBytes(a));
    }
    java.util.concurrent.atomic.AtomicInteger slowRemembered =
        new java.util.concurrent.atomic.AtomicInteger();
    StoryMatcher slow =
        new StoryMatcher() {
          @Override
          public String assign(Article article) {
            return "s-" + article.title();
          }

          @Override
          public void remember(Article article) {
            slowRemembered.incrementAndGet();
            try {
              Thread.sleep(3000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    StoryLinker a =
        new StoryLinker(
            broker.bootstrapServers(), topics, "slow", () -> slow, new SimpleMeterRegistry());
    linkers.add(a.start());
    await().atMost(Duration.ofSeconds(30)).until(() -> slowRemembered.get() >= 1);
    Article fresh = StoryTexts.article("new", "n/1", "fresh", "body", "en", T0.plusSeconds(60));
    intake(fresh);
    StoryLinker b =
        new StoryLinker(
            broker.bootstrapServers(), topics, "quick", () -> slow, new SimpleMeterRegistry());
    linkers.add(b.start());

    assertEquals("s-fresh", storyOf(fresh));
    await().atMost(Duration.ofSeconds(60)).until(() -> a.owner() || b.owner());
    assertTrue(a.failure().isEmpty() && b.failure().isEmpty());
    assertFalse(a.owner() && b.owner(), "one linker at a time");
    StoryLinker owner = a.owner() ? a : b;
    assertEquals(3, owner.remembered());
    assertTrue(a.stayedInGroup() > 0, "the slow rebuild polled the group");
    long copies =
        TopicRecords.read(broker.bootstrapServers(), topics.articles().name()).stream()
            .filter(r -> r.key().equals(fresh.id()))
            .count();
    assertEquals(1, copies, "linked once");
  }
}
