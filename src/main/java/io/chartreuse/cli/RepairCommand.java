package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.config.RunnerConfig;
import io.chartreuse.log.Log;
import io.chartreuse.log.Redactor;
import io.chartreuse.runner.RepairRun;
import io.chartreuse.version.RunnerVersion;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chartreuse repair}: Flyway's repair, configured like {@code run} (the same variables). */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    description = {
      "Flyway: remove the history rows of failed migrations that are pending again, so the next run applies them.",
      "Undo what a failed migration left half done first. Configured by the same variables as run."
    })
final class RepairCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = "--realign-checksums",
      description =
          "Also realign applied checksums and descriptions to the files, and mark migrations whose files are gone as deleted (Flyway's full repair).")
  boolean realign;

  @Mixin LogOptions logOptions;

  RepairCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Env env = context.env();
    Redactor redactor = context.redactor();
    Log log = logOptions.create(env, context.err(), redactor);
    RunnerConfig config = context.runnerConfig();
    String applicationName = "chartreuse " + RunnerVersion.current() + " repair";
    for (String line :
        new RepairRun(config, applicationName, log, Clock.systemUTC()).repair(realign)) {
      context.out().println(redactor.redact(line));
    }
    context.out().flush();
    return 0;
  }
}
