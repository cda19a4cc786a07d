package org.newswatch.alert.deliver;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Optional;
import org.newswatch.common.config.Env;

/**
 * Where e-mail alerts are sent from: the SMTP server, the sender address and, optionally, the
 * credentials, read from the environment. Without {@code NEWSWATCH_SMTP_HOST} there is no e-mail
 * delivery and e-mail channels are refused when a subscription is saved.
 *
 * @param startTls whether STARTTLS is required before anything is sent (RFC 3207); on by default,
 *     since the password and the alerts would otherwise cross the network in clear
 */
public record SmtpSettings(
    String host, int port, String from, String user, String password, boolean startTls) {
  public static final String HOST = "NEWSWATCH_SMTP_HOST";
  public static final String PORT = "NEWSWATCH_SMTP_PORT";
  public static final String FROM = "NEWSWATCH_SMTP_FROM";
  public static final String USER = "NEWSWATCH_SMTP_USER";
  public static final String PASSWORD = "NEWSWATCH_SMTP_PASSWORD";
  public static final String STARTTLS = "NEWSWATCH_SMTP_STARTTLS";

  /** The submission port (RFC 6409), which is where an authenticated client with STARTTLS goes. */
  static final int DEFAULT_PORT = 587;

  public SmtpSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(HOST + " must name the SMTP server");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(PORT + " must be a port number 1-65535, was " + port);
    }
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException(
          FROM + " must be the sender address (e.g. alerts@example.org) when " + HOST + " is set");
    }
    try {
      new InternetAddress(from, true);
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          FROM + " is not an e-mail address: '" + from + "' (" + e.getMessage() + ")");
    }
    if ((user == null) != (password == null)) {
      throw new IllegalArgumentException(
          USER + " and " + PASSWORD + " are set together or not at all");
    }
  }

  /** The settings, or empty when {@code NEWSWATCH_SMTP_HOST} is unset (no e-mail delivery). */
  public static Optional<SmtpSettings> from(Env env) {
    String host = env.get(HOST);
    if (host == null) {
      for (String other : new String[] {PORT, FROM, USER, PASSWORD, STARTTLS}) {
        if (env.get(other) != null) {
          throw new IllegalArgumentException(
              other
                  + " is set but "
                  + HOST
                  + " is not: set "
                  + HOST
                  + " to deliver e-mail, or unset "
                  + other);
        }
      }
      return Optional.empty();
    }
    int port = env.port(PORT, DEFAULT_PORT);
    if (port == 0) {
      throw new IllegalArgumentException(PORT + " must be a port number 1-65535, was 0");
    }
    return Optional.of(
        new SmtpSettings(
            host, port, env.get(FROM), env.get(USER), env.get(PASSWORD), env.flag(STARTTLS, true)));
  }

  @Override
  public String toString() {
    // Never the password: settings end up in logs.
    return "SmtpSettings["
        + host
        + ":"
        + port
        + ", from "
        + from
        + (user == null ? "" : ", user " + user)
        + (startTls ? ", STARTTLS" : "")
        + "]";
  }
}
