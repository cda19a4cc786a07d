package org.newswatch.alert.feedback;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.newswatch.alert.emit.AlertStore;
import org.newswatch.common.model.Feedback;

/**
 * Every judgement read from {@code news.feedback} (latest per alert), indexed by subscription, and
 * the {@link Precision} of a subscription counted from them over the alerts the {@link AlertStore}
 * holds. Fed by {@link #apply} from the feedback table's listener; read by the API's threads.
 *
 * <p>Counting over the held alerts, not over every alert ever raised, keeps both sides of the
 * fraction in one window: a judgement of an alert the store has let go no longer counts, just as
 * that alert no longer does. The judgements themselves stay on the topic (and in this ledger):
 * human judgements are few, a few hundred bytes each.
 */
public final class FeedbackLedger {
  private final AlertStore store;
  private final Map<String, Feedback> byAlert = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> alertsBySubscription = new ConcurrentHashMap<>();

  public FeedbackLedger(AlertStore store) {
    this.store = store;
  }

  /** A change read from the topic: the alert's latest judgement, or null when it was removed. */
  public void apply(String alertId, Feedback feedback) {
    Feedback old = feedback == null ? byAlert.remove(alertId) : byAlert.put(alertId, feedback);
    if (old != null
        && (feedback == null || !old.subscriptionId().equals(feedback.subscriptionId()))) {
      alertsBySubscription.computeIfPresent(
          old.subscriptionId(), (k, ids) -> ids.remove(alertId) && ids.isEmpty() ? null : ids);
    }
    if (feedback != null) {
      alertsBySubscription
          .computeIfAbsent(feedback.subscriptionId(), k -> ConcurrentHashMap.newKeySet())
          .add(alertId);
    }
  }

  /** The latest judgement of an alert, if it has one. */
  public Optional<Feedback> of(String alertId) {
    return Optional.ofNullable(byAlert.get(alertId));
  }

  /** The subscription's precision over the alerts held now. */
  public Precision precision(String subscriptionId) {
    AlertStore.Held held = store.held(subscriptionId);
    int judged = 0;
    int notRelevant = 0;
    for (String alertId : alertsBySubscription.getOrDefault(subscriptionId, Set.of())) {
      Feedback f = byAlert.get(alertId);
      if (f != null && store.holds(alertId)) {
        judged++;
        if (f.judgement() == Feedback.Judgement.not_relevant) {
          notRelevant++;
        }
      }
    }
    return Precision.of(held.alerts(), judged, notRelevant, held.from());
  }
}
