package io.chartreuse.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.GZIPInputStream;

/**
 * Sends list requests through the client's own HTTP stack (the kubeconfig's credentials, TLS and
 * proxies) and hands each body to a reader, so that no fabric8 model object is built: for a CLI
 * run, building fabric8's deserializers costs more than the lists themselves. Each request runs on
 * its own thread so that several overlap; a body is received whole, then read on that thread (no
 * hand-over between the HTTP client's threads and the reader per chunk). Failures become the
 * KubernetesClientException fabric8 would throw, so that {@link ApiCalls} retries and words them as
 * for any other call.
 */
public final class RawLister {
  /** Reads a response body; an IOException is a failed request. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(InputStream body) throws IOException;
  }

  private final KubernetesClient client;
  private final ApiCalls api;

  public RawLister(KubernetesClient client, ApiCalls api) {
    this.client = client;
    this.api = api;
  }

  /** Starts the request; {@code what} names it in errors, as {@link ApiCalls#call} does. */
  public <T> Pending<T> start(String what, ListRequest request, BodyReader<T> reader) {
    return new Pending<>(
        CompletableFuture.supplyAsync(
            () -> api.call(what, () -> fetch(request, reader)), RawLister::newThread));
  }

  private <T> T fetch(ListRequest request, BodyReader<T> reader) {
    HttpClient http = client.getHttpClient();
    String server = client.getMasterUrl().toString().replaceFirst("/+$", "");
    // gzip, as kubectl asks: the API server compresses large lists (about 45% fewer bytes for
    // Helm's
    // Secrets), and decrypting TLS records is a large part of a CLI run's CPU (no AES intrinsics in
    // C1).
    HttpRequest httpRequest =
        http.newHttpRequestBuilder()
            .uri(server + request.path())
            .setHeader("Accept", request.accept())
            .setHeader("Accept-Encoding", "gzip")
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.sendAsync(httpRequest, byte[].class).get();
    } catch (ExecutionException e) {
      throw unreachable(server, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(server, e);
    }
    if (!response.isSuccessful()) {
      // An error's Status is small, and the API server compresses only large answers.
      throw OperationSupport.requestFailure(
          httpRequest,
          OperationSupport.createStatus(response, client.getKubernetesSerialization()));
    }
    try (InputStream body = body(response)) {
      return reader.read(body);
    } catch (IOException e) {
      throw new KubernetesClientException(
          "reading the answer of " + server + ": " + describe(e), e);
    }
  }

  private static InputStream body(HttpResponse<byte[]> response) throws IOException {
    InputStream bytes = new ByteArrayInputStream(response.body());
    return "gzip".equalsIgnoreCase(response.header("Content-Encoding"))
        ? new GZIPInputStream(bytes, 65536)
        : bytes;
  }

  private static KubernetesClientException unreachable(String server, Throwable cause) {
    return cause instanceof KubernetesClientException known
        ? known
        : new KubernetesClientException("cannot reach " + server + ": " + describe(cause), cause);
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /**
   * One daemon thread per request: a CLI sends a handful, and a failed one must not keep the JVM
   * alive.
   */
  private static void newThread(Runnable task) {
    Thread thread = new Thread(task, "chartreuse-list");
    thread.setDaemon(true);
    thread.start();
  }
}
