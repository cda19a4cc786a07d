package org.newswatch.alert.match;

import java.time.Instant;
import java.util.List;
import org.newswatch.common.model.Subscription;

/** The topics every installation has, owned by the admin and defined in readable resource files. */
public final class BuiltInTopics {
  /** The owner of built-in topics: the admin's principal id. */
  public static final String OWNER = "admin";

  public static final String BALOCHISTAN_BORDER_SECURITY = "balochistan-border-security";

  private static final List<String> RESOURCES =
      List.of("/org/newswatch/alert/topics/balochistan-border-security.txt");

  private BuiltInTopics() {}

  public static List<TopicFile> files() {
    return RESOURCES.stream().map(TopicFile::resource).toList();
  }

  /** The built-in topics as subscriptions, each query checked. */
  public static List<Subscription> subscriptions(Instant createdAt) {
    return files().stream()
        .map(
            f -> {
              SubscriptionQuery.parse(f.query());
              return new Subscription(
                  Subscription.SCHEMA,
                  f.id(),
                  OWNER,
                  f.name(),
                  f.query(),
                  f.languages(),
                  List.of(),
                  Subscription.Schedule.immediate,
                  List.of(),
                  createdAt);
            })
        .toList();
  }
}
