package io.chartreuse.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.chartreuse.training.LoopbackTls;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The kubelet's log endpoint for the fake kubelets: {@code GET
 * /containerLogs/<namespace>/<pod>/<container>} over HTTPS (a self-signed certificate made at
 * start), with {@code follow}, {@code tailLines}, {@code timestamps}, {@code previous}, {@code
 * sinceSeconds}, {@code sinceTime} and {@code limitBytes} as the API server passes them when it
 * proxies {@code pods/log}. So {@code kubectl logs [-f]} and {@code
 * client.pods().withName(p).getLog()} read what the fake kubelet's processes wrote.
 *
 * <p>One server per JVM, started on first use, on a free loopback port. The Node {@value
 * TestCluster#NODE_NAME} has one kubelet port ({@code status.daemonEndpoints.kubeletEndpoint.Port})
 * while several JVMs may run fake kubelets against one control plane (the JUnit run and the
 * standalone {@link FakeKubeletMain}): each server therefore serves every pod of every fake kubelet
 * on this machine, found through a registry of symbolic links {@code
 * <tmp>/chartreuse-fake-kubelet-pods/<api-host>_<api-port>/<namespace>/<pod>} to the pods'
 * directories, and the port advertised on the Node is whichever server claimed it while no other
 * one answered there. A watchdog (a local TCP connect every 2 s, no API call while it answers)
 * claims it again when that server goes away.
 *
 * <p>Files read, per pod directory: {@code logs/<container>.log} (stdout and stderr as written),
 * {@code logs/timestamped/<container>.log} (the same, each line prefixed with its RFC 3339 time and
 * a space), {@code logs/<container>.exited} (written once the container's process has ended and its
 * output is complete: a follower stops there), the {@code .previous.log} files of the run before a
 * restart, and {@code containers} (the pod's container names).
 */
public final class KubeletLogServer {

  private static KubeletLogServer instance;

  private final HttpsServer server;
  private final ExecutorService handlers;
  private final Path registryRoot;

  /** {@code namespace/pod} → pod directory, for the pods of this JVM's fake kubelets. */
  private final Map<String, Path> local = new ConcurrentHashMap<>();

  /** Clusters whose Node this JVM keeps advertised (registry key → watchdog state). */
  private final Map<String, Watch> watches = new ConcurrentHashMap<>();

  private KubeletLogServer() throws Exception {
    AtomicInteger n = new AtomicInteger();
    this.handlers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "kubelet-log-server-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.registryRoot =
        Paths.get(System.getProperty("java.io.tmpdir"), "chartreuse-fake-kubelet-pods");
    this.server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setHttpsConfigurator(
        new HttpsConfigurator(LoopbackTls.create("chartreuse-fake-kubelet").server()));
    server.createContext("/", this::handle);
    server.setExecutor(handlers);
    // The server's dispatcher thread inherits daemon status from the thread that starts it: a
    // daemon, so
    // that the server never keeps a JVM alive.
    Thread starter = new Thread(server::start, "kubelet-log-server-start");
    starter.setDaemon(true);
    starter.start();
    starter.join();
    pruneRegistry();
  }

  /** The server of this JVM, started on first use. */
  public static synchronized KubeletLogServer get() {
    if (instance == null) {
      try {
        instance = new KubeletLogServer();
      } catch (Exception e) {
        throw new IllegalStateException("could not start the fake kubelet's log server", e);
      }
    }
    return instance;
  }

  /** The HTTPS port on 127.0.0.1. */
  public int port() {
    return server.getAddress().getPort();
  }

  // ----------------------------------------------------------------------------------------------
  // pods

  static String clusterKey(URI apiServer) {
    return (apiServer.getHost() + "_" + apiServer.getPort()).replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /**
   * Makes a pod's directory servable by this server and, through the registry, by the other JVMs'.
   */
  void register(URI apiServer, String namespace, String pod, Path podDir) {
    local.put(namespace + "/" + pod, podDir);
    try {
      Path link = registryRoot.resolve(clusterKey(apiServer)).resolve(namespace).resolve(pod);
      Files.createDirectories(link.getParent());
      Path tmp = link.resolveSibling("." + pod + "." + ProcessHandle.current().pid() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, podDir.toAbsolutePath());
      Files.move(
          tmp,
          link,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      System.err.println(
          "[kubelet-log-server] could not register " + namespace + "/" + pod + ": " + e);
    }
  }

  /**
   * Forgets a pod (its kubelet stopped). Another registration of the same pod (a newer directory)
   * is kept.
   */
  void unregister(URI apiServer, String namespace, String pod, Path podDir) {
    local.remove(namespace + "/" + pod, podDir);
    Path link = registryRoot.resolve(clusterKey(apiServer)).resolve(namespace).resolve(pod);
    try {
      if (Files.isSymbolicLink(link)
          && Files.readSymbolicLink(link).equals(podDir.toAbsolutePath())) {
        Files.deleteIfExists(link);
      }
    } catch (IOException ignored) {
      // best effort
    }
  }

  private Optional<Path> podDir(String namespace, String pod) {
    Path dir = local.get(namespace + "/" + pod);
    if (dir != null && Files.isDirectory(dir)) {
      return Optional.of(dir);
    }
    List<String> keys = new ArrayList<>(watches.keySet());
    try (Stream<Path> clusters =
        Files.isDirectory(registryRoot) ? Files.list(registryRoot) : Stream.empty()) {
      clusters
          .map(p -> p.getFileName().toString())
          .filter(k -> !keys.contains(k))
          .forEach(keys::add);
    } catch (IOException ignored) {
      // only the clusters of this JVM then
    }
    for (String key : keys) {
      Path link = registryRoot.resolve(key).resolve(namespace).resolve(pod);
      if (Files.isDirectory(link)) {
        return Optional.of(link);
      }
    }
    return Optional.empty();
  }

  /** Removes the registries of control planes that no longer answer (their API port is closed). */
  private void pruneRegistry() {
    if (!Files.isDirectory(registryRoot)) {
      return;
    }
    try (Stream<Path> clusters = Files.list(registryRoot)) {
      for (Path dir : clusters.toList()) {
        String key = dir.getFileName().toString();
        int sep = key.lastIndexOf('_');
        try {
          if (sep > 0
              && !listening(key.substring(0, sep), Integer.parseInt(key.substring(sep + 1)))) {
            try (Stream<Path> walk = Files.walk(dir)) {
              walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
          }
        } catch (NumberFormatException ignored) {
          // not ours
        }
      }
    } catch (IOException ignored) {
      // best effort
    }
  }

  // ----------------------------------------------------------------------------------------------
  // the Node's kubelet endpoint

  private static final class Watch {
    final KubernetesClient client;
    volatile int advertised;
    volatile boolean stopped;

    Watch(KubernetesClient client) {
      this.client = client;
    }
  }

  /**
   * The kubelet port to put on the Node: the one already there if a server answers on it, else this
   * server's. Starts the watchdog that claims the port again for this server when the advertised
   * one stops answering.
   */
  int portToAdvertise(URI apiServer, KubernetesClient admin) {
    int current = advertisedPort(admin.nodes().withName(TestCluster.NODE_NAME).get());
    int chosen =
        current > 0 && current != port() && listening("127.0.0.1", current) ? current : port();
    String key = clusterKey(apiServer);
    Watch watch = new Watch(admin);
    watch.advertised = chosen;
    Watch previous = watches.put(key, watch);
    if (previous != null) {
      previous.stopped = true;
    }
    Thread t = new Thread(() -> watchdog(watch), "kubelet-log-server-watchdog");
    t.setDaemon(true);
    t.start();
    return chosen;
  }

  /** Stops keeping the Node of this control plane advertised (its client is about to be closed). */
  void forget(URI apiServer) {
    Watch w = watches.remove(clusterKey(apiServer));
    if (w != null) {
      w.stopped = true;
    }
  }

  private void watchdog(Watch w) {
    while (!w.stopped) {
      try {
        Thread.sleep(2000);
        if (w.stopped || listening("127.0.0.1", w.advertised)) {
          continue;
        }
        Node node = w.client.nodes().withName(TestCluster.NODE_NAME).get();
        if (node == null) {
          continue;
        }
        int current = advertisedPort(node);
        if (current > 0 && listening("127.0.0.1", current)) {
          w.advertised = current;
          continue;
        }
        w.client
            .nodes()
            .withName(TestCluster.NODE_NAME)
            .subresource("status")
            .patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"status\":{\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":"
                    + port()
                    + "}}}}");
        w.advertised = port();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (w.stopped) {
          return;
        }
        // the control plane may be stopping; try again later
      }
    }
  }

  private static int advertisedPort(Node node) {
    if (node == null
        || node.getStatus() == null
        || node.getStatus().getDaemonEndpoints() == null
        || node.getStatus().getDaemonEndpoints().getKubeletEndpoint() == null) {
      return 0;
    }
    Integer p = node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort();
    return p == null ? 0 : p;
  }

  static boolean listening(String host, int port) {
    if (port <= 0) {
      return false;
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  // ----------------------------------------------------------------------------------------------
  // GET /containerLogs/<namespace>/<pod>/<container>

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getRawPath();
      String[] parts = path.split("/");
      if (!"GET".equals(exchange.getRequestMethod())
          || parts.length != 5
          || !parts[0].isEmpty()
          || !"containerLogs".equals(parts[1])) {
        error(
            exchange,
            404,
            "404 page not found (the fake kubelet serves only /containerLogs/<namespace>/<pod>/<container>)");
        return;
      }
      String namespace = decode(parts[2]);
      String pod = decode(parts[3]);
      String container = decode(parts[4]);
      Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
      Optional<Path> dir = podDir(namespace, pod);
      if (dir.isEmpty()) {
        error(
            exchange,
            404,
            "pod \""
                + pod
                + "\" does not exist in namespace \""
                + namespace
                + "\" on this fake kubelet");
        return;
      }
      Path logs = dir.get().resolve("logs");
      if (!knownContainer(dir.get(), container)) {
        error(
            exchange,
            404,
            "container \"" + container + "\" not found in pod \"" + namespace + "/" + pod + "\"");
        return;
      }
      boolean previous = "true".equals(q.get("previous"));
      String base = container + (previous ? ".previous" : "");
      Path raw = logs.resolve(base + ".log");
      Path stamped = logs.resolve("timestamped").resolve(base + ".log");
      if (!Files.exists(stamped)) {
        if (previous) {
          error(
              exchange,
              400,
              "previous terminated container \""
                  + container
                  + "\" in pod \""
                  + pod
                  + "\" not found");
        } else {
          error(
              exchange,
              400,
              "container \""
                  + container
                  + "\" in pod \""
                  + pod
                  + "\" is waiting to start: ContainerCreating");
        }
        return;
      }
      serve(exchange, q, raw, stamped, logs.resolve(container + ".exited"), previous);
    } catch (RuntimeException e) {
      try {
        error(exchange, 500, "fake kubelet: " + e);
      } catch (IOException | RuntimeException ignored) {
        // headers already sent
      }
    } finally {
      exchange.close();
    }
  }

  private static boolean knownContainer(Path podDir, String container) {
    Path list = podDir.resolve("containers");
    try {
      return !Files.exists(list)
          || Files.readAllLines(list, StandardCharsets.UTF_8).contains(container);
    } catch (IOException e) {
      return true;
    }
  }

  private void serve(
      HttpExchange exchange,
      Map<String, String> q,
      Path raw,
      Path stamped,
      Path exited,
      boolean previous)
      throws IOException {
    boolean follow = "true".equals(q.get("follow")) && !previous;
    boolean timestamps = "true".equals(q.get("timestamps"));
    long limit = parseLong(q.get("limitBytes"), Long.MAX_VALUE);
    long tail = parseLong(q.get("tailLines"), -1);
    Instant since = null;
    if (q.get("sinceTime") != null) {
      try {
        since = Instant.parse(q.get("sinceTime"));
      } catch (DateTimeParseException e) {
        error(exchange, 400, "invalid sinceTime: " + q.get("sinceTime"));
        return;
      }
    } else if (q.get("sinceSeconds") != null) {
      since = Instant.now().minusSeconds(parseLong(q.get("sinceSeconds"), 0));
    }

    // The snapshot: every line of the timestamped file (the last one possibly partial).
    byte[] snapshot = Files.readAllBytes(stamped);
    List<byte[][]> lines = new ArrayList<>(); // {timestamp, content incl. '\n'}
    long rawLength = 0;
    int start = 0;
    while (start < snapshot.length) {
      int nl = indexOf(snapshot, (byte) '\n', start);
      int end = nl < 0 ? snapshot.length : nl + 1;
      int space = indexOf(snapshot, (byte) ' ', start);
      byte[] ts;
      byte[] content;
      if (space < 0 || space >= end) {
        ts = java.util.Arrays.copyOfRange(snapshot, start, end);
        content = new byte[0]; // a prefix still being written
      } else {
        ts = java.util.Arrays.copyOfRange(snapshot, start, space);
        content = java.util.Arrays.copyOfRange(snapshot, space + 1, end);
      }
      rawLength += content.length;
      lines.add(new byte[][] {ts, content});
      start = end;
    }
    if (since != null) {
      Instant from = since;
      lines.removeIf(
          l -> {
            try {
              return Instant.parse(new String(l[0], StandardCharsets.US_ASCII)).isBefore(from);
            } catch (DateTimeParseException e) {
              return false;
            }
          });
    }
    if (tail >= 0 && lines.size() > tail) {
      lines = new ArrayList<>(lines.subList((int) (lines.size() - tail), lines.size()));
    }
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    for (byte[][] l : lines) {
      if (l[1].length == 0) {
        continue;
      }
      if (timestamps) {
        first.write(l[0]);
        first.write(' ');
      }
      first.write(l[1]);
    }

    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, 0); // chunked: the length is not known when following
    OutputStream out = exchange.getResponseBody();
    long[] left = {limit};
    if (!write(out, first.toByteArray(), left) || !follow) {
      return;
    }
    out.flush();
    // Follow: continue after the snapshot, in the same file the client reads, until the container
    // ended.
    Path file = timestamps ? stamped : raw;
    long position = timestamps ? snapshot.length : rawLength;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
      ch.position(position);
      boolean ending = false;
      while (true) {
        buf.clear();
        int n = ch.read(buf);
        if (n > 0) {
          if (!write(out, java.util.Arrays.copyOf(buf.array(), n), left)) {
            return;
          }
          out.flush();
          continue;
        }
        if (ending) {
          return; // the process ended and its output is drained
        }
        if (Files.exists(exited) || !Files.exists(file)) {
          ending = true; // one more read for what was written before the marker
          continue;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away
    }
  }

  private static boolean write(OutputStream out, byte[] bytes, long[] left) throws IOException {
    if (left[0] <= 0) {
      return false;
    }
    int n = (int) Math.min(bytes.length, left[0]);
    out.write(bytes, 0, n);
    left[0] -= n;
    return left[0] > 0;
  }

  private static void error(HttpExchange exchange, int code, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(code, body.length);
    exchange.getResponseBody().write(body);
  }

  private static int indexOf(byte[] a, byte b, int from) {
    for (int i = from; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static long parseLong(String s, long dflt) {
    if (s == null || s.isEmpty()) {
      return dflt;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      q.putIfAbsent(k, v);
    }
    return q;
  }

  /**
   * The time prefix of a timestamped log line, as a kubelet writes it (RFC 3339, nanoseconds, UTC).
   */
  static String timestamp(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.atOffset(ZoneOffset.UTC));
  }
}
