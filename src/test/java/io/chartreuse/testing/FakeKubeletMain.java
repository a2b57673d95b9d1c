package io.chartreuse.testing;

import io.fabric8.kubernetes.api.model.Namespace;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The fake kubelet as a standalone process, for a person's control plane ({@code
 * scripts/test-cluster start} runs it in the background): it serves the pods of every namespace (or
 * of the {@code --namespace} ones) until it is killed, so that {@code helm install} of an
 * application chart really runs its migration Job. Containers whose command is a chartreuse command
 * ({@code chartreuse}, {@code chartreuse-upgrade}, {@code chartreuse-restore}) or whose image is
 * the chartreuse image run the chartreuse jar as local processes; every other container just
 * becomes Running and Ready. Logs are served to {@code kubectl logs}.
 *
 * <p>It leaves alone the namespaces labelled {@code chartreuse.io/test=true} (the JUnit fixtures'
 * own, which run a {@link FakeKubelet} each) and those labelled {@code
 * chartreuse.io/fake-kubelet=<other name>} (claimed by another standalone kubelet, see {@code
 * --name}), so that two kubelets never act on one pod.
 *
 * <pre>
 * java -cp &lt;test classes and test classpath&gt; io.chartreuse.testing.FakeKubeletMain
 *     [--kubeconfig FILE] [--jar FILE] [--map-path /app/migrations=/local/dir]… [--namespace NS]…
 *     [--name NAME] [--pods-dir DIR] [--env NAME=VALUE]… [--log FILE] [--ready-file FILE]
 * </pre>
 *
 * See docs/test-cluster.md.
 */
public final class FakeKubeletMain {

  /**
   * Namespaces with this label are the JUnit fixtures': the standalone kubelet leaves them alone.
   */
  public static final String TEST_LABEL = "chartreuse.io/test";

  /**
   * Namespaces with this label are served only by the standalone kubelet of that {@code --name}.
   */
  public static final String OWNER_LABEL = "chartreuse.io/fake-kubelet";

  public static final String DEFAULT_NAME = "standalone";

  private FakeKubeletMain() {}

  public static void main(String[] args) throws Exception {
    Path kubeconfig =
        System.getenv("KUBECONFIG") != null
            ? Paths.get(System.getenv("KUBECONFIG").split(":")[0])
            : null;
    Path jar = null;
    Path podsDir = null;
    Path logFile = null;
    Path readyFile = null;
    String name = DEFAULT_NAME;
    Map<String, Path> mappings = new LinkedHashMap<>();
    Map<String, String> env = new LinkedHashMap<>();
    Set<String> namespaces = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      if (arg.equals("-h") || arg.equals("--help")) {
        usage(System.out);
        return;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          fail("option " + arg + " needs a value");
        }
        value = args[++i];
      }
      switch (arg) {
        case "--kubeconfig" -> kubeconfig = Paths.get(value);
        case "--jar" -> jar = Paths.get(value);
        case "--pods-dir" -> podsDir = Paths.get(value);
        case "--log" -> logFile = Paths.get(value);
        case "--ready-file" -> readyFile = Paths.get(value);
        case "--name" -> name = value;
        case "--namespace", "-n" -> namespaces.add(value);
        case "--map-path" -> {
          int sep = value.indexOf('=');
          if (sep <= 0 || !value.startsWith("/")) {
            fail(
                "--map-path wants CONTAINER_PATH=LOCAL_PATH, e.g. /app/migrations=$PWD/examples/shop/migrations; got "
                    + value);
          }
          Path local = Paths.get(value.substring(sep + 1)).toAbsolutePath();
          if (!Files.exists(local)) {
            fail("--map-path " + value + ": " + local + " does not exist");
          }
          mappings.put(value.substring(0, sep), local);
        }
        case "--env" -> {
          int sep = value.indexOf('=');
          if (sep <= 0) {
            fail("--env wants NAME=VALUE; got " + value);
          }
          env.put(value.substring(0, sep), value.substring(sep + 1));
        }
        default -> fail("unknown option " + arg);
      }
    }
    if (kubeconfig == null || !Files.isRegularFile(kubeconfig)) {
      fail(
          "no kubeconfig: give --kubeconfig FILE (or KUBECONFIG)"
              + (kubeconfig == null ? "" : "; not a file: " + kubeconfig));
    }
    if (jar != null && !Files.isRegularFile(jar)) {
      fail("--jar " + jar + ": not a file");
    }
    if (logFile != null) {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      PrintStream log =
          new PrintStream(
              new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8);
      System.setOut(log);
      System.setErr(log);
    }

    long t0 = System.nanoTime();
    TestCluster cluster = TestCluster.connect(kubeconfig);
    String self = name;
    Set<String> only = Set.copyOf(namespaces);
    FakeKubelet kubelet =
        FakeKubelet.allNamespaces(cluster, ns -> serves(cluster, ns, only, self))
            .events(line -> System.out.println(Instant.now() + " " + line));
    if (podsDir != null) {
      kubelet.podsDir(podsDir);
    }
    if (jar != null) {
      kubelet.jar(jar);
    }
    mappings.forEach(kubelet::mapPath);
    env.forEach(kubelet::env);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println(Instant.now() + " stopping: ending the containers' processes");
                  kubelet.close();
                  cluster.close();
                  stopped.countDown();
                },
                "fake-kubelet-stop"));
    kubelet.start();

    List<String> said = new ArrayList<>();
    said.add("API server " + cluster.apiServer());
    said.add(
        "namespaces "
            + (only.isEmpty() ? "all" : String.join(",", only))
            + " except those labelled "
            + TEST_LABEL
            + "=true or "
            + OWNER_LABEL
            + "=<not "
            + self
            + ">");
    said.add(
        "chartreuse jar "
            + (jar != null
                ? jar
                : "target/chartreuse-*.jar of "
                    + TestCluster.basedir()
                    + " (looked up per container)"));
    mappings.forEach((c, l) -> said.add("path " + c + " -> " + l));
    said.add("logs served on https://127.0.0.1:" + KubeletLogServer.get().port());
    System.out.printf(
        "%s fake kubelet '%s' ready in %.1f s: %s%n",
        Instant.now(), self, (System.nanoTime() - t0) / 1e9, String.join("; ", said));
    if (readyFile != null) {
      Files.writeString(readyFile, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
    }
    stopped.await();
  }

  /** Whether the standalone kubelet {@code self} serves the pods of {@code ns}. */
  static boolean serves(TestCluster cluster, String ns, Set<String> only, String self) {
    if (!only.isEmpty() && !only.contains(ns)) {
      return false;
    }
    Namespace namespace = cluster.admin().namespaces().withName(ns).get();
    Map<String, String> labels =
        namespace == null || namespace.getMetadata().getLabels() == null
            ? Map.of()
            : namespace.getMetadata().getLabels();
    if ("true".equals(labels.get(TEST_LABEL))) {
      return false;
    }
    String owner = labels.get(OWNER_LABEL);
    return owner == null || owner.equals(self);
  }

  private static void fail(String message) {
    System.err.println("fake-kubelet: " + message);
    usage(System.err);
    System.exit(2);
  }

  private static void usage(PrintStream out) {
    out.println(
        "usage: FakeKubeletMain [--kubeconfig FILE] [--jar FILE] [--map-path CONTAINER_PATH=LOCAL_PATH]...");
    out.println(
        "         [--namespace NS]... [--name NAME] [--pods-dir DIR] [--env NAME=VALUE]... [--log FILE] [--ready-file FILE]");
    out.println(
        "Runs the fake kubelet for every namespace (or the given ones) until killed. See docs/test-cluster.md.");
  }

  static {
    // quieter Fabric8 in the log file
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
  }
}
