package org.newswatch.alert;

import java.net.URI;
import java.util.Optional;
import org.newswatch.alert.deliver.DeliverySettings;
import org.newswatch.alert.deliver.SmtpSettings;
import org.newswatch.alert.web.AnalystLimits;
import org.newswatch.common.config.Settings;

/**
 * The alert-service's own settings beyond the shared {@link
 * org.newswatch.common.config.ServiceContext}: the SMTP server for e-mail alerts (none: e-mail
 * channels are refused), index-service's address, which the subscription preview reads recent
 * articles from, the bounds of alert delivery and the per-analyst limits.
 */
public record AlertSettings(
    Optional<SmtpSettings> smtp, URI indexUrl, DeliverySettings delivery, AnalystLimits limits) {
  public static final String INDEX_URL = Settings.INDEX_URL.name();
  public static final URI DEFAULT_INDEX_URL = URI.create("http://localhost:8082");

  public AlertSettings {
    smtp = smtp == null ? Optional.empty() : smtp;
    indexUrl = indexUrl == null ? DEFAULT_INDEX_URL : indexUrl;
    delivery = delivery == null ? DeliverySettings.defaults() : delivery;
    limits = limits == null ? AnalystLimits.DEFAULTS : limits;
  }

  /** With the default delivery bounds and limits. */
  public AlertSettings(Optional<SmtpSettings> smtp, URI indexUrl) {
    this(smtp, indexUrl, null, null);
  }

  /** No e-mail, index-service on its default local port. */
  public static AlertSettings defaults() {
    return new AlertSettings(Optional.empty(), DEFAULT_INDEX_URL);
  }

  /**
   * Read and checked at start: an error names the variable and what it accepts. Unless {@code
   * NEWSWATCH_INDEX_URL} is set, the preview reads index-service on this machine at {@code
   * NEWSWATCH_INDEX_PORT}.
   */
  public static AlertSettings from(Settings settings) {
    return from(settings, settings.get(Settings.INDEX_PORT));
  }

  /**
   * As {@link #from(Settings)}, with index-service on this machine at {@code indexPort} unless
   * {@code NEWSWATCH_INDEX_URL} says otherwise (the all-in-one, whose index port is known only once
   * it listens).
   */
  public static AlertSettings from(Settings settings, int indexPort) {
    URI indexUrl = settings.get(Settings.INDEX_URL);
    if (indexUrl == null && indexPort > 0) {
      indexUrl = URI.create("http://localhost:" + indexPort);
    }
    return new AlertSettings(
        SmtpSettings.from(settings),
        indexUrl,
        DeliverySettings.defaults(),
        AnalystLimits.from(settings));
  }
}
