package org.newswatch.alert.deliver;

import java.util.List;

/**
 * The outcome of sending one delivery on any channel: every attempt's result, and whether one
 * succeeded.
 */
record SendResult(boolean delivered, List<String> attempts) {
  public String lastError() {
    return attempts.isEmpty() ? "" : attempts.get(attempts.size() - 1);
  }
}
