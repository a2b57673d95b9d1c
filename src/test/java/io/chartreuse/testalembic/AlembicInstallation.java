package io.chartreuse.testalembic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The two Alembic installations the runner supports and the tests use: Debian's python3-alembic
 * (1.8, SQLAlchemy 1.4, psycopg2) and the current Alembic with SQLAlchemy 2.x in a virtual
 * environment that {@code scripts/alembic-venv} makes once and caches under ~/.cache/chartreuse
 * (run here when missing).
 */
public enum AlembicInstallation {
  DEBIAN,
  CURRENT;

  private static String venvPython;

  public String python() {
    return this == DEBIAN ? "/usr/bin/python3" : venv();
  }

  private static synchronized String venv() {
    if (venvPython == null) {
      Path script = Path.of(System.getProperty("chartreuse.basedir", "."), "scripts/alembic-venv");
      try {
        Process process =
            new ProcessBuilder(script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out =
            new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0 || out.isEmpty()) {
          throw new IllegalStateException(script + " failed (exit " + process.exitValue() + ")");
        }
        venvPython = out;
      } catch (IOException e) {
        throw new IllegalStateException("cannot run " + script, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return venvPython;
  }
}
