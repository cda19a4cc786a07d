package org.newswatch.alert;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.web.ServiceHttp;

/** The alert-service: started by {@link AlertMain} alone or by the all-in-one; {@link #close()} stops it. */
public final class AlertService implements AutoCloseable {
  private final ServiceHttp http;

  private AlertService(ServiceHttp http) {
    this.http = http;
  }

  public static AlertService start(ServiceContext context) {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServiceHttp http = ServiceHttp.builder("alert-service").port(context.port()).meters(meters).start();
    return new AlertService(http);
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.close();
  }
}
