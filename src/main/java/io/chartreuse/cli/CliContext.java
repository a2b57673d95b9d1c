package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.log.Redactor;
import io.chartreuse.log.TextLog;
import java.time.Clock;
import java.io.PrintStream;

/** What every command shares: its streams, its environment, and the redactor every line passes through. */
public record CliContext(PrintStream out, PrintStream err, Env env, Redactor redactor) {
  public CliContext(PrintStream out, PrintStream err, Env env) {
    this(out, err, env, new Redactor());
  }

  /** API calls whose retry warnings go to standard error as plain log lines. */
  ApiCalls api() {
    return new ApiCalls(new TextLog(err, redactor, Clock.systemUTC(), false));
  }
}
