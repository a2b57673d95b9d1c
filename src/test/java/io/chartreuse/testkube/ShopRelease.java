package io.chartreuse.testkube;

import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testing.FakeKubelet;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestCluster;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The example application chart (examples/shop) installed with the real helm into a test namespace;
 * the fake kubelet runs the chartreuse image's containers as the packaged jar, with /app/migrations
 * mapped to a copy of the example's migrations that a test may extend before an upgrade.
 */
public final class ShopRelease implements AutoCloseable {
  public static final String RELEASE = "shop";
  public static final Duration HELM_TIMEOUT = Duration.ofMinutes(3);

  private final TestCluster cluster;
  private final String namespace;
  private final TestDatabase database;
  private final MigrationFiles migrations;
  private final FakeKubelet kubelet;

  public ShopRelease(TestCluster cluster, String namespace, TestDatabase database, Path temp) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.database = database;
    this.migrations = new MigrationFiles(temp.resolve("migrations"));
    copy(TestCluster.basedir().resolve("examples/shop/migrations"), migrations.directory());
    cluster
        .helm(
            HELM_TIMEOUT,
            "dependency",
            "update",
            TestCluster.basedir().resolve("examples/shop").toString())
        .assertOk();
    cluster
        .admin()
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("shop-database")
                .endMetadata()
                .addToStringData("password", database.password())
                .build())
        .create();
    this.kubelet =
        new FakeKubelet(cluster, namespace)
            .mapPath("/app/migrations", migrations.directory())
            .start();
  }

  public MigrationFiles migrations() {
    return migrations;
  }

  public FakeKubelet kubelet() {
    return kubelet;
  }

  /**
   * {@code helm install} or {@code helm upgrade} of the shop with chartreuse values {@code --set
   * chartreuse.<k>=<v>}.
   */
  public ProcessResult helm(String verb, String... chartreuseSets) {
    List<String> args = new ArrayList<>(List.of(verb, RELEASE));
    args.addAll(chartArguments(chartreuseSets));
    return cluster.helm(HELM_TIMEOUT, args.toArray(String[]::new));
  }

  /**
   * What follows {@code helm upgrade shop}: the chart, the namespace, a timeout and the chartreuse
   * values ({@code --set chartreuse.<k>=<v>}).
   */
  public List<String> chartArguments(String... chartreuseSets) {
    List<String> args =
        new ArrayList<>(
            List.of(
                TestCluster.basedir().resolve("examples/shop").toString(),
                "-n",
                namespace,
                "--timeout",
                "150s",
                "--set",
                "chartreuse.database.url=postgresql://"
                    + database.host()
                    + ":"
                    + database.port()
                    + "/"
                    + database.name(),
                "--set",
                "chartreuse.database.user=" + database.user(),
                "--set",
                "chartreuse.timeouts.database=30",
                "--set",
                "chartreuse.timeouts.stopPods=60"));
    for (String set : chartreuseSets) {
      args.add("--set");
      args.add("chartreuse." + set);
    }
    return args;
  }

  /**
   * The runner in check-only mode from a workstation, as {@code launch --check-only} would run it:
   * refreshes the status record without migrating.
   */
  public CliProcess.Result checkOnly() {
    return CliProcess.of("run", "--check-only", "-n", namespace)
        .env("KUBECONFIG", cluster.kubeconfig().toString())
        .env("CHARTREUSE_DATABASE_URL", database.jdbcUrl())
        .env("CHARTREUSE_DATABASE_USER", database.user())
        .env("CHARTREUSE_DATABASE_PASSWORD", database.password())
        .env("CHARTREUSE_FLYWAY_LOCATIONS", migrations.location())
        .env("CHARTREUSE_RELEASE_NAME", RELEASE)
        .env("CHARTREUSE_STATUS_CONFIGMAP", "shop-chartreuse-status")
        .env("HELM_CHART_APP_VERSION", System.getProperty("chartreuse.version", "0.1.0"))
        .secret(database.password())
        .run();
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> files = Files.list(from)) {
      Files.createDirectories(to);
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    kubelet.close();
  }
}
