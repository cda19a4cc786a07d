package org.newswatch.alert.deliver;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Delivers one message (an alert or a digest) to one e-mail channel over SMTP with Angus Mail,
 * retried with the same backoff as webhooks on connection errors and transient (4xx) replies; a
 * permanent reply (5xx, RFC 5321 section 4.2.1) or a malformed address is final.
 *
 * <p>Every attempt carries the same {@code Message-ID} ({@code <delivery id@newswatch>}) and a
 * {@code Newswatch-Delivery} header: a repeat after a restart is the same message, which mail
 * clients and receivers can drop.
 */
public final class EmailSender {
  public static final String DELIVERY_HEADER = "Newswatch-Delivery";

  /**
   * One attempt's whole SMTP conversation, at most: a server that answers each line just inside the
   * read timeout cannot hold an attempt (and its delivery thread) for longer.
   */
  static final Duration ATTEMPT_LIMIT = Duration.ofSeconds(60);

  private final SmtpSettings settings;
  private final Properties properties;
  private final Duration attemptLimit;
  private final Session session;
  private final Backoff backoff;
  private final Pause pause;
  private final Clock clock;

  /** Waits between attempts; tests replace it to act at a retry instead of guessing a time. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration d) throws InterruptedException;
  }

  /** A message: subject and plain-text body. */
  public record Mail(String subject, String text) {}

  public EmailSender(SmtpSettings settings, Backoff backoff, Clock clock) {
    this(settings, backoff, clock, d -> Thread.sleep(d.toMillis()));
  }

  public EmailSender(SmtpSettings settings, Backoff backoff, Clock clock, Pause pause) {
    this(settings, backoff, clock, pause, ATTEMPT_LIMIT);
  }

  /**
   * @param attemptLimit one attempt's whole SMTP conversation, at most (tests shorten it)
   */
  EmailSender(
      SmtpSettings settings, Backoff backoff, Clock clock, Pause pause, Duration attemptLimit) {
    this.attemptLimit = attemptLimit;
    this.settings = settings;
    this.backoff = backoff;
    this.clock = clock;
    this.pause = pause;
    Properties p = new Properties();
    p.put("mail.smtp.host", settings.host());
    p.put("mail.smtp.port", Integer.toString(settings.port()));
    // Bounded waits (ms) for each step; the whole attempt is bounded by attemptLimit.
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "20000");
    p.put("mail.smtp.writetimeout", "20000");
    p.put("mail.smtp.from", settings.from());
    if (settings.startTls()) {
      // Required, not merely tried: never fall back to clear text when the server does not offer
      // it.
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
      p.put("mail.smtp.ssl.checkserveridentity", "true");
    }
    if (settings.user() != null) {
      p.put("mail.smtp.auth", "true");
    }
    this.properties = p;
    this.session = Session.getInstance(p);
  }

  /** Refuses an address the sender could never deliver to: checked when a subscription is saved. */
  public static void checkAddress(String to) {
    try {
      new InternetAddress(to, true);
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "e-mail address '" + to + "' is not valid: " + e.getMessage());
    }
  }

  public SendResult send(String deliveryId, Mail mail, String to) throws InterruptedException {
    List<String> attempts = new ArrayList<>();
    MimeMessage message;
    try {
      message = message(deliveryId, mail, to);
    } catch (MessagingException e) {
      attempts.add("refused: " + e.getMessage());
      return new SendResult(false, attempts);
    }
    for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
      if (attempt > 1) {
        pause.pause(backoff.before(attempt));
      }
      Attempt a = attempt(message);
      attempts.add(a.description());
      if (a.outcome() != Attempt.Outcome.RETRY) {
        return new SendResult(a.outcome() == Attempt.Outcome.DELIVERED, attempts);
      }
    }
    return new SendResult(false, attempts);
  }

  /**
   * One attempt, blocking for at most the connect timeout plus the read and write timeouts of each
   * step of the SMTP conversation: the delivery loop runs it on threads of its own for e-mail.
   */
  Attempt attempt(MimeMessage message) {
    // A session of its own per attempt, whose sockets a timer closes at the attempt's limit.
    SmtpSockets sockets = new SmtpSockets();
    Properties p = new Properties();
    p.putAll(properties);
    p.put("mail.smtp.socketFactory", sockets);
    // Never a plain socket of Angus's own instead (it would escape the deadline).
    p.put("mail.smtp.socketFactory.fallback", "false");
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(attemptLimit.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              if (!done.isDone()) {
                sockets.expire();
              }
            });
    Transport t = null;
    try {
      t = Session.getInstance(p).getTransport("smtp");
      t.connect(settings.host(), settings.port(), settings.user(), settings.password());
      t.sendMessage(message, message.getAllRecipients());
      // Accepted: a failing QUIT after this must not make it a failure (and a repeat).
      closeQuietly(t);
      return Attempt.delivered("SMTP accepted");
    } catch (MessagingException e) {
      closeQuietly(t);
      if (sockets.expired()) {
        return Attempt.retry(
            "no complete SMTP exchange within "
                + attemptLimit.toSeconds()
                + " s; connection closed ("
                + describe(e)
                + ")");
      }
      return permanent(e) ? Attempt.refused(describe(e)) : Attempt.retry(describe(e));
    } finally {
      done.complete(null);
    }
  }

  private static void closeQuietly(Transport t) {
    try {
      if (t != null) {
        t.close();
      }
    } catch (MessagingException e) {
      // The connection is done with either way.
    }
  }

  Backoff backoff() {
    return backoff;
  }

  /**
   * The SMTP server's host, which names the e-mail queue in {@code /health} (never a user or
   * password).
   */
  String server() {
    return settings.host();
  }

  /** The message as every attempt sends it (same Message-ID each time). */
  MimeMessage message(String deliveryId, Mail mail, String to) throws MessagingException {
    String messageId = "<" + deliveryId + "@newswatch>";
    MimeMessage m =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            // The delivery id, not a fresh random one: the same alert is the same message.
            setHeader("Message-ID", messageId);
          }
        };
    m.setFrom(new InternetAddress(settings.from(), true));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
    m.setText(mail.text(), StandardCharsets.UTF_8.name());
    m.setSentDate(Date.from(clock.instant()));
    m.setHeader(DELIVERY_HEADER, deliveryId);
    m.saveChanges();
    return m;
  }

  /**
   * A 5xx reply to the message or a recipient: the server refuses it, asking again will not help.
   */
  private static boolean permanent(MessagingException e) {
    for (Throwable t = e;
        t != null;
        t = t instanceof MessagingException me ? me.getNextException() : t.getCause()) {
      if (t instanceof SMTPSendFailedException f && f.getReturnCode() >= 500) {
        return true;
      }
      if (t instanceof SMTPAddressFailedException f && f.getReturnCode() >= 500) {
        return true;
      }
      if (t instanceof jakarta.mail.AuthenticationFailedException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(MessagingException e) {
    Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    return cause == null
        ? text
        : text + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
  }
}
