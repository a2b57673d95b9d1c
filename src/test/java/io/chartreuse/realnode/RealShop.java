package io.chartreuse.realnode;

import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
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
 * examples/shop on the real node, as a user ships it: the migrations baked into an image built FROM
 * the runner image ({@code COPY migrations /app/migrations}), built anew before each install or
 * upgrade from a copy of the example's migrations that a test may change; the database the test
 * PostgreSQL, reached from pods through the Docker bridge.
 */
final class RealShop {
  static final String RELEASE = "shop";
  private static final Duration HELM_TIMEOUT = Duration.ofMinutes(4);

  private final RealNode node;
  private final String namespace;
  private final TestDatabase database;
  private final MigrationFiles migrations;
  private final Path context;
  private int builds;

  RealShop(RealNode node, String namespace, TestDatabase database, Path temp) {
    this.node = node;
    this.namespace = namespace;
    this.database = database;
    this.context = temp.resolve("image");
    this.migrations = new MigrationFiles(context.resolve("migrations"));
    copy(TestCluster.basedir().resolve("examples/shop/migrations"), migrations.directory());
    node.helm(
            HELM_TIMEOUT,
            "dependency",
            "update",
            TestCluster.basedir().resolve("examples/shop").toString())
        .assertOk();
    node.admin()
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
  }

  MigrationFiles migrations() {
    return migrations;
  }

  String namespace() {
    return namespace;
  }

  /**
   * {@code helm VERB shop examples/shop} with a freshly built migrations image and {@code --set
   * chartreuse.<k>=<v>}.
   */
  ProcessResult helm(String verb, String... chartreuseSets) {
    return node.helm(HELM_TIMEOUT, arguments(verb, chartreuseSets).toArray(String[]::new));
  }

  /**
   * The same upgrade through {@code kubectl chartreuse upgrade} (preflight, then the Job's outcome
   * and log).
   */
  ProcessResult upgradeThroughPlugin(String... chartreuseSets) {
    List<String> args = new ArrayList<>(List.of("chartreuse"));
    args.addAll(arguments("upgrade", chartreuseSets));
    return node.kubectl(HELM_TIMEOUT, args.toArray(String[]::new));
  }

  private List<String> arguments(String verb, String... chartreuseSets) {
    String tag = buildImage();
    List<String> args =
        new ArrayList<>(
            List.of(
                verb,
                RELEASE,
                TestCluster.basedir().resolve("examples/shop").toString(),
                "-n",
                namespace,
                "--timeout",
                "180s",
                "--set",
                "chartreuse.image.repository=shop-migrations",
                "--set",
                "chartreuse.image.tag=" + tag,
                "--set",
                "chartreuse.database.url=postgresql://"
                    + node.postgresHost()
                    + ":"
                    + node.postgresPort()
                    + "/"
                    + database.name(),
                "--set",
                "chartreuse.database.user=" + database.user(),
                "--set",
                "chartreuse.timeouts.database=60",
                "--set",
                "chartreuse.timeouts.stopPods=180"));
    for (String set : chartreuseSets) {
      args.add("--set");
      args.add("chartreuse." + set);
    }
    return args;
  }

  /**
   * {@code FROM <runner image>} plus the migrations as they are now; tagged per namespace and
   * build.
   */
  private String buildImage() {
    String tag =
        node.runnerImage().substring(node.runnerImage().indexOf(':') + 1)
            + "-"
            + namespace
            + "-"
            + ++builds;
    try {
      Files.writeString(
          context.resolve("Dockerfile"),
          "FROM " + node.runnerImage() + "\nCOPY migrations /app/migrations\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    node.docker(
            Duration.ofMinutes(2),
            "build",
            "-q",
            "-t",
            "shop-migrations:" + tag,
            context.toString())
        .assertOk();
    return tag;
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
}
