package io.chartreuse.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chartreuse.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/chartreuse picks the start-up cache of the Java it finds, as real processes: the AppCDS
 * archive on Java 17 (the only Java there is), the AOT cache on Java 25 (each Java its own, the
 * other's ignored, a stale one remade), and none, quietly, where the installation cannot be
 * written.
 */
class LauncherRoutesIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(180);

  @TempDir Path temp;

  @Test
  void java17AloneUsesTheAppCdsArchive() throws IOException {
    Path home = Distribution.layOut(temp.resolve("dist"));
    Map<String, String> java17 = Map.of("JAVA", Javas.java17().toString());

    PackagingProcess create = launcher(home, java17, Map.of("CHARTREUSE_CDS", "create"));
    assertEquals(0, create.exitCode(), create.toString());
    assertTrue(create.stderr().contains("start-up archive written"), create.toString());
    assertTrue(Files.size(home.resolve("lib/chartreuse.jsa")) > 1_000_000, create.toString());
    assertFalse(Files.exists(home.resolve("lib/chartreuse.aot")), "no AOT cache on Java 17");

    String jvm = jvmCommandLine(home, java17);
    assertTrue(jvm.contains("-XX:SharedArchiveFile=" + home.resolve("lib/chartreuse.jsa")), jvm);
    assertFalse(jvm.contains("AOTCache"), jvm);
    assertQuietVersion(launcher(home, java17, Map.of(), "version"));
    assertQuietVersion(launcher(home, java17, Map.of(), "--version"));
    String version = execLine(bashX(home, java17, "version"));
    assertFalse(version.contains("SharedArchiveFile"), "version alone maps no archive: " + version);
  }

  @Test
  void java25UsesAnAotCacheAndEachJavaItsOwn() throws IOException {
    Optional<Path> found = Javas.java25();
    assumeTrue(
        found.isPresent(),
        "no Java 25 or later under /usr/lib/jvm or in CHARTREUSE_TEST_JAVA25: the AOT route cannot"
            + " be tried");
    Path home = Distribution.layOut(temp.resolve("dist"));
    Path cache = home.resolve("lib/chartreuse.aot");
    Map<String, String> java25 = Map.of("JAVA", found.get().toString());
    Map<String, String> java17 = Map.of("JAVA", Javas.java17().toString());

    PackagingProcess create = launcher(home, java25, Map.of("CHARTREUSE_CDS", "create"));
    assertEquals(0, create.exitCode(), create.toString());
    assertTrue(Files.size(cache) > 1_000_000, create.toString());
    assertFalse(Files.exists(home.resolve("lib/chartreuse.jsa")), "no AppCDS archive on Java 25");
    String jvm = jvmCommandLine(home, java25);
    assertTrue(jvm.contains("-XX:AOTCache=" + cache), jvm);
    assertTrue(jvm.contains("-cp " + home.resolve("lib/chartreuse.jar") + ":"), jvm);
    assertQuietVersion(launcher(home, java25, Map.of(), "version"));
    PackagingProcess help = launcher(home, java25, Map.of(), "status", "--help");
    assertEquals(0, help.exitCode(), help.toString());
    assertTrue(help.stdout().startsWith("Usage: chartreuse status"), help.toString());
    assertEquals("", help.stderr(), help.toString());

    // The Java changed to 17: it is not given the AOT cache, and makes its own archive.
    assertQuietVersion(launcher(home, java17, Map.of(), "version"));
    waitForMaker(home.resolve("lib/chartreuse.jsa"));
    assertTrue(
        jvmCommandLine(home, java17).contains("-XX:SharedArchiveFile="), "Java 17's archive");
    assertTrue(jvmCommandLine(home, java25).contains("-XX:AOTCache="), "Java 25's cache kept");

    // A cache made by another Java 25 build, or older than the jar, is stale: not passed, remade.
    Files.writeString(home.resolve("lib/chartreuse.aot.java"), "/opt/other-jdk 25.0.0+1\n");
    assertFalse(jvmCommandLine(home, java25).contains("AOTCache"), "another Java's cache");
    waitForMaker(cache);
    assertTrue(jvmCommandLine(home, java25).contains("-XX:AOTCache="), "remade");
    Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minusSeconds(3600)));
    Files.setLastModifiedTime(
        home.resolve("lib/chartreuse.jar"), FileTime.from(Instant.now().minusSeconds(60)));
    assertFalse(jvmCommandLine(home, java25).contains("AOTCache"), "a cache older than the jar");
    assertQuietVersion(launcher(home, java25, Map.of(), "version"));
    waitForMaker(cache);
  }

  @Test
  void aReadOnlyInstallationRunsWithoutACacheQuietly() throws IOException {
    List<Map<String, String>> javas = new ArrayList<>();
    javas.add(Map.of("JAVA", Javas.java17().toString()));
    Javas.java25().ifPresent(java -> javas.add(Map.of("JAVA", java.toString())));
    for (Map<String, String> java : javas) {
      Path home = Distribution.layOut(temp.resolve("dist-" + javas.indexOf(java)));
      ReadOnly.prepare(temp, home);

      assertQuietVersion(ReadOnly.run(home, java, "version"));
      PackagingProcess help = ReadOnly.run(home, java, "--help");
      assertEquals(0, help.exitCode(), help.toString());
      assertEquals("", help.stderr(), help.toString());
      PackagingProcess trace = ReadOnly.run(home, java, "bash", "-x", "--help");
      String jvm = execLine(trace);
      assertFalse(jvm.contains("SharedArchiveFile") || jvm.contains("AOTCache"), jvm);
      try (Stream<Path> files = Files.list(home.resolve("lib"))) {
        assertEquals(
            List.of("chartreuse-training.jar", "chartreuse.jar"),
            files.map(f -> f.getFileName().toString()).sorted().toList(),
            "nothing written for " + java);
      }
    }
  }

  private static PackagingProcess launcher(
      Path home, Map<String, String> java, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/chartreuse").toString()));
    command.addAll(List.of(args));
    return PackagingProcess.run(command, merge(java, env), home, TIMEOUT);
  }

  /**
   * The java command line the launcher ends with (its exec, traced by bash) for a command other
   * than {@code version}, which runs without a cache.
   */
  private static String jvmCommandLine(Path home, Map<String, String> java) {
    return execLine(bashX(home, java, "--help"));
  }

  private static PackagingProcess bashX(Path home, Map<String, String> java, String... args) {
    List<String> command =
        new ArrayList<>(List.of("bash", "-x", home.resolve("bin/chartreuse").toString()));
    command.addAll(List.of(args));
    return PackagingProcess.run(command, java, home, TIMEOUT);
  }

  static String execLine(PackagingProcess trace) {
    assertEquals(0, trace.exitCode(), trace.toString());
    return trace
        .stderr()
        .lines()
        .filter(line -> line.startsWith("+ exec "))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no exec traced: " + trace));
  }

  private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    Map<String, String> merged = new java.util.HashMap<>(a);
    merged.putAll(b);
    return merged;
  }

  static void assertQuietVersion(PackagingProcess run) {
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(
        "chartreuse " + System.getProperty("chartreuse.version", "dev") + "\n",
        run.stdout(),
        run.toString());
    assertEquals("", run.stderr(), run.toString());
  }

  /** Waits until the background maker has written {@code cache} and let go of its lock. */
  private static void waitForMaker(Path cache) {
    Await.until(
        TIMEOUT,
        "the background cache " + cache,
        () -> {
          try {
            return Files.exists(cache)
                && !Files.exists(cache.resolveSibling(cache.getFileName() + ".lock"))
                && !Files.getLastModifiedTime(cache)
                    .toInstant()
                    .isBefore(
                        Files.getLastModifiedTime(cache.resolveSibling("chartreuse.jar"))
                            .toInstant())
                && Files.exists(cache.resolveSibling(cache.getFileName() + ".java"))
                && !Files.readString(cache.resolveSibling(cache.getFileName() + ".java"))
                    .startsWith("/opt/other-jdk");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /**
   * An installation its user cannot write: as root (who may write anywhere), the launcher runs as
   * nobody in a root-owned installation, as after a system-wide install; otherwise lib/ is made
   * read-only.
   */
  private static final class ReadOnly {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    static void prepare(Path temp, Path home) throws IOException {
      if (ROOT) {
        for (Path dir = home; dir.startsWith(temp); dir = dir.getParent()) {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      } else {
        Files.setPosixFilePermissions(
            home.resolve("lib"), PosixFilePermissions.fromString("r-xr-xr-x"));
      }
    }

    /** {@code args}: the launcher's, or "bash", "-x" and the launcher's to trace it. */
    static PackagingProcess run(Path home, Map<String, String> java, String... args) {
      List<String> command = new ArrayList<>();
      if (ROOT) {
        command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
      }
      List<String> rest = new ArrayList<>(List.of(args));
      int launcherAt = rest.size() > 1 && rest.get(0).equals("bash") ? 2 : 0;
      rest.add(launcherAt, home.resolve("bin/chartreuse").toString());
      command.addAll(rest);
      return PackagingProcess.run(command, java, home, TIMEOUT);
    }
  }
}
