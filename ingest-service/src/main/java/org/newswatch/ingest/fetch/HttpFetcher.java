package org.newswatch.ingest.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.newswatch.common.net.AddressGuard;

/**
 * The only class of ingest-service that talks HTTP: GETs a URL the way a good citizen of the web
 * does. It names itself and a contact URL in {@code User-Agent}; asks for gzip; sends the cache
 * validators it is given (RFC 9110 §13.1); follows redirects itself (RFC 9110 §15.4) so that every
 * hop passes the {@link AddressGuard} and loops stop; connects only to the addresses the guard
 * checked for that hop (its {@link AddressGuard.Pin} is held until the answer is in); caps the body
 * after decoding; and bounds the whole exchange in time. It never throws for what a server does:
 * every outcome is a {@link FetchResult}.
 */
public final class HttpFetcher implements AutoCloseable {
  static final String VERSION = "0.1";

  private final HttpClient client;
  private final AddressGuard guard;
  private final FetchLimits limits;
  private final String userAgent;
  private final HostGate gate;

  public HttpFetcher(AddressGuard guard, FetchLimits limits, String contactUrl) {
    this(guard, limits, contactUrl, HostGate.DEFAULT_POLICY);
  }

  /**
   * @param politeness the per-host policy; this fetcher keeps its own gate of it
   */
  public HttpFetcher(
      AddressGuard guard, FetchLimits limits, String contactUrl, HostGate politeness) {
    this.guard = guard;
    this.gate = politeness.fresh();
    this.limits = limits;
    this.userAgent = "Newswatch/" + VERSION + " (news monitoring; +" + contactUrl + ")";
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(limits.connectTimeout())
            // Redirects are followed by hand: each hop must pass the address guard.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public String userAgent() {
    return userAgent;
  }

  public FetchLimits limits() {
    return limits;
  }

  /**
   * GETs a URL.
   *
   * @param validators from the last answer for this URL, or {@link Validators#NONE}
   * @param accept the media types wanted, for the {@code Accept} header
   */
  public FetchResult fetch(URI uri, Validators validators, String accept) {
    // Set when the first request can start: waiting for the host's politeness slot is not the
    // server's time.
    long deadline = 0;
    URI current = uri;
    Set<URI> visited = new HashSet<>();
    visited.add(uri);
    boolean allPermanent = true;
    for (int hop = 0; ; hop++) {
      URI movedTo = hop > 0 && allPermanent ? current : null;
      AddressGuard.Pin pin;
      try {
        pin = guard.pin(current);
      } catch (UnknownHostException e) {
        return failed(
            current,
            0,
            FetchResult.Kind.DNS,
            "host name does not resolve: " + current.getHost(),
            movedTo);
      } catch (AddressGuard.RefusedException e) {
        return failed(current, 0, FetchResult.Kind.REFUSED, "refused: " + e.getMessage(), movedTo);
      }
      HttpResponse<byte[]> response;
      // The pin holds the checked addresses until the whole answer is in (DNS rebinding).
      try (pin) {
        try {
          gate.acquire(current.getHost());
          if (hop == 0) {
            deadline = System.nanoTime() + limits.totalTimeout().toNanos();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return failed(
              current, 0, FetchResult.Kind.NETWORK, "interrupted (service stopping)", movedTo);
        }
        try {
          response = send(request(current, validators, accept, deadline), deadline);
        } catch (TimeoutException | HttpTimeoutException e) {
          return failed(
              current,
              0,
              FetchResult.Kind.TIMEOUT,
              "no complete answer within " + limits.totalTimeout().toSeconds() + " s" + pin.where(),
              movedTo);
        } catch (CappedBody.TooLargeException e) {
          return failed(
              current, 200, FetchResult.Kind.TOO_LARGE, e.getMessage() + " (the cap)", movedTo);
        } catch (IOException e) {
          return failed(current, 0, FetchResult.Kind.NETWORK, describe(e) + pin.where(), movedTo);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return failed(
              current, 0, FetchResult.Kind.NETWORK, "interrupted (service stopping)", movedTo);
        } finally {
          gate.release(current.getHost());
        }
      }
      int status = response.statusCode();
      if (isRedirect(status)) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
          return failed(
              current,
              status,
              FetchResult.Kind.REDIRECT,
              "HTTP " + status + " without a Location",
              movedTo);
        }
        URI next;
        try {
          next = current.resolve(location.strip().replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
          return failed(
              current,
              status,
              FetchResult.Kind.REDIRECT,
              "redirect to an invalid URL: " + location,
              movedTo);
        }
        if (!"http".equalsIgnoreCase(next.getScheme())
            && !"https".equalsIgnoreCase(next.getScheme())) {
          return failed(
              current,
              status,
              FetchResult.Kind.REDIRECT,
              "redirect to a non-http URL: " + next,
              movedTo);
        }
        if (!visited.add(next)) {
          return failed(
              current, status, FetchResult.Kind.REDIRECT, "redirect loop back to " + next, movedTo);
        }
        if (hop >= limits.maxRedirects()) {
          return failed(
              current,
              status,
              FetchResult.Kind.REDIRECT,
              "more than " + limits.maxRedirects() + " redirects",
              movedTo);
        }
        allPermanent &= status == 301 || status == 308;
        current = next;
        continue;
      }
      Validators got =
          new Validators(
              response.headers().firstValue("ETag").orElse(null),
              response.headers().firstValue("Last-Modified").orElse(null));
      if (status == 304) {
        return new FetchResult.NotModified(current, got.isEmpty() ? validators : got, movedTo);
      }
      if (status / 100 != 2) {
        return new FetchResult.Failed(
            current,
            status,
            FetchResult.Kind.HTTP_STATUS,
            "HTTP " + status,
            retryAfter(response),
            movedTo);
      }
      byte[] body;
      try {
        body = decode(response);
      } catch (CappedBody.TooLargeException e) {
        return failed(
            current,
            status,
            FetchResult.Kind.TOO_LARGE,
            "gzip body decompresses to more than " + limits.maxBytes() + " bytes",
            movedTo);
      } catch (IOException e) {
        return failed(
            current, status, FetchResult.Kind.NETWORK, "broken gzip body: " + describe(e), movedTo);
      }
      String type = response.headers().firstValue("Content-Type").orElse(null);
      return new FetchResult.Ok(current, status, type, body, got, movedTo);
    }
  }

  /**
   * POSTs a form ({@code application/x-www-form-urlencoded}) without following redirects: the
   * subscription request of WebSub (§5.1). The address guard (with its pin) and per-host politeness
   * apply.
   */
  public FetchResult postForm(URI uri, java.util.Map<String, String> form) {
    AddressGuard.Pin pin;
    try {
      pin = guard.pin(uri);
    } catch (UnknownHostException e) {
      return failed(
          uri, 0, FetchResult.Kind.DNS, "host name does not resolve: " + uri.getHost(), null);
    } catch (AddressGuard.RefusedException e) {
      return failed(uri, 0, FetchResult.Kind.REFUSED, "refused: " + e.getMessage(), null);
    }
    try (pin) {
      return post(uri, form, pin);
    }
  }

  private FetchResult post(URI uri, java.util.Map<String, String> form, AddressGuard.Pin pin) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
                .append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(limits.totalTimeout())
            .header("User-Agent", userAgent)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      gate.acquire(uri.getHost());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(uri, 0, FetchResult.Kind.NETWORK, "interrupted (service stopping)", null);
    }
    try {
      HttpResponse<byte[]> r = send(request, System.nanoTime() + limits.totalTimeout().toNanos());
      if (r.statusCode() / 100 != 2) {
        return new FetchResult.Failed(
            uri,
            r.statusCode(),
            FetchResult.Kind.HTTP_STATUS,
            "HTTP " + r.statusCode(),
            retryAfter(r),
            null);
      }
      return new FetchResult.Ok(
          uri,
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(null),
          r.body(),
          Validators.NONE,
          null);
    } catch (TimeoutException | HttpTimeoutException e) {
      return failed(
          uri,
          0,
          FetchResult.Kind.TIMEOUT,
          "no answer within " + limits.totalTimeout().toSeconds() + " s" + pin.where(),
          null);
    } catch (CappedBody.TooLargeException e) {
      return failed(uri, 200, FetchResult.Kind.TOO_LARGE, e.getMessage(), null);
    } catch (IOException e) {
      return failed(uri, 0, FetchResult.Kind.NETWORK, describe(e) + pin.where(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(uri, 0, FetchResult.Kind.NETWORK, "interrupted (service stopping)", null);
    } finally {
      gate.release(uri.getHost());
    }
  }

  private HttpRequest request(URI uri, Validators validators, String accept, long deadline) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
            .header("User-Agent", userAgent)
            .header("Accept", accept)
            .header("Accept-Encoding", "gzip");
    if (validators.etag() != null) {
      b.header("If-None-Match", validators.etag());
    }
    if (validators.lastModified() != null) {
      b.header("If-Modified-Since", validators.lastModified());
    }
    return b.build();
  }

  /**
   * Sends and waits for the whole body, bounded by the deadline; a stall mid-body is cut off there.
   */
  private HttpResponse<byte[]> send(HttpRequest request, long deadline)
      throws IOException, InterruptedException, TimeoutException {
    AtomicReference<CappedBody> body = new AtomicReference<>();
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(
            request,
            info -> {
              // Only a 2xx body is read; the bodies of redirects and errors are dropped unread.
              CappedBody b =
                  info.statusCode() / 100 == 2
                      ? new CappedBody(limits.maxBytes(), true)
                      : new CappedBody(0, false);
              body.set(b);
              return b;
            });
    try {
      return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      CappedBody b = body.get();
      if (b != null) {
        b.cancel();
      }
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof java.util.concurrent.CompletionException
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof CappedBody.TooLargeException tooLarge) {
        throw tooLarge;
      }
      if (cause instanceof IOException io) {
        // The JDK wraps the body subscriber's failure in an IOException.
        if (io.getCause() instanceof CappedBody.TooLargeException tooLarge) {
          throw tooLarge;
        }
        throw io;
      }
      throw new IOException(cause == null ? "request failed" : cause.toString(), cause);
    }
  }

  private byte[] decode(HttpResponse<byte[]> response) throws IOException {
    String encoding =
        response
            .headers()
            .firstValue("Content-Encoding")
            .orElse("")
            .toLowerCase(Locale.ROOT)
            .strip();
    if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
      return response.body();
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      // One byte over the cap tells "too large" from "exactly the cap".
      byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
      if (out.length > limits.maxBytes()) {
        throw new CappedBody.TooLargeException(limits.maxBytes());
      }
      return out;
    } catch (ZipException e) {
      throw new IOException("not gzip: " + e.getMessage(), e);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * {@code Retry-After} as seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or
   * unreadable.
   */
  static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(HttpFetcher::parseRetryAfter)
        .orElse(null);
  }

  static Duration parseRetryAfter(String value) {
    String v = value.strip();
    if (v.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(Instant.now(), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static FetchResult.Failed failed(
      URI uri, int status, FetchResult.Kind kind, String reason, URI movedTo) {
    return new FetchResult.Failed(uri, status, kind, reason, null, movedTo);
  }

  private static String describe(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  @Override
  public void close() {
    client.close();
  }
}
