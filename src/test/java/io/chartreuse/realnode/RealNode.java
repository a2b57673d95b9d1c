package io.chartreuse.realnode;

import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.Processes;
import io.chartreuse.testing.TestCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A real node for end-to-end tests: {@code scripts/test-cluster start --real} (Debian's Docker
 * engine, a real kubelet, kube-scheduler and kube-proxy v1.20.2 beside the control plane, the
 * runner images built and loaded), started once per test run in {@code target/real-node} (or {@code
 * CHARTREUSE_TEST_REAL_CLUSTER_DIR}), or reused when one runs there, and stopped at the end if this
 * run started it.
 *
 * <p>{@code CHARTREUSE_TEST_REAL}: {@code off} skips the tests and starts nothing; unset, {@code
 * auto} or {@code on}: where the node cannot start (not root, no Docker engine, any failed step)
 * they are skipped with the reason; {@code required} turns that into a failure. {@code
 * scripts/test} passes {@code required} where the machine can host a node, {@code off} elsewhere
 * (docs/test-cluster.md).
 */
public final class RealNode {
  private static RealNode shared;
  private static String unavailable;

  private final Path runDir;
  private final Map<String, String> env;
  private final boolean startedHere;
  private final KubernetesClient admin;
  private final HostForward postgres;
  private boolean stopped;

  private RealNode(
      Path runDir, Map<String, String> env, boolean startedHere, HostForward postgres) {
    this.runDir = runDir;
    this.env = env;
    this.startedHere = startedHere;
    this.postgres = postgres;
    this.admin =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Path.of(env.get("KUBECONFIG")).toFile()))
            .build();
  }

  /**
   * The real node of this run; skips the calling test (or fails it, when required) if there is
   * none.
   */
  public static synchronized RealNode get() {
    Assumptions.assumeFalse(
        "off".equals(System.getenv("CHARTREUSE_TEST_REAL")),
        "the real-node tests are off (CHARTREUSE_TEST_REAL=off)");
    if (shared == null && unavailable == null) {
      try {
        shared = start();
        // A fallback: RealNodeExtension stops it when the run ends.
        Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "real-node-stop"));
      } catch (RuntimeException e) {
        unavailable = e.getMessage();
      }
    }
    if (shared == null) {
      if ("required".equals(System.getenv("CHARTREUSE_TEST_REAL"))) {
        throw new AssertionError(
            "the real node is required (CHARTREUSE_TEST_REAL=required) but: " + unavailable);
      }
      Assumptions.assumeTrue(false, "no real node: " + unavailable);
    }
    return shared;
  }

  private static RealNode start() {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException("not root (dockerd, the kubelet and iptables need it)");
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/dockerd"))) {
      throw new IllegalStateException(
          "no /usr/sbin/dockerd (scripts/test-cluster build --real installs Debian's docker.io)");
    }
    Path basedir = TestCluster.basedir();
    String givenDir = System.getenv("CHARTREUSE_TEST_REAL_CLUSTER_DIR");
    Path runDir =
        givenDir == null || givenDir.isBlank()
            ? basedir.resolve("target/real-node")
            : Path.of(givenDir).toAbsolutePath();
    Map<String, String> scriptEnv = Map.of("CHARTREUSE_TEST_CLUSTER_DIR", runDir.toString());
    Path script = basedir.resolve("scripts/test-cluster");
    boolean running =
        Processes.run(
                    List.of(script.toString(), "status"),
                    scriptEnv,
                    basedir,
                    Duration.ofSeconds(30))
                .ok()
            && read(runDir.resolve("cluster.env")).containsKey("CHARTREUSE_TEST_NODE");
    if (!running) {
      long t0 = System.nanoTime();
      ProcessResult started =
          Processes.run(
              List.of(script.toString(), "start", "--real"),
              scriptEnv,
              basedir,
              Duration.ofMinutes(40));
      if (!started.ok()) {
        Processes.run(
            List.of(script.toString(), "stop"), scriptEnv, basedir, Duration.ofMinutes(2));
        throw new IllegalStateException(
            "scripts/test-cluster start --real failed (exit "
                + started.exitCode()
                + "):\n"
                + started.output());
      }
      System.err.printf(
          "[real-node] started in %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, runDir);
    }
    Map<String, String> env = read(runDir.resolve("cluster.env"));
    HostForward forward = HostForward.toLocalPostgres(env.get("CHARTREUSE_TEST_HOST_ADDRESS"));
    return new RealNode(runDir, env, !running, forward);
  }

  private static Map<String, String> read(Path envFile) {
    Map<String, String> values = new LinkedHashMap<>();
    if (!Files.isRegularFile(envFile)) {
      return values;
    }
    try {
      for (String line : Files.readAllLines(envFile)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          values.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the node of this run if it started it; idempotent. */
  static synchronized void stopShared() {
    if (shared != null) {
      shared.stop();
    }
  }

  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    postgres.close();
    admin.close();
    if (startedHere) {
      ProcessResult stopped =
          Processes.run(
              List.of(TestCluster.basedir().resolve("scripts/test-cluster").toString(), "stop"),
              Map.of("CHARTREUSE_TEST_CLUSTER_DIR", runDir.toString()),
              TestCluster.basedir(),
              Duration.ofMinutes(2));
      if (!stopped.ok()) {
        System.err.println("[real-node] stop failed: " + stopped);
      }
    }
  }

  public KubernetesClient admin() {
    return admin;
  }

  /**
   * The address and port at which pods reach the test PostgreSQL (a forward on the Docker bridge).
   */
  public String postgresHost() {
    return postgres.host();
  }

  public int postgresPort() {
    return postgres.port();
  }

  public String runnerImage() {
    return env.get("CHARTREUSE_TEST_RUNNER_IMAGE");
  }

  public String alembicImage() {
    return env.get("CHARTREUSE_TEST_ALEMBIC_IMAGE");
  }

  /** A namespace of its own, labelled as a test's. */
  public String createNamespace(String prefix) {
    String name =
        prefix + "-" + Long.toString(System.nanoTime() % 46656L + 46656L, 36).substring(1);
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("chartreuse.io/test", "true")
                .endMetadata()
                .build())
        .create();
    return name;
  }

  /** Environment for helm, kubectl and the chartreuse CLI aimed at this node's cluster as admin. */
  public Map<String, String> toolEnv() {
    Path home = runDir.resolveSibling("real-node-home");
    Map<String, String> tools = new LinkedHashMap<>();
    tools.put("KUBECONFIG", env.get("KUBECONFIG"));
    tools.put("HELM_CACHE_HOME", home.resolve("helm/cache").toString());
    tools.put("HELM_CONFIG_HOME", home.resolve("helm/config").toString());
    tools.put("HELM_DATA_HOME", home.resolve("helm/data").toString());
    tools.put("HELM_BIN", env.get("HELM"));
    tools.put("PATH", TestCluster.basedir().resolve("bin") + ":" + System.getenv("PATH"));
    tools.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return tools;
  }

  public ProcessResult helm(Duration timeout, String... args) {
    return tool(env.get("HELM"), timeout, args);
  }

  public ProcessResult kubectl(Duration timeout, String... args) {
    return tool(env.get("KUBECTL"), timeout, args);
  }

  /** Debian's docker CLI against the node's engine. */
  public ProcessResult docker(Duration timeout, String... args) {
    Map<String, String> dockerEnv = new LinkedHashMap<>(toolEnv());
    dockerEnv.put("DOCKER_HOST", env.get("CHARTREUSE_TEST_DOCKER_HOST"));
    return Processes.run(
        command("/usr/bin/docker", args), dockerEnv, TestCluster.basedir(), timeout);
  }

  private ProcessResult tool(String binary, Duration timeout, String... args) {
    return Processes.run(command(binary, args), toolEnv(), TestCluster.basedir(), timeout);
  }

  private static List<String> command(String binary, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary);
    command.addAll(List.of(args));
    return command;
  }
}
