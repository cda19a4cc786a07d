package org.newswatch.common.model;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An analyst's standing query, as kept on the compacted {@code news.subscriptions} topic.
 *
 * <p>{@code feedToken} opens this subscription's Atom feed and nothing else (feed readers put it in
 * the URL, so it must never be the analyst's API key); null for a subscription saved before feed
 * tokens, until its owner rotates one. Kept in clear on the topic like webhook secrets.
 *
 * <p>{@code alertEachMember} (default false): a subscription alerts once per story (one event,
 * whatever language reports it first), and later members of the story are listed under that alert;
 * with true, every member article of a story that matches raises an alert of its own.
 */
public record Subscription(
    int schema,
    String id,
    String owner,
    String name,
    String query,
    List<String> languages,
    List<String> sources,
    Schedule schedule,
    List<Channel> channels,
    Instant createdAt,
    String feedToken,
    boolean alertEachMember) {

  public static final int SCHEMA = 1;

  public Subscription {
    Article.requireText(id, "id");
    Article.requireText(owner, "owner");
    Article.requireText(query, "query");
    name = name == null || name.isBlank() ? id : name;
    languages =
        languages == null
            ? List.of()
            : languages.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
    sources = sources == null ? List.of() : List.copyOf(sources);
    schedule = schedule == null ? Schedule.immediate : schedule;
    channels = channels == null ? List.of() : List.copyOf(channels);
  }

  /** Alerting once per story. */
  public Subscription(
      int schema,
      String id,
      String owner,
      String name,
      String query,
      List<String> languages,
      List<String> sources,
      Schedule schedule,
      List<Channel> channels,
      Instant createdAt,
      String feedToken) {
    this(
        schema, id, owner, name, query, languages, sources, schedule, channels, createdAt,
        feedToken, false);
  }

  /** Without a feed token. */
  public Subscription(
      int schema,
      String id,
      String owner,
      String name,
      String query,
      List<String> languages,
      List<String> sources,
      Schedule schedule,
      List<Channel> channels,
      Instant createdAt) {
    this(schema, id, owner, name, query, languages, sources, schedule, channels, createdAt, null);
  }

  /** The same subscription with another feed token. */
  public Subscription withFeedToken(String token) {
    return new Subscription(
        schema,
        id,
        owner,
        name,
        query,
        languages,
        sources,
        schedule,
        channels,
        createdAt,
        token,
        alertEachMember);
  }

  /** When an alert is delivered: at once, or gathered into a digest. */
  public enum Schedule {
    immediate,
    hourly,
    daily
  }

  /** A delivery channel: {@code webhook} (url, secret), {@code email} (to) or {@code atom}. */
  public record Channel(String type, String url, String secret, String to) {
    public Channel {
      if (type == null || !List.of("webhook", "email", "atom").contains(type)) {
        throw new IllegalArgumentException(
            "channel type must be webhook, email or atom, was " + type);
      }
      if (type.equals("webhook") && (url == null || url.isBlank())) {
        throw new IllegalArgumentException("a webhook channel needs a url");
      }
      if (type.equals("email") && (to == null || !to.contains("@"))) {
        throw new IllegalArgumentException("an email channel needs a 'to' address");
      }
    }
  }
}
