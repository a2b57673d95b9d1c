package io.chartreuse.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real control plane (etcd, kube-apiserver, kube-controller-manager v1.20.2) for tests.
 *
 * <p>{@link #shared()} gives the one of this test run:
 *
 * <ul>
 *   <li>the control plane named by the environment variable {@code CHARTREUSE_TEST_KUBECONFIG}, if
 *       set (e.g. after {@code eval "$(scripts/test-cluster env)"}); the tests never stop it;
 *   <li>else, if {@code CHARTREUSE_TEST_CLUSTER_DIR} is set, the one {@code scripts/test-cluster}
 *       runs in that directory: reused if running, otherwise started now and stopped when the test
 *       run ends;
 *   <li>else a control plane of this JVM in {@code target/test-cluster-run-<pid>}, started now and
 *       stopped when the test run ends, so that concurrent test runs in one working tree do not
 *       meet. Run directories left by killed runs (their JVM is gone) are stopped and removed
 *       first.
 * </ul>
 *
 * See docs/test-cluster.md.
 */
public final class TestCluster implements AutoCloseable {

  public static final String KUBECONFIG_ENV = "CHARTREUSE_TEST_KUBECONFIG";
  public static final String NODE_NAME = "chartreuse-fake-node";

  private static TestCluster shared;

  private final Path basedir;
  private final Path runDir;
  private final Path kubeconfig;
  private final URI apiServer;
  private final String caCertPem;
  private final Path helm;
  private final Path kubectl;
  private Path helm4;
  private final boolean startedHere;
  private final KubernetesClient admin;
  private volatile boolean closed;

  private TestCluster(
      Path basedir, Path runDir, Path kubeconfig, Path helm, Path kubectl, boolean startedHere) {
    this.basedir = basedir;
    this.runDir = runDir;
    this.kubeconfig = kubeconfig;
    this.helm = helm;
    this.kubectl = kubectl;
    this.startedHere = startedHere;
    Config config = Config.fromKubeconfig(kubeconfig.toFile());
    this.apiServer = URI.create(config.getMasterUrl());
    this.caCertPem = caPem(config);
    this.admin = new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The control plane of this test run, started on first use. */
  public static synchronized TestCluster shared() {
    if (shared == null || shared.closed) {
      shared = open();
      TestCluster cluster = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "test-cluster-stop"));
    }
    return shared;
  }

  /**
   * The control plane of a kubeconfig (admin credentials), e.g. one {@code scripts/test-cluster}
   * runs; never stopped by this object. helm and kubectl are {@code HELM}/{@code KUBECTL} or the
   * cache's. Ensures the fake Node. Used by {@link FakeKubeletMain}; tests use {@link #shared()}.
   */
  public static TestCluster connect(Path kubeconfig) {
    Path basedir = basedir();
    Map<String, String> tools = defaultTools(basedir);
    Path helm = Paths.get(Optional.ofNullable(System.getenv("HELM")).orElse(tools.get("HELM")));
    Path kubectl =
        Paths.get(Optional.ofNullable(System.getenv("KUBECTL")).orElse(tools.get("KUBECTL")));
    return init(new TestCluster(basedir, null, kubeconfig.toAbsolutePath(), helm, kubectl, false));
  }

  /** The project directory (system property {@code chartreuse.basedir}, set by surefire). */
  public static Path basedir() {
    return Paths.get(System.getProperty("chartreuse.basedir", System.getProperty("user.dir")))
        .toAbsolutePath();
  }

  private static TestCluster open() {
    Path basedir = basedir();
    String external = System.getenv(KUBECONFIG_ENV);
    if (external != null && !external.isBlank()) {
      Path kc = Paths.get(external).toAbsolutePath();
      if (!Files.isRegularFile(kc)) {
        throw new IllegalStateException(KUBECONFIG_ENV + " names " + kc + ", which is not a file");
      }
      Map<String, String> tools = defaultTools(basedir);
      Path helm = Paths.get(Optional.ofNullable(System.getenv("HELM")).orElse(tools.get("HELM")));
      Path kubectl =
          Paths.get(Optional.ofNullable(System.getenv("KUBECTL")).orElse(tools.get("KUBECTL")));
      return init(new TestCluster(basedir, null, kc, helm, kubectl, false));
    }
    Path script = basedir.resolve("scripts/test-cluster");
    String givenDir = System.getenv("CHARTREUSE_TEST_CLUSTER_DIR");
    Path runDir;
    if (givenDir != null && !givenDir.isBlank()) {
      runDir = Paths.get(givenDir).toAbsolutePath();
    } else {
      stopAbandonedRuns(basedir, script);
      runDir = basedir.resolve("target/test-cluster-run-" + ProcessHandle.current().pid());
    }
    Map<String, String> env = Map.of("CHARTREUSE_TEST_CLUSTER_DIR", runDir.toString());
    boolean running =
        Processes.run(List.of(script.toString(), "status"), env, basedir, Duration.ofSeconds(30))
                .ok()
            && Files.isRegularFile(runDir.resolve("cluster.env"));
    if (!running) {
      long t0 = System.nanoTime();
      // The first start may build the binaries (about 7 minutes on 2 cores). Without the standalone
      // fake
      // kubelet: the tests run their own, one per namespace.
      ProcessResult start =
          Processes.run(
              List.of(script.toString(), "start", "--no-kubelet"),
              env,
              basedir,
              Duration.ofMinutes(30));
      if (!start.ok()) {
        throw new IllegalStateException(
            "scripts/test-cluster start failed (exit "
                + start.exitCode()
                + "):\n"
                + start.output());
      }
      System.err.printf(
          "[test-cluster] control plane started in %.1f s (%s)%n",
          (System.nanoTime() - t0) / 1e9, runDir);
    } else {
      System.err.println(
          "[test-cluster] reusing the running control plane in "
              + runDir
              + " (stop it with scripts/test-cluster stop)");
    }
    Map<String, String> values = readEnvFile(runDir.resolve("cluster.env"));
    return init(
        new TestCluster(
            basedir,
            runDir,
            Paths.get(values.get("KUBECONFIG")),
            Paths.get(values.get("HELM")),
            Paths.get(values.get("KUBECTL")),
            !running));
  }

  /**
   * Stops the control planes of earlier test JVMs that ended without stopping theirs (e.g. killed).
   */
  private static void stopAbandonedRuns(Path basedir, Path script) {
    Path target = basedir.resolve("target");
    if (!Files.isDirectory(target)) {
      return;
    }
    try (var dirs = Files.list(target)) {
      for (Path dir :
          dirs.filter(d -> d.getFileName().toString().startsWith("test-cluster-run-")).toList()) {
        String pid = dir.getFileName().toString().substring("test-cluster-run-".length());
        boolean alive;
        try {
          alive = ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
          continue;
        }
        if (!alive) {
          System.err.println(
              "[test-cluster] stopping a control plane abandoned by JVM " + pid + ": " + dir);
          Processes.run(
              List.of(script.toString(), "stop"),
              Map.of("CHARTREUSE_TEST_CLUSTER_DIR", dir.toString()),
              basedir,
              Duration.ofSeconds(60));
        }
      }
    } catch (IOException e) {
      System.err.println("[test-cluster] could not look for abandoned control planes: " + e);
    }
  }

  private static TestCluster init(TestCluster cluster) {
    cluster.ensureNode();
    return cluster;
  }

  /** Where {@code scripts/test-cluster build} puts helm and kubectl. */
  private static Map<String, String> defaultTools(Path basedir) {
    String cache =
        Optional.ofNullable(System.getenv("CHARTREUSE_CACHE"))
            .orElse(
                Optional.ofNullable(System.getenv("XDG_CACHE_HOME"))
                        .orElse(System.getProperty("user.home") + "/.cache")
                    + "/chartreuse");
    String tools = cache + "/kubectl-layer-v33-2.0.0";
    return Map.of(
        "HELM",
        tools + "/helm/helm",
        "KUBECTL",
        tools + "/kubectl/kubectl",
        "HELM4",
        cache + "/kubectl-layer-v35-2.2.2/helm/helm");
  }

  private static Map<String, String> readEnvFile(Path file) {
    try {
      Map<String, String> values = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
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

  private static String caPem(Config config) {
    if (config.getCaCertData() != null) {
      return new String(
          Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.US_ASCII);
    }
    if (config.getCaCertFile() != null) {
      try {
        return Files.readString(Paths.get(config.getCaCertFile()), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return null;
  }

  /**
   * The fake Node that {@link FakeKubelet} binds pods to, Ready, with the addresses 127.0.0.1
   * (InternalIP) and {@code localhost} (Hostname: the fake kubelets run on this machine) and the
   * port of a {@link KubeletLogServer} as its kubelet endpoint, so that the API server's {@code
   * pods/log} reaches it: {@code scripts/test-cluster} starts kube-apiserver with {@code
   * --kubelet-preferred-address-types=InternalIP,Hostname}, and a control plane started without it
   * (by an older script) tries the Hostname first, which resolves too.
   */
  private void ensureNode() {
    Node node = admin.nodes().withName(NODE_NAME).get();
    if (node == null) {
      try {
        admin
            .nodes()
            .resource(
                new NodeBuilder()
                    .withNewMetadata()
                    .withName(NODE_NAME)
                    .addToLabels("kubernetes.io/hostname", NODE_NAME)
                    .addToLabels("kubernetes.io/os", "linux")
                    .addToLabels("kubernetes.io/arch", "amd64")
                    .addToLabels("chartreuse.io/fake-kubelet", "true")
                    .endMetadata()
                    .build())
            .create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
    String now = Instant.now().toString();
    String status =
        "{\"status\":{"
            + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"FakeKubeletReady\","
            + "\"message\":\"chartreuse test fixture\",\"lastHeartbeatTime\":\""
            + now
            + "\",\"lastTransitionTime\":\""
            + now
            + "\"}],"
            + "\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"127.0.0.1\"},{\"type\":\"Hostname\",\"address\":\"localhost\"}],"
            + "\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":"
            + KubeletLogServer.get().portToAdvertise(apiServer, admin)
            + "}},"
            + "\"capacity\":{\"cpu\":\"2\",\"memory\":\"8Gi\",\"pods\":\"110\"},"
            + "\"allocatable\":{\"cpu\":\"2\",\"memory\":\"8Gi\",\"pods\":\"110\"},"
            + "\"nodeInfo\":{\"kubeletVersion\":\"v1.20.2\",\"operatingSystem\":\"linux\",\"architecture\":\"amd64\","
            + "\"containerRuntimeVersion\":\"fake://chartreuse\",\"kubeProxyVersion\":\"v1.20.2\",\"machineID\":\"\",\"systemUUID\":\"\","
            + "\"bootID\":\"\",\"kernelVersion\":\"\",\"osImage\":\"\"}}}";
    admin
        .nodes()
        .withName(NODE_NAME)
        .subresource("status")
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), status);
  }

  /** An admin client (system:masters). Do not close it; it lives as long as the cluster. */
  public KubernetesClient admin() {
    return admin;
  }

  /** The admin kubeconfig file, for helm, kubectl and the chartreuse CLI. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  public URI apiServer() {
    return apiServer;
  }

  /** The CA that signed the API server's certificate, PEM. */
  public String caCertPem() {
    return caCertPem;
  }

  public Path helm() {
    return helm;
  }

  public Path kubectl() {
    return kubectl;
  }

  /**
   * Helm 4: {@code HELM4}, else the run's {@code cluster.env}, else the cache's; fetched by {@code
   * scripts/test-cluster build} when missing (a control plane started by an older script has none).
   */
  public synchronized Path helm4() {
    if (helm4 == null) {
      Path path =
          Paths.get(
              Optional.ofNullable(System.getenv("HELM4"))
                  .or(
                      () ->
                          Optional.ofNullable(runDir)
                              .map(dir -> readEnvFile(dir.resolve("cluster.env")).get("HELM4")))
                  .orElse(defaultTools(basedir).get("HELM4")));
      if (!Files.isExecutable(path)) {
        Processes.run(
                List.of(basedir.resolve("scripts/test-cluster").toString(), "build"),
                Map.of(),
                basedir,
                Duration.ofMinutes(30))
            .assertOk();
      }
      helm4 = path;
    }
    return helm4;
  }

  /** Whether this test run started the control plane (and so stops it at the end). */
  public boolean startedHere() {
    return startedHere;
  }

  /**
   * Creates a namespace with a unique name based on {@code prefix} and waits for its default
   * ServiceAccount token.
   */
  public String createNamespace(String prefix) {
    String base = prefix.toLowerCase().replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    if (base.length() > 40) {
      base = base.substring(0, 40).replaceAll("-+$", "");
    }
    String name =
        (base.isEmpty() ? "t" : base)
            + "-"
            + Long.toString(System.nanoTime() % 46656L + 46656L, 36).substring(1);
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
    serviceAccountToken(name, "default", Duration.ofSeconds(60));
    return name;
  }

  /**
   * The token of a ServiceAccount, from the token Secret that the controller-manager creates for it
   * (Kubernetes 1.20). Waits for it up to {@code timeout}.
   */
  public String serviceAccountToken(String namespace, String serviceAccount, Duration timeout) {
    return Await.value(
        timeout,
        "token Secret of ServiceAccount " + namespace + "/" + serviceAccount,
        () -> {
          ServiceAccount sa =
              admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount).get();
          if (sa == null || sa.getSecrets() == null) {
            return Optional.empty();
          }
          for (var ref : sa.getSecrets()) {
            Secret s = admin.secrets().inNamespace(namespace).withName(ref.getName()).get();
            if (s != null
                && "kubernetes.io/service-account-token".equals(s.getType())
                && s.getData() != null
                && s.getData().get("token") != null) {
              return Optional.of(
                  new String(
                      Base64.getDecoder().decode(s.getData().get("token")),
                      StandardCharsets.UTF_8));
            }
          }
          return Optional.empty();
        });
  }

  /**
   * A client that authenticates with the ServiceAccount's own token, so RBAC applies. Close it when
   * done.
   */
  public KubernetesClient clientAs(String namespace, String serviceAccount) {
    String token = serviceAccountToken(namespace, serviceAccount, Duration.ofSeconds(60));
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(apiServer.toString())
            .withOauthToken(token)
            .withCaCertData(
                Base64.getEncoder().encodeToString(caCertPem.getBytes(StandardCharsets.US_ASCII)))
            .withNamespace(namespace)
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Environment for helm/kubectl/chartreuse processes aimed at this cluster as admin. */
  public Map<String, String> toolEnv() {
    Path home = basedir.resolve("target/test-cluster-home");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("HELM_CACHE_HOME", home.resolve("helm/cache").toString());
    env.put("HELM_CONFIG_HOME", home.resolve("helm/config").toString());
    env.put("HELM_DATA_HOME", home.resolve("helm/data").toString());
    env.put("HELM_BIN", helm.toString());
    return env;
  }

  /** Runs helm with the admin kubeconfig; {@code args} as on the command line. */
  public ProcessResult helm(Duration timeout, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(helm.toString());
    cmd.addAll(List.of(args));
    return Processes.run(cmd, toolEnv(), basedir, timeout);
  }

  /** Runs kubectl with the admin kubeconfig. */
  public ProcessResult kubectl(Duration timeout, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(kubectl.toString());
    cmd.addAll(List.of(args));
    return Processes.run(cmd, toolEnv(), basedir, timeout);
  }

  /** Stops the control plane if this run started it. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    KubeletLogServer.get().forget(apiServer);
    try {
      admin.close();
    } catch (RuntimeException ignored) {
      // best effort
    }
    if (startedHere) {
      Map<String, String> env = Map.of("CHARTREUSE_TEST_CLUSTER_DIR", runDir.toString());
      ProcessResult stop =
          Processes.run(
              List.of(basedir.resolve("scripts/test-cluster").toString(), "stop"),
              env,
              basedir,
              Duration.ofSeconds(60));
      if (!stop.ok()) {
        System.err.println("[test-cluster] stop failed: " + stop);
      }
    }
  }
}
