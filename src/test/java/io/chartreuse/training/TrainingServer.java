package io.chartreuse.training;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An HTTPS server on loopback that answers GET of a list with its canned body, several at once as
 * `status` sends them.
 */
final class TrainingServer implements AutoCloseable {
  private static final byte[] NOT_FOUND =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"
          .getBytes(StandardCharsets.UTF_8);

  private final HttpsServer server;
  private final ExecutorService threads =
      Executors.newFixedThreadPool(
          4,
          task -> {
            Thread thread = new Thread(task, "chartreuse-training-server");
            thread.setDaemon(true);
            return thread;
          });

  TrainingServer(SSLContext tls, Map<String, byte[]> lists) throws IOException {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters parameters) {
            // As an API server does: it accepts client certificates, so the handshake has a
            // certificate request.
            SSLParameters ssl = tls.getDefaultSSLParameters();
            ssl.setWantClientAuth(true);
            parameters.setSSLParameters(ssl);
          }
        });
    server.createContext("/", exchange -> answer(exchange, lists));
    server.setExecutor(threads);
    server.start();
  }

  String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, Map<String, byte[]> lists) throws IOException {
    String path = exchange.getRequestURI().getPath();
    byte[] body = lists.getOrDefault(path.substring(path.lastIndexOf('/') + 1), NOT_FOUND);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(body == NOT_FOUND ? 404 : 200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
