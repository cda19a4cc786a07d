package org.newswatch.alert;

import java.util.ArrayList;
import java.util.List;
import org.newswatch.alert.deliver.DeliveryLoop;
import org.newswatch.alert.emit.AlertEmitter;
import org.newswatch.common.web.HealthCheck;

/**
 * The alert-service's {@code /health}: a topic not read to its end yet, the article consumer not
 * assigned or lagging, and any loop or topic reader that stopped.
 */
final class AlertHealth implements HealthCheck {
  private final long maxLag;
  private final List<WholeTopic> topics;
  private final AlertEmitter emitter;
  private final DeliveryLoop delivery;

  AlertHealth(long maxLag, List<WholeTopic> topics, AlertEmitter emitter, DeliveryLoop delivery) {
    this.maxLag = maxLag;
    this.topics = List.copyOf(topics);
    this.emitter = emitter;
    this.delivery = delivery;
  }

  @Override
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (WholeTopic t : topics) {
      if (t.neededToBeReady() && !t.table().isCaughtUp()) {
        problems.add(t.what() + " not read yet from " + t.table().topic().name());
      }
    }
    if (!emitter.joined()) {
      problems.add("article consumer not assigned yet");
    } else {
      emitter.progress().problem(maxLag).ifPresent(problems::add);
    }
    emitter.failure().ifPresent(e -> problems.add("alert emitter stopped: " + e.getMessage()));
    problems.addAll(delivery.problems());
    for (WholeTopic t : topics) {
      t.table().failure().ifPresent(e -> problems.add("a topic reader stopped: " + e.getMessage()));
    }
    return problems;
  }
}
