package io.chartreuse.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The stand-in cluster of the run that bin/chartreuse dumps its start-up (AppCDS) archive from. The
 * archive holds the classes that run loads; a `status` against an unreachable server stopped at the
 * refused connection and left out the TLS handshake, the HTTP response, the JSON reading, the
 * release decoding and the rendering, about a third of a real run's classes. This serves one of
 * each list over HTTPS with its own throwaway CA, and gives a kubeconfig for it.
 */
public final class CannedCluster implements AutoCloseable {
  private final TrainingServer server;
  private final Path directory;

  private CannedCluster(TrainingServer server, Path directory) {
    this.server = server;
    this.directory = directory;
  }

  public static CannedCluster start() {
    try {
      Path directory = Files.createTempDirectory("chartreuse-training");
      LoopbackTls tls = LoopbackTls.create("chartreuse training");
      TrainingServer server = new TrainingServer(tls.server(), CannedLists.byResource());
      Files.writeString(directory.resolve("kubeconfig"), kubeconfig(server.url(), tls.caPem()));
      return new CannedCluster(server, directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path kubeconfig() {
    return directory.resolve("kubeconfig");
  }

  private static String kubeconfig(String server, String caPem) {
    String ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
    return String.join(
        "\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: training",
        "  cluster: {server: \"" + server + "\", certificate-authority-data: " + ca + "}",
        "users:",
        "- name: training",
        "  user: {token: training}",
        "contexts:",
        "- name: training",
        "  context: {cluster: training, user: training, namespace: " + CannedLists.NAMESPACE + "}",
        "current-context: training",
        "");
  }

  @Override
  public void close() {
    server.close();
    delete(directory);
  }

  /** Deletes a temporary directory; one left behind is harmless. */
  static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }
}
