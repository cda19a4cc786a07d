package org.newswatch.common.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event as Newswatch knows it, as kept on the compacted {@code news.stories} topic under its
 * id: the articles that report it (each with its language and outlet), the languages and places
 * they share, and when it was first and last seen. Written by ingest's story linker in the same
 * transaction as the articles it joins, so the topic always agrees with {@code news.articles}.
 *
 * @param members the members, oldest first, at most {@value #MAX_MEMBERS} (the newest kept)
 * @param memberCount every member the linker counted, listed or not
 * @param languages the members' languages, sorted
 * @param places the ids of the places the members name (org.newswatch.common.places), sorted
 * @param firstSeen when Newswatch fetched the story's first member
 * @param lastSeen when it fetched the latest member (or update of one)
 */
public record Story(
    int schema,
    String id,
    List<Member> members,
    int memberCount,
    List<String> languages,
    List<String> places,
    Instant firstSeen,
    Instant lastSeen) {

  public static final int SCHEMA = 1;

  /** A story reported by hundreds of outlets is listed by its latest 200: a record stays small. */
  public static final int MAX_MEMBERS = 200;

  /**
   * One article of a story, as a reader of the story needs it (the article itself is on
   * news.articles).
   */
  public record Member(
      String articleId,
      String language,
      String source,
      String title,
      String url,
      Instant publishedAt,
      Instant fetchedAt) {
    public Member {
      Article.requireText(articleId, "members[].articleId");
      language = language == null || language.isBlank() ? "und" : language;
      source = source == null ? "" : source;
      title = title == null ? "" : title;
      url = url == null ? "" : url;
    }

    public static Member of(Article a) {
      return new Member(
          a.id(), a.language(), a.source(), a.title(), a.url(), a.publishedAt(), a.fetchedAt());
    }
  }

  public Story {
    Article.requireText(id, "id");
    if (schema < 1) {
      throw new IllegalArgumentException("schema must be 1 or more, was " + schema);
    }
    members = members == null ? List.of() : List.copyOf(members);
    if (members.size() > MAX_MEMBERS) {
      throw new IllegalArgumentException(
          "a story lists at most " + MAX_MEMBERS + " members, had " + members.size());
    }
    memberCount = Math.max(memberCount, members.size());
    languages = languages == null ? List.of() : List.copyOf(languages);
    places = places == null ? List.of() : List.copyOf(places);
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }
}
