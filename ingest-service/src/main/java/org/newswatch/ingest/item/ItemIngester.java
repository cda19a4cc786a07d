package org.newswatch.ingest.item;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.newswatch.common.Hashes;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Extraction;
import org.newswatch.common.model.Feed;
import org.newswatch.common.places.PlaceResolver;
import org.newswatch.ingest.IngestMetrics;
import org.newswatch.ingest.extract.ArticleExtractor;
import org.newswatch.ingest.extract.ExtractedPage;
import org.newswatch.ingest.extract.ExtractionResult;
import org.newswatch.ingest.extract.LanguageDetector;
import org.newswatch.ingest.feed.FeedItem;
import org.newswatch.ingest.fetch.FetchResult;
import org.newswatch.ingest.fetch.HttpFetcher;
import org.newswatch.ingest.fetch.UrlCanonicalizer;
import org.newswatch.ingest.fetch.Validators;
import org.newswatch.ingest.publish.ArticleCaps;
import org.newswatch.ingest.publish.ArticlePublisher;
import org.newswatch.ingest.publish.SeenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one feed item into a published article, once: an item the feed still describes the same way
 * is skipped without fetching; a new or changed item has its page fetched and extracted (the feed's
 * description stands in when the page cannot be had or holds too little text), and the article is
 * published only when its text differs from what was last published under its id.
 */
public final class ItemIngester {
  private static final Logger LOG = LoggerFactory.getLogger(ItemIngester.class);
  static final String ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";

  /** How an item ended. */
  public enum Result {
    NEW,
    UPDATED,
    UNCHANGED,
    FAILED;

    public String label() {
      return this == UNCHANGED ? "duplicate" : name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param pageExtracted whether the page gave the text (null: no page was fetched)
   */
  public record Outcome(Result result, String articleId, String problem, Boolean pageExtracted) {
    Outcome(Result result, String articleId, String problem) {
      this(result, articleId, problem, null);
    }
  }

  private final HttpFetcher fetcher;
  private final ArticleExtractor extractor;
  private final ArticlePublisher publisher;
  private final SeenStore seen;
  private final IngestMetrics metrics;
  private final Clock clock;

  public ItemIngester(
      HttpFetcher fetcher,
      ArticleExtractor extractor,
      ArticlePublisher publisher,
      SeenStore seen,
      IngestMetrics metrics,
      Clock clock) {
    this.fetcher = fetcher;
    this.extractor = extractor;
    this.publisher = publisher;
    this.seen = seen;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * @throws ArticlePublisher.PublishException when Kafka did not take the article: the item stays
   *     unrecorded, so the next poll tries it again
   */
  public Outcome ingest(Feed feed, FeedItem item)
      throws ArticlePublisher.PublishException, InterruptedException {
    if (item.link() == null || !UrlCanonicalizer.isHttpUrl(item.link())) {
      return new Outcome(
          Result.FAILED,
          null,
          "item '" + ArticleCaps.preview(item.title()) + "' has no http(s) link");
    }
    String link = UrlCanonicalizer.canonicalize(item.link());
    if (!ArticleCaps.urlFits(link)) {
      // Cutting would name another page; the id is a hash of the URL, and the URL a keyword term.
      String problem =
          "item link longer than "
              + ArticleCaps.MAX_URL_CHARS
              + " characters ("
              + link.length()
              + "), refused: "
              + ArticleCaps.preview(link);
      LOG.info("feed {}: {}", feed.id(), problem);
      return new Outcome(Result.FAILED, null, problem);
    }
    String itemKey = itemKey(feed, item, link);
    String fingerprint = item.fingerprint();
    Optional<SeenStore.Seen> before = seen.byItem(itemKey);
    if (before.isPresent() && before.get().fingerprint().equals(fingerprint)) {
      seen.touch(
          itemKey); // still in its feed: kept past the store's retention for as long as it is
      // listed
      return new Outcome(Result.UNCHANGED, before.get().articleId(), null);
    }

    Instant fetchedAt = clock.instant();
    List<String> warnings = new ArrayList<>();
    ExtractedPage page = null;
    String pageUrl = link;
    long t0 = System.nanoTime();
    FetchResult fetched = fetcher.fetch(URI.create(link), Validators.NONE, ACCEPT_HTML);
    metrics.fetched(
        "page",
        Duration.ofNanos(System.nanoTime() - t0),
        fetched instanceof FetchResult.Ok ok ? ok.body().length : 0);
    byte[] html = null;
    String contentType = null;
    switch (fetched) {
      case FetchResult.Ok ok -> {
        if (ArticleCaps.urlFits(ok.finalUri().toString())) {
          pageUrl = ok.finalUri().toString();
        } else {
          warnings.add(
              "the page's address after redirects is over "
                  + ArticleCaps.MAX_URL_CHARS
                  + " characters; the feed's link stands in");
        }
        html = ok.body();
        contentType = ok.contentType();
      }
      case FetchResult.NotModified nm -> warnings.add("page answered 304 to an unconditional GET");
      case FetchResult.Failed f -> warnings.add("page not fetched (" + f.reason() + ")");
    }
    // The extractor falls back to the feed's description itself when the page gives too little.
    switch (extractor.extract(html, contentType, pageUrl, item.description())) {
      case ExtractionResult.Extracted e -> page = e.page();
      case ExtractionResult.TooShort t ->
          warnings.add("page text too short (" + t.reason() + "); used the feed's description");
      case ExtractionResult.Failed f ->
          warnings.add(
              (html == null ? "no page text" : "page could not be extracted (" + f.reason() + ")")
                  + "; used the feed's description");
    }

    String title = ArticleCaps.title(firstText(item.title(), page == null ? null : page.title()));
    String text;
    String method;
    if (page != null) {
      text = page.body();
      method = page.method() == null ? "page" : page.method();
      warnings.addAll(page.warnings());
    } else {
      // Too short for the extractor's fallback, but still the best text there is.
      text = item.description() == null ? "" : Jsoup.parse(item.description()).text();
      method = "feed-description";
    }
    String body = ArticleCaps.body(text, warnings);
    boolean fromPage = page != null && !"feed-description".equals(method);
    if (title.isEmpty() && body.isBlank()) {
      return new Outcome(
          Result.FAILED,
          null,
          "item " + link + ": neither the page nor the feed gave any text",
          false);
    }
    String canonical = link;
    if (fromPage
        && page.canonicalUrl() != null
        && UrlCanonicalizer.isHttpUrl(page.canonicalUrl())) {
      String pageCanonical =
          UrlCanonicalizer.canonicalize(
              page.canonicalUrl()); // rel=canonical / og:url beats the feed's link
      if (ArticleCaps.urlFits(pageCanonical)) {
        canonical = pageCanonical;
      } else {
        warnings.add(
            "the page's canonical URL is over "
                + ArticleCaps.MAX_URL_CHARS
                + " characters; the feed's link stands in");
      }
    }
    String articleId = Hashes.id(canonical);
    String contentHash = Hashes.sha256Hex(title + "\n" + body);
    Optional<String> published = seen.publishedHash(articleId);
    if (published.isPresent() && published.get().equals(contentHash)) {
      SeenStore.Seen record =
          new SeenStore.Seen(
              itemKey, articleId, fingerprint, contentHash, seen.storyOf(articleId).orElse(null));
      seen.record(
          record); // the feed changed its description but the article did not: remember, do not
      // re-publish
      return new Outcome(Result.UNCHANGED, articleId, null, fromPage);
    }

    String language =
        !"und".equals(feed.language())
            ? feed.language()
            : page != null && page.language() != null
                ? page.language()
                // No page, or a page too thin to tell: the title with the text, which a feed's
                // one-line description alone rarely settles.
                : LanguageDetector.detect(title + "\n" + body);
    Instant publishedAt =
        item.publishedAt() != null
            ? item.publishedAt()
            : page != null && page.publishedAt() != null ? page.publishedAt() : item.updatedAt();
    List<String> authors =
        ArticleCaps.names(
            page != null && !page.authors().isEmpty() ? page.authors() : item.authors());
    // Provisional: the story linker decides the story (an update keeps its own, known by article
    // id),
    // once for every instance; the id recorded here is what this instance last sent, no more.
    String storyId = seen.storyOf(articleId).orElse(null);
    Article article =
        new Article(
            Article.SCHEMA,
            articleId,
            pageUrl,
            canonical,
            feed.id(),
            ArticleCaps.source(feed.source()),
            title,
            body,
            authors,
            ArticleCaps.language(language),
            publishedAt,
            fetchedAt,
            storyId,
            contentHash,
            new Extraction(method, ArticleCaps.warnings(warnings)),
            page == null ? List.of() : ArticleCaps.names(page.keywords()),
            // Tagged once here, so the index, alerts and story linking all see the same places.
            PlaceResolver.bundled().placeIds(title, body));
    try {
      publisher.publish(article);
    } catch (ArticlePublisher.RefusedException e) {
      // This record, not Kafka, is the problem: the item fails and the feed's other items go on.
      LOG.warn("feed {}: {}", feed.id(), e.getMessage());
      return new Outcome(Result.FAILED, articleId, e.getMessage(), fromPage);
    }
    seen.record(new SeenStore.Seen(itemKey, articleId, fingerprint, contentHash, storyId));
    return new Outcome(
        published.isPresent() ? Result.UPDATED : Result.NEW, articleId, null, fromPage);
  }

  /**
   * Which item of which feed this is, across polls: its GUID within the feed when it has one (RSS
   * 2.0 §guid, Atom §4.2.6 id: stable even when the link gains or loses parameters), else its
   * canonical link. Two feeds listing one article are told apart here and joined by the article id
   * (the canonical URL) and content hash, which keep the second from being re-published.
   */
  static String itemKey(Feed feed, FeedItem item, String canonicalLink) {
    if (item.guid() != null && !item.guid().isBlank()) {
      return Hashes.id("guid", feed.id(), item.guid().strip());
    }
    return Hashes.id(canonicalLink);
  }

  private static String firstText(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a.strip();
    }
    return b == null ? "" : b.strip();
  }
}
