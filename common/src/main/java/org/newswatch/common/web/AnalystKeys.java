package org.newswatch.common.web;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.newswatch.common.Hashes;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.model.Analyst;

/**
 * Checks Bearer keys against the admin key and the analysts on {@code news.analysts}. Only key
 * hashes are held: the lookup is by SHA-256 of the presented key, so no comparison leaks, through
 * its timing, how much of a stored key a guess got right.
 */
public final class AnalystKeys implements KeyChecker {
  private final String adminKey;
  private final Map<String, Analyst> byHash = new ConcurrentHashMap<>();

  public AnalystKeys(String adminKey, TopicTable<Analyst> analysts) {
    this.adminKey = adminKey;
    analysts.onChange(this::changed);
    analysts.snapshot().forEach(this::changed);
  }

  /** A change read from the topic: the analyst's key as it is now (null: removed). */
  void changed(String id, Analyst analyst) {
    if (analyst == null) {
      byHash.values().removeIf(a -> a.id().equals(id));
    } else {
      remember(analyst);
    }
  }

  /**
   * Records an analyst at once (the service that created it need not wait for the topic). The
   * current key is put before any older key of the same analyst is dropped: a request never finds a
   * valid key missing while its record is read again, and a reissued key ends the old one now.
   */
  public void remember(Analyst analyst) {
    String current = analyst.revoked() ? null : analyst.keyHash();
    if (current != null) {
      byHash.put(current, analyst);
    }
    byHash
        .entrySet()
        .removeIf(e -> e.getValue().id().equals(analyst.id()) && !e.getKey().equals(current));
  }

  @Override
  public Optional<Principal> check(String key) {
    if (ServiceHttp.sameKey(key, adminKey)) {
      return Optional.of(Principal.ADMIN);
    }
    Analyst a = byHash.get(Hashes.sha256Hex(key));
    return a == null ? Optional.empty() : Optional.of(new Principal(a.id(), a.name(), false));
  }
}
