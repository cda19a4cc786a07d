package org.newswatch.common.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

class ServiceMainTest {
  @Test
  void describesAStartFailureOnOneLineWithItsCauses() {
    Exception e =
        new IllegalStateException(
            "the embedded Kafka broker did not start: Address already in use",
            new UncheckedIOException("cannot bind", new BindException("Address already in use")));
    assertEquals(
        "the embedded Kafka broker did not start: Address already in use: cannot bind",
        ServiceMain.describe(e));
  }

  @Test
  void namesAnExceptionWithoutMessageByItsType() {
    assertEquals("NullPointerException", ServiceMain.describe(new NullPointerException()));
  }
}
