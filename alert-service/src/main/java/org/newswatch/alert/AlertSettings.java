package org.newswatch.alert;

import java.net.URI;
import java.util.Optional;
import org.newswatch.alert.deliver.DeliverySettings;
import org.newswatch.alert.deliver.SmtpSettings;
import org.newswatch.alert.web.AnalystLimits;
import org.newswatch.common.config.Env;

/**
 * The alert-service's own settings beyond the shared {@link
 * org.newswatch.common.config.ServiceContext}: the SMTP server for e-mail alerts (none: e-mail
 * channels are refused), index-service's address, which the subscription preview reads recent
 * articles from, the bounds of alert delivery and the per-analyst limits.
 */
public record AlertSettings(
    Optional<SmtpSettings> smtp, URI indexUrl, DeliverySettings delivery, AnalystLimits limits) {
  public static final String INDEX_URL = "NEWSWATCH_INDEX_URL";
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

  /** Read and checked at start: an error names the variable and what it accepts. */
  public static AlertSettings from(Env env) {
    return new AlertSettings(
        SmtpSettings.from(env),
        indexUrl(env),
        DeliverySettings.defaults(),
        AnalystLimits.from(env));
  }

  private static URI indexUrl(Env env) {
    String v = env.get(INDEX_URL);
    if (v == null) {
      return DEFAULT_INDEX_URL;
    }
    try {
      URI u = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
      if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
        throw new IllegalArgumentException("not an http(s) URL with a host");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          INDEX_URL
              + " must be index-service's base URL like http://localhost:8082, was '"
              + v
              + "'");
    }
  }
}
