package org.newswatch.ingest.fetch;

import java.net.URI;
import java.time.Duration;

/** What one HTTP fetch gave: a body, "not modified", or a failure that says why. */
public sealed interface FetchResult {

  /** The URL the answer finally came from (after redirects). */
  URI finalUri();

  /** The HTTP status of the final answer, 0 when there was none. */
  int status();

  /**
   * The URL that permanent redirects (301, 308) lead to, when every hop of the chain was permanent:
   * the caller should use it from now on. Null otherwise.
   */
  URI movedTo();

  /** A 2xx answer with its (decoded, size-capped) body. */
  record Ok(
      URI finalUri, int status, String contentType, byte[] body, Validators validators, URI movedTo)
      implements FetchResult {}

  /** A 304 to a conditional request: nothing changed since the validators were given. */
  record NotModified(URI finalUri, Validators validators, URI movedTo) implements FetchResult {
    @Override
    public int status() {
      return 304;
    }
  }

  /**
   * No usable answer.
   *
   * @param retryAfter what the server asked for in {@code Retry-After} (429, 503), or null
   */
  record Failed(
      URI finalUri, int status, Kind kind, String reason, Duration retryAfter, URI movedTo)
      implements FetchResult {}

  /** Why a fetch failed, in buckets the poller treats differently. */
  enum Kind {
    /** The server answered with a status outside 2xx/304. */
    HTTP_STATUS,
    /** The host name does not resolve. */
    DNS,
    /** The address is internal and private feeds are not allowed. */
    REFUSED,
    /** Connect, read or total time ran out. */
    TIMEOUT,
    /** The body (or what it decompresses to) is larger than the cap. */
    TOO_LARGE,
    /** Redirects loop or go on too long, or lead somewhere unusable. */
    REDIRECT,
    /** Anything else on the wire: refused connection, reset, broken gzip. */
    NETWORK
  }
}
