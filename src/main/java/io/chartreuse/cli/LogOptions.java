package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.config.Variables;
import io.chartreuse.log.JsonLinesLog;
import io.chartreuse.log.Log;
import io.chartreuse.log.Redactor;
import io.chartreuse.log.TextLog;
import java.io.PrintStream;
import java.time.Clock;
import picocli.CommandLine.Option;

/** How log lines look on standard error. */
final class LogOptions {
  enum LogFormat {
    text,
    json
  }

  @Option(
      names = "--log-format",
      description =
          "Log lines on standard error: ${COMPLETION-CANDIDATES} (default: text, or CHARTREUSE_LOG_FORMAT).")
  LogFormat logFormat;

  @Option(names = "--debug", description = "Also log debug lines.")
  boolean debug;

  Log create(Env env, PrintStream err, Redactor redactor) {
    LogFormat format =
        logFormat != null
            ? logFormat
            : env.choice(Variables.LOG_FORMAT, LogFormat.class, LogFormat.text);
    return format == LogFormat.json
        ? new JsonLinesLog(err, redactor, Clock.systemUTC(), debug)
        : new TextLog(err, redactor, Clock.systemUTC(), debug);
  }
}
