package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.report.Redactor;
import java.io.PrintStream;

/** What every command shares: its streams, its environment, and the redactor every line passes through. */
public record CliContext(PrintStream out, PrintStream err, Env env, Redactor redactor) {
  public CliContext(PrintStream out, PrintStream err, Env env) {
    this(out, err, env, new Redactor());
  }
}
