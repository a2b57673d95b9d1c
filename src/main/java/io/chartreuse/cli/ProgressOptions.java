package io.chartreuse.cli;

import io.chartreuse.progress.Progress;
import java.io.PrintStream;
import java.time.Clock;
import picocli.CommandLine.Option;

/** {@code --progress auto|lines|off}: what a command says on standard error while it waits. */
final class ProgressOptions {
  enum Mode {
    auto,
    lines,
    off
  }

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      description = "While waiting: auto (in place on a terminal, lines otherwise), lines, or off.")
  Mode progress = Mode.auto;

  /** A new indicator for one wait. */
  Progress start(PrintStream err) {
    return Progress.on(err, Clock.systemUTC(), progress.name());
  }
}
