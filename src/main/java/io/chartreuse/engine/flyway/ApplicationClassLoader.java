package io.chartreuse.engine.flyway;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * The class loader Flyway scans {@code classpath:} locations and loads Java migrations with: the
 * runner's own, or, with application jars, a loader of its own over them. The runner's loader is
 * the parent and is asked first, so Flyway's API and the JDBC driver are the runner's, and an
 * application that bundles another Flyway or driver version cannot break them; everything else a
 * Java migration uses must be in the given jars.
 */
final class ApplicationClassLoader {
  private ApplicationClassLoader() {}

  static ClassLoader of(List<Path> jars) {
    ClassLoader runner = FlywayEngine.class.getClassLoader();
    if (jars.isEmpty()) {
      return runner;
    }
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("not a jar path: " + jars.get(i), e);
      }
    }
    return new URLClassLoader("application-migrations", urls, runner);
  }
}
