package org.newswatch.common.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One news article as it travels on {@code news.articles}. The id is a stable hash of the canonical
 * URL, so a re-fetched article with changed text keeps its id (an update, not a story).
 */
public record Article(
    int schema,
    String id,
    String url,
    String canonicalUrl,
    String feedId,
    String source,
    String title,
    String body,
    List<String> authors,
    String language,
    Instant publishedAt,
    Instant fetchedAt,
    String storyId,
    String contentHash,
    Extraction extraction,
    List<String> keywords,
    List<String> places) {

  public static final int SCHEMA = 1;

  public Article {
    requireText(id, "id");
    requireText(url, "url");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    if (schema < 1) {
      throw new IllegalArgumentException("schema must be 1 or more, was " + schema);
    }
    canonicalUrl = canonicalUrl == null ? url : canonicalUrl;
    title = title == null ? "" : title;
    body = body == null ? "" : body;
    authors = authors == null ? List.of() : List.copyOf(authors);
    language = language == null || language.isBlank() ? "und" : language;
    source = source == null ? "" : source;
    // Until stories are clustered, each article is its own story.
    storyId = storyId == null || storyId.isBlank() ? id : storyId;
    extraction = extraction == null ? Extraction.NONE : extraction;
    // The publisher's section and keywords (news_keywords, article:tag, JSON-LD keywords).
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    // Ids of the places the title and body name (org.newswatch.common.places), tagged at ingest.
    // Optional: records written before places existed have none and still read.
    places = places == null ? List.of() : List.copyOf(places);
  }

  /** An article not yet tagged with places. */
  public Article(
      int schema,
      String id,
      String url,
      String canonicalUrl,
      String feedId,
      String source,
      String title,
      String body,
      List<String> authors,
      String language,
      Instant publishedAt,
      Instant fetchedAt,
      String storyId,
      String contentHash,
      Extraction extraction,
      List<String> keywords) {
    this(
        schema,
        id,
        url,
        canonicalUrl,
        feedId,
        source,
        title,
        body,
        authors,
        language,
        publishedAt,
        fetchedAt,
        storyId,
        contentHash,
        extraction,
        keywords,
        List.of());
  }

  /** An article without keywords: most sources give none. */
  public Article(
      int schema,
      String id,
      String url,
      String canonicalUrl,
      String feedId,
      String source,
      String title,
      String body,
      List<String> authors,
      String language,
      Instant publishedAt,
      Instant fetchedAt,
      String storyId,
      String contentHash,
      Extraction extraction) {
    this(
        schema,
        id,
        url,
        canonicalUrl,
        feedId,
        source,
        title,
        body,
        authors,
        language,
        publishedAt,
        fetchedAt,
        storyId,
        contentHash,
        extraction,
        List.of(),
        List.of());
  }

  /** This article tagged with the given place ids. */
  public Article withPlaces(List<String> placeIds) {
    return new Article(
        schema,
        id,
        url,
        canonicalUrl,
        feedId,
        source,
        title,
        body,
        authors,
        language,
        publishedAt,
        fetchedAt,
        storyId,
        contentHash,
        extraction,
        keywords,
        placeIds);
  }

  /** This article in the given story (the story linker's decision). */
  public Article withStoryId(String story) {
    return new Article(
        schema,
        id,
        url,
        canonicalUrl,
        feedId,
        source,
        title,
        body,
        authors,
        language,
        publishedAt,
        fetchedAt,
        story,
        contentHash,
        extraction,
        keywords,
        places);
  }

  /** When the article was published, or when it was fetched if the publisher did not say. */
  public Instant effectiveTime() {
    return publishedAt != null ? publishedAt : fetchedAt;
  }

  static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
