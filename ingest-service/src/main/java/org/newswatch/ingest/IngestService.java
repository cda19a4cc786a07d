package org.newswatch.ingest;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.web.ServiceHttp;

/** The ingest-service: started by {@link IngestMain} alone or by the all-in-one; {@link #close()} stops it. */
public final class IngestService implements AutoCloseable {
  private final ServiceHttp http;

  private IngestService(ServiceHttp http) {
    this.http = http;
  }

  public static IngestService start(ServiceContext context, java.nio.file.Path feedsFile) {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServiceHttp http = ServiceHttp.builder("ingest-service").port(context.port()).meters(meters).start();
    return new IngestService(http);
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.close();
  }
}
