package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.config.RunnerConfig;
import io.chartreuse.config.RunnerConfigLoader;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.log.Redactor;
import io.chartreuse.log.TextLog;
import java.io.PrintStream;
import java.time.Clock;

/**
 * What every command shares: its streams, its environment, and the redactor every line passes
 * through.
 */
public record CliContext(PrintStream out, PrintStream err, Env env, Redactor redactor) {
  public CliContext(PrintStream out, PrintStream err, Env env) {
    this(out, err, env, new Redactor());
  }

  /**
   * The runner's configuration from the environment, its secrets registered with the redactor once.
   * The loader's messages never quote a value, so nothing needs registering before it runs.
   */
  RunnerConfig runnerConfig() {
    RunnerConfig config = new RunnerConfigLoader(env).load();
    config.secrets().forEach(redactor::register);
    return config;
  }

  /** API calls whose retry warnings go to standard error as plain log lines. */
  ApiCalls api() {
    return new ApiCalls(new TextLog(err, redactor, Clock.systemUTC(), false));
  }
}
