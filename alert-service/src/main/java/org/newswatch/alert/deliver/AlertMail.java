package org.newswatch.alert.deliver;

import java.util.Locale;
import org.newswatch.common.model.Alert;

/**
 * The e-mail text of an alert or a digest: plain text, the article's title, link and the words that
 * matched.
 */
final class AlertMail {
  /**
   * Subjects longer than this are cut: mail clients show a line, and RFC 5322 advises 78
   * characters.
   */
  private static final int SUBJECT_MAX = 150;

  private AlertMail() {}

  static EmailSender.Mail of(Alert a, String subscriptionName) {
    String subject = cut("[Newswatch] " + subscriptionName + ": " + nullToEmpty(a.title()));
    StringBuilder text = new StringBuilder();
    text.append("Subscription: ").append(subscriptionName).append("\n\n");
    describe(text, a);
    text.append("\nAlert ").append(a.id()).append('\n');
    return new EmailSender.Mail(subject, text.toString());
  }

  static EmailSender.Mail of(DigestScheduler.Digest d) {
    String period = d.schedule().name().toLowerCase(Locale.ROOT);
    String subject =
        cut(
            "[Newswatch] "
                + period
                + " digest of "
                + d.name()
                + ": "
                + d.alerts().size()
                + " alert"
                + (d.alerts().size() == 1 ? "" : "s"));
    StringBuilder text = new StringBuilder();
    text.append(d.name())
        .append(", ")
        .append(d.from())
        .append(" to ")
        .append(d.to())
        .append(" (UTC)\n");
    int n = 1;
    for (Alert a : d.alerts()) {
      text.append("\n").append(n++).append(". ");
      describe(text, a);
    }
    text.append("\nDigest ").append(d.id()).append('\n');
    return new EmailSender.Mail(subject, text.toString());
  }

  private static void describe(StringBuilder text, Alert a) {
    text.append(nullToEmpty(a.title())).append('\n');
    if (a.url() != null) {
      text.append(a.url()).append('\n');
    }
    text.append(nullToEmpty(a.source()));
    if (a.language() != null) {
      text.append(" · ").append(a.language());
    }
    if (a.publishedAt() != null) {
      text.append(" · ").append(a.publishedAt());
    }
    text.append('\n');
    if (!a.matched().isEmpty()) {
      text.append("Matched: ").append(String.join(", ", a.matched())).append('\n');
    }
    if (a.explanation() != null && !a.explanation().summary().isEmpty()) {
      text.append("Why: ").append(a.explanation().summary()).append('\n');
    }
    if (a.snippet() != null && !a.snippet().isBlank()) {
      text.append(a.snippet().strip()).append('\n');
    }
  }

  private static String cut(String s) {
    String oneLine = s.replaceAll("[\\r\\n]+", " ");
    return oneLine.length() <= SUBJECT_MAX ? oneLine : oneLine.substring(0, SUBJECT_MAX - 1) + "…";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
