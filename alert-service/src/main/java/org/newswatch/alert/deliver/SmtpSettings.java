package org.newswatch.alert.deliver;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Optional;
import org.newswatch.common.config.Setting;
import org.newswatch.common.config.Settings;

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
  public static final String HOST = Settings.SMTP_HOST.name();
  public static final String PORT = Settings.SMTP_PORT.name();
  public static final String FROM = Settings.SMTP_FROM.name();
  public static final String USER = Settings.SMTP_USER.name();
  public static final String PASSWORD = Settings.SMTP_PASSWORD.name();
  public static final String STARTTLS = Settings.SMTP_STARTTLS.name();

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
  public static Optional<SmtpSettings> from(Settings settings) {
    String host = settings.get(Settings.SMTP_HOST);
    if (host == null) {
      for (Setting<?> other :
          List.of(
              Settings.SMTP_PORT,
              Settings.SMTP_FROM,
              Settings.SMTP_USER,
              Settings.SMTP_PASSWORD,
              Settings.SMTP_STARTTLS)) {
        if (settings.fromEnvironment(other)) {
          throw new IllegalArgumentException(
              other.name()
                  + " is set but "
                  + HOST
                  + " is not: set "
                  + HOST
                  + " to deliver e-mail, or unset "
                  + other.name());
        }
      }
      return Optional.empty();
    }
    return Optional.of(
        new SmtpSettings(
            host,
            settings.get(Settings.SMTP_PORT),
            settings.get(Settings.SMTP_FROM),
            settings.get(Settings.SMTP_USER),
            settings.get(Settings.SMTP_PASSWORD),
            settings.get(Settings.SMTP_STARTTLS)));
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
