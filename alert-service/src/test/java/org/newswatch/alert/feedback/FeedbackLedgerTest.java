package org.newswatch.alert.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newswatch.alert.emit.AlertStore;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Feedback;
import org.newswatch.common.model.Feedback.Judgement;

/** Precision = (alerts − not relevant) / alerts, over the alerts the store holds. */
class FeedbackLedgerTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  private final AlertStore store =
      new AlertStore(
          new AlertStore.Limits(5, Duration.ofDays(90), 100), Clock.fixed(NOW, ZoneOffset.UTC));
  private final FeedbackLedger ledger = new FeedbackLedger(store);

  private void alert(String id, String subscription, int minutesAgo) {
    store.add(
        new Alert(
            Alert.SCHEMA,
            id,
            subscription,
            "an-1",
            "art-" + id,
            "story-" + id,
            "https://news.example/" + id,
            id,
            "voa",
            "en",
            null,
            List.of(),
            "",
            NOW.minusSeconds(60L * minutesAgo)));
  }

  private void judge(String alertId, String subscription, Judgement judgement) {
    ledger.apply(
        alertId,
        new Feedback(Feedback.SCHEMA, alertId, subscription, "an-1", judgement, null, NOW));
  }

  @Test
  void precisionIsTheShareOfAlertsNotJudgedNotRelevantWithItsCounts() {
    alert("a1", "sub", 9);
    alert("a2", "sub", 8);
    alert("a3", "sub", 20); // read last, created first (alerts come from several partitions)
    alert("b1", "other", 1);
    judge("a1", "sub", Judgement.not_relevant);
    judge("a2", "sub", Judgement.relevant);
    judge("b1", "other", Judgement.not_relevant);

    assertEquals(
        new Precision(0.6667, 3, 2, 1, NOW.minusSeconds(20 * 60)), ledger.precision("sub"));
    assertEquals(new Precision(0.0, 1, 1, 1, NOW.minusSeconds(60)), ledger.precision("other"));
  }

  @Test
  void theLatestJudgementOfAnAlertWins() {
    alert("a1", "sub", 1);
    alert("a2", "sub", 1);
    judge("a1", "sub", Judgement.not_relevant);
    judge("a1", "sub", Judgement.not_relevant);
    assertEquals(0.5, ledger.precision("sub").value());
    judge("a1", "sub", Judgement.relevant);
    assertEquals(new Precision(1.0, 2, 1, 0, NOW.minusSeconds(60)), ledger.precision("sub"));
    // A tombstone on the topic removes the judgement.
    ledger.apply("a1", null);
    assertEquals(new Precision(1.0, 2, 0, 0, NOW.minusSeconds(60)), ledger.precision("sub"));
  }

  @Test
  void judgementsOfAlertsTheStoreLetGoNoLongerCountNorDoThoseAlerts() {
    // The store holds 5: a1 and a2 are let go (ids kept) when a6 and a7 arrive.
    for (int i = 1; i <= 7; i++) {
      alert("a" + i, "sub", 100 - i);
    }
    judge("a1", "sub", Judgement.not_relevant);
    judge("a2", "sub", Judgement.not_relevant);
    judge("a7", "sub", Judgement.not_relevant);
    judge("never-held", "sub", Judgement.not_relevant);

    Precision p = ledger.precision("sub");
    assertEquals(
        new Precision(0.8, 5, 1, 1, NOW.minusSeconds(60L * 97)),
        p,
        "window a3..a7: one of five judged not relevant");
  }

  @Test
  void aSubscriptionWithoutAlertsHasNoPrecisionValue() {
    judge("gone", "quiet", Judgement.not_relevant);
    Precision p = ledger.precision("quiet");
    assertEquals(0, p.alerts());
    assertEquals(0, p.judged());
    assertNull(p.value());
    assertNull(p.from());
  }
}
