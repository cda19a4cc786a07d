package org.newswatch.ingest.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Story;
import org.newswatch.ingest.IngestOptions;

class ArticleLinkerTest {
  static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
  private long offset;

  private ArticleLinker.Raw raw(Article a) {
    return new ArticleLinker.Raw(
        a.id(), Json.toBytes(a), new RecordOrigin("news.intake", 0, offset++));
  }

  private ArticleLinker.Raw raw(String key, byte[] value) {
    return new ArticleLinker.Raw(key, value, new RecordOrigin("news.intake", 0, offset++));
  }

  private static List<Article> linked(List<ArticleLinker.Output> out) {
    return out.stream()
        .filter(o -> o instanceof ArticleLinker.Linked)
        .map(o -> ((ArticleLinker.Linked) o).article())
        .toList();
  }

  private static List<Story> stories(List<ArticleLinker.Output> out) {
    return out.stream()
        .filter(o -> o instanceof ArticleLinker.StoryChanged)
        .map(o -> ((ArticleLinker.StoryChanged) o).story())
        .toList();
  }

  private static Article one(ArticleLinker linker, ArticleLinker.Raw r) {
    return linked(linker.process(List.of(r))).getFirst();
  }

  @Test
  void nearDuplicatesJoinOneStoryThatListsEveryMemberWithLanguageAndOutlet() {
    ArticleLinker linker = new ArticleLinker(IngestOptions.defaultMatcher());
    Article voa =
        StoryTexts.article("voa", "a/1", "border-original", "en", T0)
            .withPlaces(List.of("pk-taftan"));
    Article wire =
        StoryTexts.article("wire", "b/2", "border-syndicated", "en", T0.plusSeconds(600))
            .withPlaces(List.of("ir-zahedan"));
    // The attack that closed the crossings, a month before (the reopening report recalls it).
    Article other =
        StoryTexts.article(
            "voa", "a/3", "border-attack", "en", T0.minus(java.time.Duration.ofDays(30)));

    List<ArticleLinker.Output> out = linker.process(List.of(raw(voa), raw(wire), raw(other)));

    List<Article> articles = linked(out);
    assertEquals(3, articles.size());
    assertEquals(articles.get(0).storyId(), articles.get(1).storyId());
    assertNotEquals(articles.get(0).storyId(), articles.get(2).storyId());
    Story story =
        stories(out).stream()
            .filter(s -> s.id().equals(articles.get(0).storyId()))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of(voa.id(), wire.id()),
        story.members().stream().map(Story.Member::articleId).toList());
    assertEquals(
        List.of("voa", "wire"), story.members().stream().map(Story.Member::source).toList());
    assertEquals(List.of("en"), story.languages());
    assertEquals(List.of("ir-zahedan", "pk-taftan"), story.places());
    assertEquals(T0, story.firstSeen());
    assertEquals(T0.plusSeconds(600), story.lastSeen());
    assertEquals(2, stories(out).size(), "one record per story the batch changed");
  }

  @Test
  void anUpdateKeepsItsStoryWhateverItsNewText() {
    ArticleLinker linker = new ArticleLinker(IngestOptions.defaultMatcher());
    Article first = StoryTexts.article("voa", "a/1", "border-original", "en", T0);
    String story = one(linker, raw(first)).storyId();
    // Same URL (same id), rewritten into another event's text: still an update of the same article.
    String[] t = StoryTexts.text("karachi-rain-day1");
    Article updated = StoryTexts.article("voa", "a/1", t[0], t[1], "en", T0.plusSeconds(3600));
    assertEquals(first.id(), updated.id());

    List<ArticleLinker.Output> out = linker.process(List.of(raw(updated)));

    ArticleLinker.Linked l = (ArticleLinker.Linked) out.getFirst();
    assertTrue(l.update());
    assertEquals(story, l.article().storyId());
    Story s = stories(out).getFirst();
    assertEquals(1, s.memberCount(), "an update is not a second member");
    assertEquals(t[0], s.members().getFirst().title(), "the member shows the latest version");
  }

  @Test
  void aLinkerRebuiltFromWhatItWroteGivesTheSameStories() {
    ArticleLinker before = new ArticleLinker(IngestOptions.defaultMatcher());
    Article original =
        one(before, raw(StoryTexts.article("voa", "a/1", "border-original", "en", T0)));
    Article urdu =
        one(before, raw(StoryTexts.article("dunya", "u/1", "ur-border-original", "ur", T0)));

    // A restart: an empty matcher, and what is on news.articles read back.
    ArticleLinker after = new ArticleLinker(IngestOptions.defaultMatcher());
    after.remember(original);
    after.remember(urdu);
    Article rewrite =
        one(
            after,
            raw(StoryTexts.article("wire", "w/9", "border-rewrite", "en", T0.plusSeconds(60))));
    Article urduRewrite =
        one(
            after,
            raw(StoryTexts.article("jang", "j/4", "ur-border-rewrite", "ur", T0.plusSeconds(60))));
    Article update =
        one(
            after,
            raw(StoryTexts.article("voa", "a/1", "border-attack", "en", T0.plusSeconds(120))));

    assertEquals(original.storyId(), rewrite.storyId());
    assertEquals(urdu.storyId(), urduRewrite.storyId());
    assertEquals(original.storyId(), update.storyId());
    assertEquals(original.storyId(), after.storyOf(original.id()));
  }

  @Test
  void unreadableRecordsBecomeDeadLettersAndTheBatchGoesOn() {
    ArticleLinker linker = new ArticleLinker(IngestOptions.defaultMatcher());
    Article good = StoryTexts.article("voa", "a/1", "border-original", "en", T0);
    List<ArticleLinker.Raw> batch = new ArrayList<>();
    batch.add(raw("no-value", null));
    batch.add(raw("not-json", "<rss>not json</rss>".getBytes(StandardCharsets.UTF_8)));
    batch.add(raw("json-null", "null".getBytes(StandardCharsets.UTF_8)));
    batch.add(
        raw(
            "no-id",
            "{\"schema\":1,\"url\":\"https://x.example/\",\"fetchedAt\":\"2026-12-01T08:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8)));
    batch.add(
        raw(
            "bad-time",
            "{\"schema\":1,\"id\":\"x\",\"url\":\"u\",\"fetchedAt\":\"yesterday\"}"
                .getBytes(StandardCharsets.UTF_8)));
    batch.add(raw(null, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
    batch.add(raw(good));

    List<ArticleLinker.Output> out = linker.process(batch);

    List<ArticleLinker.DeadLetter> dead =
        out.stream()
            .filter(o -> o instanceof ArticleLinker.DeadLetter)
            .map(o -> (ArticleLinker.DeadLetter) o)
            .toList();
    assertEquals(
        List.of("no-value", "not-json", "json-null", "no-id", "bad-time"),
        dead.stream().map(ArticleLinker.DeadLetter::key).limit(5).toList());
    assertEquals(6, dead.size());
    assertNull(dead.get(5).key());
    dead.forEach(d -> assertFalse(d.error().isBlank()));
    assertEquals(
        List.of(0L, 1L, 2L, 3L, 4L, 5L), dead.stream().map(d -> d.origin().offset()).toList());
    assertEquals(List.of(good.id()), linked(out).stream().map(Article::id).toList());
  }

  @Test
  void aMatcherThatFailsOnOneArticleDeadLettersThatArticleOnly() {
    StoryMatcher picky =
        new StoryMatcher() {
          @Override
          public String assign(Article article) {
            if (article.title().contains("boom")) {
              throw new IllegalStateException("cannot read " + article.title());
            }
            return "story-" + article.language();
          }

          @Override
          public void remember(Article article) {}
        };
    ArticleLinker linker = new ArticleLinker(picky);
    Article bad = StoryTexts.article("x", "1", "boom", "body", "en", T0);
    Article fine = StoryTexts.article("x", "2", "fine", "body", "en", T0);

    List<ArticleLinker.Output> out = linker.process(List.of(raw(bad), raw(fine)));

    ArticleLinker.DeadLetter d = assertInstanceOf(ArticleLinker.DeadLetter.class, out.getFirst());
    assertTrue(d.error().contains("story matcher"), d.error());
    assertEquals(List.of("story-en"), linked(out).stream().map(Article::storyId).toList());
  }

  @Test
  void aStoryListsItsLatestMembersAndCountsThemAll() {
    StoryMatcher oneStory =
        new StoryMatcher() {
          @Override
          public String assign(Article article) {
            return "everything";
          }

          @Override
          public void remember(Article article) {}
        };
    ArticleLinker linker = new ArticleLinker(oneStory);
    List<ArticleLinker.Raw> batch = new ArrayList<>();
    for (int i = 0; i < Story.MAX_MEMBERS + 5; i++) {
      batch.add(
          raw(
              StoryTexts.article(
                  "x", "a/" + i, "t" + i, "b", i % 2 == 0 ? "en" : "fa", T0.plusSeconds(i))));
    }

    Story story = stories(linker.process(batch)).getFirst();

    assertEquals(Story.MAX_MEMBERS, story.members().size());
    assertEquals(Story.MAX_MEMBERS + 5, story.memberCount());
    assertEquals("t5", story.members().getFirst().title(), "the oldest five are no longer listed");
    assertEquals(List.of("en", "fa"), story.languages());
    assertEquals(T0, story.firstSeen());
  }

  @Test
  void memoryIsBoundedAndAForgottenArticleIsMatchedAgain() {
    List<String> assigned = new ArrayList<>();
    StoryMatcher counting =
        new StoryMatcher() {
          @Override
          public String assign(Article article) {
            assigned.add(article.id());
            return "s-" + assigned.size();
          }

          @Override
          public void remember(Article article) {}
        };
    ArticleLinker linker = new ArticleLinker(counting, 2, 10);
    Article a = StoryTexts.article("x", "a", "t", "b", "en", T0);
    linker.process(
        List.of(
            raw(a),
            raw(StoryTexts.article("x", "b", "t", "b", "en", T0)),
            raw(StoryTexts.article("x", "c", "t", "b", "en", T0))));

    assertNull(linker.storyOf(a.id()), "only the last two articles are known by id");
    linker.process(List.of(raw(a)));
    assertEquals(4, assigned.size());
    assertTrue(linker.storiesHeld() <= 10);
  }
}
