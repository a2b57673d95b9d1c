package io.chartreuse.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The namespace of one test class on the shared control plane, with its fake kubelet. */
public final class TestNamespace implements AutoCloseable {
  private final TestCluster cluster;
  private final String name;
  private final FakeKubelet kubelet;
  private final List<KubernetesClient> clients = new ArrayList<>();
  private boolean closed;

  TestNamespace(TestCluster cluster, String name, boolean withKubelet) {
    this.cluster = cluster;
    this.name = name;
    this.kubelet = withKubelet ? new FakeKubelet(cluster, name).start() : null;
  }

  /**
   * Creates a namespace named after {@code prefix} (plus a random suffix) and starts a kubelet for
   * it.
   */
  public static TestNamespace create(TestCluster cluster, String prefix, boolean withKubelet) {
    return new TestNamespace(cluster, cluster.createNamespace(prefix), withKubelet);
  }

  public String name() {
    return name;
  }

  public TestCluster cluster() {
    return cluster;
  }

  /** The admin client, aimed at this namespace. Do not close it. */
  public KubernetesClient admin() {
    return cluster.admin();
  }

  /**
   * A client authenticated as ServiceAccount {@code serviceAccount} of this namespace (RBAC
   * applies). Closed with the namespace.
   */
  public synchronized KubernetesClient clientAs(String serviceAccount) {
    KubernetesClient c = cluster.clientAs(name, serviceAccount);
    clients.add(c);
    return c;
  }

  /** The fake kubelet for this namespace. */
  public FakeKubelet kubelet() {
    if (kubelet == null) {
      throw new IllegalStateException(
          "this test class runs without a fake kubelet (@KubeTest(kubelet = false))");
    }
    return kubelet;
  }

  public Path helm() {
    return cluster.helm();
  }

  public Path kubectl() {
    return cluster.kubectl();
  }

  /** {@code helm … --namespace <this>} as admin. */
  public ProcessResult helm(Duration timeout, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--namespace");
    all.add(name);
    return cluster.helm(timeout, all.toArray(String[]::new));
  }

  /** {@code kubectl --namespace <this> …} as admin. */
  public ProcessResult kubectl(Duration timeout, String... args) {
    List<String> all = new ArrayList<>(List.of("--namespace", name));
    all.addAll(List.of(args));
    return cluster.kubectl(timeout, all.toArray(String[]::new));
  }

  /**
   * Stops the kubelet, removes the namespace's pods at once and deletes the namespace (without
   * waiting).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    clients.forEach(KubernetesClient::close);
    clients.clear();
    if (kubelet != null) {
      kubelet.close();
    }
    try {
      cluster.admin().pods().inNamespace(name).withGracePeriod(0).delete();
      cluster.admin().namespaces().withName(name).delete();
    } catch (RuntimeException e) {
      System.err.println(
          "[test-cluster] could not clean up namespace " + name + ": " + e.getMessage());
    }
  }
}
