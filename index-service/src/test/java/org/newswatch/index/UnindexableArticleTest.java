package org.newswatch.index;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Extraction;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.index.testing.ApiClient;
import org.newswatch.index.testing.TestArticles;

/**
 * Articles with a keyword-field value over Lucene's 32,766-byte term limit, published straight to
 * {@code news.articles} (past whatever ingest caps): before, the first one ended the indexing loop,
 * and a restarted or new replica met the same compacted record again and died on it too.
 */
@ExtendWith(KafkaBrokerExtension.class)
class UnindexableArticleTest {

  @Test
  void oversizedKeywordValuesNeverStopIndexingOnAnyReplica(
      KafkaBroker broker, @TempDir Path dir, @TempDir Path replicaDir) {
    Topics topics = broker.newTopics();
    String huge = "x".repeat(40_000);
    // Hostile input: a 40,000-character author, a 40 KB link, a 40 KB publisher tag, a 40 KB source
    // name (also a doc-values term, same limit) and a 40 KB id, each a single keyword term.
    List<Article> hostile =
        List.of(
            withAuthor("long-author", "Jane " + huge),
            withUrl("long-url", "https://news.example/" + huge),
            withKeyword("long-tag", huge),
            TestArticles.article(
                "long-source", "Source of forty kilobytes", "Body.", huge, "en", TestArticles.T0),
            TestArticles.article(
                "id-" + huge, "Id of forty kilobytes", "Body.", "VOA", "en", TestArticles.T0));
    List<Article> good = IntStream.range(0, 3).mapToObj(TestArticles::numbered).toList();
    List<Article> all = new ArrayList<>(hostile);
    all.addAll(good);
    TestArticles.publish(broker.bootstrapServers(), topics, all);

    try (IndexService service = IndexService.start(IndexServiceTest.context(broker, topics, dir))) {
      await()
          .atMost(IndexServiceTest.WAIT)
          .until(
              () ->
                  service.isReady()
                      && service.documentCount() + service.deadLettered() == all.size());
      ApiClient api = new ApiClient(service.port(), IndexServiceTest.ADMIN);
      assertEquals(
          3,
          api.get("/api/search?q=report").json().get("total").asLong(),
          "every good article is searchable");
      assertEquals(
          hostile.size(),
          service.documentCount() - good.size() + service.deadLettered(),
          "each hostile article is indexed with bounded terms or dead-lettered, none lost");
      // The stored author is whole even though its term is bounded.
      assertEquals(
          "Jane " + huge,
          api.get("/api/articles/long-author").json().get("authors").get(0).asText());
    }
    // A restart on the same index, and a new replica built from the topic alone: neither stops.
    TestArticles.publish(broker.bootstrapServers(), topics, List.of(TestArticles.numbered(3)));
    try (IndexService service = IndexService.start(IndexServiceTest.context(broker, topics, dir))) {
      await()
          .atMost(IndexServiceTest.WAIT)
          .until(
              () ->
                  service.isReady()
                      && new ApiClient(service.port(), IndexServiceTest.ADMIN)
                              .get("/api/search?q=report")
                              .json()
                              .get("total")
                              .asLong()
                          == 4);
    }
    try (IndexService replica =
        IndexService.start(IndexServiceTest.context(broker, topics, replicaDir))) {
      await()
          .atMost(IndexServiceTest.WAIT)
          .until(
              () ->
                  replica.isReady()
                      && new ApiClient(replica.port(), IndexServiceTest.ADMIN)
                              .get("/api/search?q=report")
                              .json()
                              .get("total")
                              .asLong()
                          == 4);
      assertTrue(replica.isReady());
    }
  }

  private static Article withAuthor(String id, String author) {
    Article a =
        TestArticles.article(
            id, "Author of forty thousand characters", "Body.", "VOA", "en", TestArticles.T0);
    return new Article(
        a.schema(),
        a.id(),
        a.url(),
        a.canonicalUrl(),
        a.feedId(),
        a.source(),
        a.title(),
        a.body(),
        List.of(author),
        a.language(),
        a.publishedAt(),
        a.fetchedAt(),
        a.storyId(),
        a.contentHash(),
        a.extraction(),
        a.keywords());
  }

  private static Article withUrl(String id, String url) {
    Article a =
        TestArticles.article(id, "Link of forty kilobytes", "Body.", "VOA", "en", TestArticles.T0);
    return new Article(
        a.schema(),
        a.id(),
        url,
        url,
        a.feedId(),
        a.source(),
        a.title(),
        a.body(),
        a.authors(),
        a.language(),
        a.publishedAt(),
        a.fetchedAt(),
        a.storyId(),
        a.contentHash(),
        a.extraction(),
        a.keywords());
  }

  private static Article withKeyword(String id, String keyword) {
    Article a =
        TestArticles.article(id, "Tag of forty kilobytes", "Body.", "VOA", "en", TestArticles.T0);
    return new Article(
        a.schema(),
        a.id(),
        a.url(),
        a.canonicalUrl(),
        a.feedId(),
        a.source(),
        a.title(),
        a.body(),
        a.authors(),
        a.language(),
        a.publishedAt(),
        a.fetchedAt(),
        a.storyId(),
        a.contentHash(),
        new Extraction("page", List.of()),
        List.of(keyword));
  }
}
