package org.newswatch.index;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.web.ServiceHttp;

/** The index-service: started by {@link IndexMain} alone or by the all-in-one; {@link #close()} stops it. */
public final class IndexService implements AutoCloseable {
  private final ServiceHttp http;

  private IndexService(ServiceHttp http) {
    this.http = http;
  }

  public static IndexService start(ServiceContext context) {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServiceHttp http = ServiceHttp.builder("index-service").port(context.port()).meters(meters).start();
    return new IndexService(http);
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.close();
  }
}
