package org.newswatch.common.kafka;

/**
 * The header names on {@code news.deadletter} records, one catalogue for every service, so that an
 * operator reads (and a replay tool parses) the same headers whoever wrote the dead letter. The
 * record itself keeps the original key and bytes.
 */
public final class DeadLetterHeaders {
  /** What was wrong, in words. */
  public static final String ERROR = "newswatch.error";

  /** The exception class behind the error, where there was one. */
  public static final String ERROR_CLASS = "newswatch.error.class";

  /** The service that wrote the dead letter. */
  public static final String SERVICE = "newswatch.service";

  /** Where the record came from, as three headers ({@link RecordOrigin} writes and reads them). */
  public static final String ORIGINAL_TOPIC = "newswatch.original.topic";

  public static final String ORIGINAL_PARTITION = "newswatch.original.partition";
  public static final String ORIGINAL_OFFSET = "newswatch.original.offset";

  /** For a failed delivery: the webhook URL or mail address it was going to. */
  public static final String DELIVERY_TARGET = "newswatch.delivery.target";

  private DeadLetterHeaders() {}
}
