package org.newswatch.common.web;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.newswatch.common.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP scaffold every service shares: {@code /health}, {@code /metrics}, {@code
 * /api/openapi.json}, Bearer keys on {@code /api/}, and errors as RFC 7807 {@code
 * application/problem+json}. A service adds its own routes and starts it.
 */
public final class ServiceHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceHttp.class);
  private static final String PRINCIPAL = "newswatch.principal";

  private final Javalin javalin;

  private ServiceHttp(Javalin javalin) {
    this.javalin = javalin;
  }

  /** The caller of an {@code /api/} route, checked by the scaffold before the handler runs. */
  public static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL);
    if (p == null) {
      throw new ProblemException(
          401, "Unauthorized", "this call needs Authorization: Bearer <key>");
    }
    return p;
  }

  /** Fails with 403 unless the caller is the admin. */
  public static Principal requireAdmin(Context ctx) {
    Principal p = principal(ctx);
    if (!p.admin()) {
      throw ProblemException.forbidden("only the admin key may do this");
    }
    return p;
  }

  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
  }

  public static Builder builder(String service) {
    return new Builder(service);
  }

  /** Compares two keys in time that does not depend on where they differ. */
  public static boolean sameKey(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Settings of a service's HTTP side; {@link #start()} binds the port. */
  public static final class Builder {
    private final String service;
    private String host = "0.0.0.0";
    private int port;
    private PrometheusMeterRegistry meters;
    private HealthCheck health = List::of;
    private KeyChecker keys = key -> Optional.empty();
    private String openApiResource;
    private Consumer<RoutesConfig> routes = r -> {};
    private Predicate<Context> ownCredential = ctx -> false;

    private Builder(String service) {
      this.service = service;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port to listen on; 0 picks a free one (tests). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder meters(PrometheusMeterRegistry meters) {
      this.meters = meters;
      return this;
    }

    public Builder health(HealthCheck health) {
      this.health = Objects.requireNonNull(health);
      return this;
    }

    public Builder keys(KeyChecker keys) {
      this.keys = Objects.requireNonNull(keys);
      return this;
    }

    /** A class-path resource with the service's OpenAPI document. */
    public Builder openApi(String resource) {
      this.openApiResource = resource;
      return this;
    }

    /**
     * Requests that carry a credential of their own, which their route checks (alert-service's Atom
     * feeds, read with a feed token since feed readers cannot send headers): the scaffold lets them
     * through without a key. API keys are only ever read from the header, never from a URL, where
     * they would end up in logs, histories and shared links.
     */
    public Builder ownCredential(Predicate<Context> when) {
      this.ownCredential = Objects.requireNonNull(when);
      return this;
    }

    public Builder routes(Consumer<RoutesConfig> routes) {
      this.routes = Objects.requireNonNull(routes);
      return this;
    }

    public ServiceHttp start() {
      Javalin javalin =
          Javalin.create(
              config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
                config.http.maxRequestSize = 1_000_000L;
                config.jetty.host = host;
                config.jetty.port = port;
                RoutesConfig r = config.routes;
                r.get("/health", this::health);
                r.get("/metrics", this::metrics);
                r.get("/api/openapi.json", this::openApi);
                r.beforeMatched("/api/*", this::authenticate);
                r.exception(
                    ProblemException.class,
                    (e, ctx) -> {
                      if (e.retryAfter() != null) {
                        ctx.header(
                            "Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
                      }
                      problem(ctx, e.problem());
                    });
                r.exception(
                    IllegalArgumentException.class,
                    (e, ctx) -> problem(ctx, Problem.of(400, "Bad Request", e.getMessage())));
                r.exception(
                    Exception.class,
                    (e, ctx) -> {
                      LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
                      problem(
                          ctx,
                          Problem.of(
                              500, "Internal Server Error", "the server failed; see its log"));
                    });
                r.error(
                    404,
                    ctx -> {
                      if (!Problem.CONTENT_TYPE.equals(ctx.res().getContentType())) {
                        problem(
                            ctx, Problem.of(404, "Not Found", "no such resource: " + ctx.path()));
                      }
                    });
                r.error(
                    405,
                    ctx ->
                        problem(
                            ctx,
                            Problem.of(
                                405,
                                "Method Not Allowed",
                                ctx.method() + " is not allowed on " + ctx.path())));
                routes.accept(r);
              });
      javalin.start();
      LOG.info("{} listening on port {}", service, javalin.port());
      return new ServiceHttp(javalin);
    }

    private void health(Context ctx) {
      List<String> problems = health.problems();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("service", service);
      body.put("status", problems.isEmpty() ? "UP" : "DOWN");
      body.put("reasons", problems);
      ctx.status(problems.isEmpty() ? 200 : 503).json(body);
    }

    private void metrics(Context ctx) {
      if (meters == null) {
        ctx.status(404);
        return;
      }
      ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape());
    }

    private void openApi(Context ctx) throws IOException {
      if (openApiResource == null) {
        throw ProblemException.notFound("this service has no OpenAPI document");
      }
      try (InputStream in = ServiceHttp.class.getResourceAsStream(openApiResource)) {
        if (in == null) {
          throw ProblemException.notFound("OpenAPI document missing: " + openApiResource);
        }
        ctx.contentType("application/json").result(in.readAllBytes());
      }
    }

    private void authenticate(Context ctx) {
      if (ctx.path().equals("/api/openapi.json") || ctx.method() == HandlerType.OPTIONS) {
        return;
      }
      if (ownCredential.test(ctx)) {
        return;
      }
      String key = null;
      String header = ctx.header("Authorization");
      if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        key = header.substring(7).trim();
      }
      if (key == null || key.isEmpty()) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"newswatch\"");
        throw new ProblemException(
            401, "Unauthorized", "this call needs Authorization: Bearer <key>");
      }
      Principal principal = keys.check(key).orElse(null);
      if (principal == null) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"newswatch\", error=\"invalid_token\"");
        throw new ProblemException(401, "Unauthorized", "the key is unknown or revoked");
      }
      ctx.attribute(PRINCIPAL, principal);
    }

    private static void problem(Context ctx, Problem problem) {
      ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(Json.toString(problem));
    }
  }
}
