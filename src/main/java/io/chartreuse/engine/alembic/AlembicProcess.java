package io.chartreuse.engine.alembic;

import io.chartreuse.config.AlembicSettings;
import io.chartreuse.config.Secret;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.log.Log;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code upgrade} through Alembic's documented Python API as a subprocess in the Alembic
 * directory. The URL travels in the child's environment (read and removed by a small bootstrap),
 * never on its command line; the argument list is passed as is, with no shell.
 */
final class AlembicProcess {
  private static final String BOOTSTRAP = readBootstrap();

  private final AlembicSettings settings;
  private final Log log;

  AlembicProcess(AlembicSettings settings, Log log) {
    this.settings = settings;
    this.log = log;
  }

  /** Output lines of a finished run and its exit code. */
  record Result(int exitCode, List<String> output) {}

  Result run(Secret sqlalchemyUrl, List<String> bootstrapArguments) {
    List<String> arguments = new ArrayList<>(List.of(settings.python(), "-c", BOOTSTRAP));
    arguments.addAll(bootstrapArguments);
    ProcessBuilder builder =
        new ProcessBuilder(arguments)
            .directory(settings.directory().toFile())
            .redirectErrorStream(true);
    builder.environment().put("CHARTREUSE_SQLALCHEMY_URL", sqlalchemyUrl.value());
    builder
        .environment()
        .put("PYTHONUNBUFFERED", "1"); // keeps the bootstrap's lines in order with the log's
    List<String> output = new ArrayList<>();
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          output.add(line);
          log.info("alembic: " + line);
        }
      }
      return new Result(process.waitFor(), output);
    } catch (IOException e) {
      throw ChartreuseException.failed(
          "cannot start "
              + settings.python()
              + " for Alembic in "
              + settings.directory()
              + ": "
              + e.getMessage()
              + "; set CHARTREUSE_PYTHON to an interpreter that has alembic installed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ChartreuseException.failed("interrupted while Alembic was running");
    }
  }

  private static String readBootstrap() {
    try (InputStream in = AlembicProcess.class.getResourceAsStream("run_alembic.py")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("run_alembic.py is missing from the jar", e);
    }
  }
}
