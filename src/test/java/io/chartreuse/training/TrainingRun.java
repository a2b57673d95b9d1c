package io.chartreuse.training;

import io.chartreuse.cli.Main;
import io.chartreuse.config.Env;
import java.io.OutputStream;
import java.io.PrintStream;
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
    System.exit(worst);
  }
}
