package io.chartreuse.cli;

import io.chartreuse.cds.Training;
import io.chartreuse.config.Env;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: the representative run that bin/chartreuse records the class list of, to dump its start-up
 * archive (CHARTREUSE_CDS=create). Runs `status -A` in every format, in this JVM, against the canned
 * cluster of {@link Training}, so that the archive covers the whole path of a real `status`.
 */
@Command(name = "cds-training", hidden = true, description = "Internal: the run the start-up archive is made from.")
final class CdsTrainingCommand implements Callable<Integer> {
  private static final List<String> FORMATS = List.of("json", "table", "yaml");

  private final CliContext context;

  CdsTrainingCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    int worst = 0;
    try (Training training = Training.start()) {
      for (String format : FORMATS) {
        // The canned record has a pending migration and a failure: --fail-on exercises the exit codes too.
        int code = CommandLineFactory.create(new CliContext(discard, context.err(), new Env(Map.of())))
            .execute("status", "-A", "-o", format, "--fail-on", "stranded", "--kubeconfig", training.kubeconfig().toString());
        worst = Math.max(worst, code == 7 ? 0 : code);
      }
    }
    return worst;
  }
}
