package org.newswatch.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a cap and cancels the stream past it, so a huge or endless body
 * costs at most the cap. With {@code overflowFails} false, the body is simply cut (used to drop the
 * bodies of error answers without reading them).
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** Thrown (as the body's failure) when the body is larger than the cap. */
  static final class TooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long cap) {
      super("body larger than " + cap + " bytes");
    }
  }

  private final long cap;
  private final boolean overflowFails;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;

  CappedBody(long cap, boolean overflowFails) {
    this.cap = cap;
    this.overflowFails = overflowFails;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (cap == 0 && !overflowFails) {
      s.cancel();
      result.complete(new byte[0]);
      return;
    }
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : items) {
      int n = buffer.remaining();
      if (out.size() + (long) n > cap) {
        subscription.cancel();
        if (overflowFails) {
          result.completeExceptionally(new TooLargeException(cap));
        } else {
          byte[] part = new byte[(int) (cap - out.size())];
          buffer.get(part);
          out.writeBytes(part);
          result.complete(out.toByteArray());
        }
        return;
      }
      byte[] chunk = new byte[n];
      buffer.get(chunk);
      out.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(out.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  /** Stops reading (the total timeout ran out). */
  void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
