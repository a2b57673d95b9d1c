package io.chartreuse.training;

import io.chartreuse.cli.Main;
import io.chartreuse.config.Env;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The run a start-up archive is made from (bin/chartreuse with CHARTREUSE_CDS,
 * docker/make-archive): the product's own {@code status -A} in every format, in this JVM, against
 * the canned cluster, so that the archive covers the whole path of a real {@code status}: command
 * tree, Kubernetes client, TLS handshake, JSON reading, release decoding, rendering. Shipped beside
 * the product jar as chartreuse-training.jar, never inside it. Exit status: the worst exit code of
 * the runs, 7 (the canned record's stranded Deployment, asked for with --fail-on) counting as
 * success.
 */
public final class TrainingRun {
  private static final List<String> FORMATS = List.of("json", "table", "yaml");

  private TrainingRun() {}

  public static void main(String[] args) {
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    int worst = 0;
    try (CannedCluster cluster = CannedCluster.start()) {
      for (String format : FORMATS) {
        int code =
            Main.execute(
                new String[] {
                  "status",
                  "-A",
                  "-o",
                  format,
                  "--fail-on",
                  "stranded",
                  "--kubeconfig",
                  cluster.kubeconfig().toString()
                },
                discard,
                System.err,
                new Env(Map.of()));
        worst = Math.max(worst, code == 7 ? 0 : code);
      }
    }
    try (CannedPostgres database = CannedPostgres.start()) {
      databaseCommands(database, discard);
    }
    System.exit(worst);
  }

  /**
   * {@code check} on an Alembic and a Flyway project and the runner's {@code run --check-only},
   * against the canned database: their exit codes say nothing (every answer is empty), their
   * classes are what the archive needs for the CI gate and the migration Job.
   */
  private static void databaseCommands(CannedPostgres database, PrintStream discard) {
    Path projects = TrainingProjects.write();
    try {
      String url = "postgresql://training@127.0.0.1:" + database.port() + "/training";
      Map<String, String> password = Map.of("CHARTREUSE_DATABASE_PASSWORD", "training");
      for (String project : List.of("alembic", "flyway")) {
        Main.execute(
            new String[] {
              "check",
              "--url",
              url,
              "--migrations",
              projects.resolve(project).toString(),
              "-o",
              project.equals("alembic") ? "json" : "table"
            },
            discard,
            discard,
            new Env(password));
      }
      Main.execute(
          new String[] {"run", "--check-only", "--skip-version-check", "-o", "json"},
          discard,
          discard,
          new Env(
              Map.of(
                  "CHARTREUSE_DATABASE_URL", url,
                  "CHARTREUSE_DATABASE_PASSWORD", "training",
                  "CHARTREUSE_FLYWAY_LOCATIONS", "filesystem:" + projects.resolve("flyway"),
                  "CHARTREUSE_DATABASE_WAIT_TIMEOUT", "2",
                  "CHARTREUSE_LOCK_TIMEOUT", "1")));
    } finally {
      CannedCluster.delete(projects);
    }
  }
}
