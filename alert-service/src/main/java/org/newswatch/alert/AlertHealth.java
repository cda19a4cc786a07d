package org.newswatch.alert;

import java.util.ArrayList;
import java.util.List;
import org.newswatch.alert.deliver.DeliveryLoop;
import org.newswatch.alert.emit.AlertEmitter;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Analyst;
import org.newswatch.common.model.Feedback;
import org.newswatch.common.model.Story;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.web.HealthCheck;

/**
 * The alert-service's {@code /health}: a topic not read to its end yet, the article consumer not
 * assigned or lagging, and any loop or topic reader that stopped.
 */
final class AlertHealth implements HealthCheck {
  private final Topics topics;
  private final long maxLag;
  private final TopicTable<Analyst> analysts;
  private final TopicTable<Subscription> subscriptions;
  private final TopicTable<Alert> alertLog;
  private final TopicTable<Feedback> feedback;
  private final TopicTable<Story> storyLog;
  private final AlertEmitter emitter;
  private final DeliveryLoop delivery;

  AlertHealth(
      Topics topics,
      long maxLag,
      TopicTable<Analyst> analysts,
      TopicTable<Subscription> subscriptions,
      TopicTable<Alert> alertLog,
      TopicTable<Feedback> feedback,
      TopicTable<Story> storyLog,
      AlertEmitter emitter,
      DeliveryLoop delivery) {
    this.topics = topics;
    this.maxLag = maxLag;
    this.analysts = analysts;
    this.subscriptions = subscriptions;
    this.alertLog = alertLog;
    this.feedback = feedback;
    this.storyLog = storyLog;
    this.emitter = emitter;
    this.delivery = delivery;
  }

  @Override
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!analysts.isCaughtUp()) {
      problems.add("analysts not read yet from " + topics.analysts().name());
    }
    if (!subscriptions.isCaughtUp()) {
      problems.add("subscriptions not read yet from " + topics.subscriptions().name());
    }
    if (!alertLog.isCaughtUp()) {
      problems.add("past alerts not read yet from " + topics.alerts().name());
    }
    if (!feedback.isCaughtUp()) {
      problems.add("feedback not read yet from " + topics.feedback().name());
    }
    if (!emitter.joined()) {
      problems.add("article consumer not assigned yet");
    } else {
      emitter.progress().problem(maxLag).ifPresent(problems::add);
    }
    emitter.failure().ifPresent(e -> problems.add("alert emitter stopped: " + e.getMessage()));
    problems.addAll(delivery.problems());
    for (TopicTable<?> t : List.of(analysts, subscriptions, alertLog, feedback, storyLog)) {
      t.failure().ifPresent(e -> problems.add("a topic reader stopped: " + e.getMessage()));
    }
    return problems;
  }
}
