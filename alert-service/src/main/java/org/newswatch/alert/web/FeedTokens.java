package org.newswatch.alert.web;

import org.newswatch.common.config.AdminKey;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.web.ServiceHttp;

/**
 * Feed tokens: each subscription's own credential for its Atom feed, so that the URL a feed reader
 * keeps (and logs, and shares) opens that one feed and nothing else, and can be replaced without
 * touching the analyst's API key.
 */
final class FeedTokens {
  /**
   * Feed tokens start so, API keys with {@code nwk_} (analysts) or {@code nwa_} (a generated admin
   * key).
   */
  static final String PREFIX = "nwf_";

  private FeedTokens() {}

  static String newToken() {
    return AdminKey.newKey(PREFIX);
  }

  /**
   * True when {@code token} is the subscription's current feed token (compared in constant time).
   */
  static boolean opens(Subscription s, String token) {
    return s.feedToken() != null && token != null && ServiceHttp.sameKey(token, s.feedToken());
  }

  /** The feed's path with its token, as a feed reader is given it. */
  static String feedPath(Subscription s) {
    return "/api/subscriptions/" + s.id() + "/alerts.atom?token=" + s.feedToken();
  }
}
