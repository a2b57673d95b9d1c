package io.chartreuse.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/chartreuse and bin/kubectl-chartreuse in a distribution's layout: the start-up archive
 * (AppCDS) next to the jar is made once and used, and a missing, stale, foreign or broken archive
 * never shows on the output.
 */
class LauncherIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path temp;

  @Test
  void firstRunIsQuietAndMakesTheArchiveInTheBackgroundForLaterRuns() throws IOException {
    Path home = Distribution.layOut(temp.resolve("dist"));
    Path archive = home.resolve("lib/chartreuse.jsa");

    assertQuietVersion(launcher(home, "chartreuse", Map.of(), "version"));
    waitFor(archive);
    assertQuietVersion(launcher(home, "chartreuse", Map.of(), "version"));
    PackagingProcess help = launcher(home, "chartreuse", Map.of(), "--help");
    assertEquals(0, help.exitCode(), help.toString());
    assertTrue(help.stdout().startsWith("Usage: chartreuse"), help.toString());
    assertEquals("", help.stderr(), help.toString());
    try (Stream<Path> files = Files.list(home.resolve("lib"))) {
      assertEquals(
          List.of(
              "chartreuse-training.jar", "chartreuse.jar", "chartreuse.jsa", "chartreuse.jsa.java"),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "no temporary archive or lock left behind");
    }
  }

  @Test
  void createModeWritesTheArchiveAndOffModeNeitherUsesNorMakesOne() throws IOException {
    Path home = Distribution.layOut(temp.resolve("dist"));
    Path archive = home.resolve("lib/chartreuse.jsa");

    assertQuietVersion(launcher(home, "chartreuse", Map.of("CHARTREUSE_CDS", "off"), "version"));
    assertFalse(Files.exists(archive), "CHARTREUSE_CDS=off makes no archive");

    PackagingProcess create = launcher(home, "chartreuse", Map.of("CHARTREUSE_CDS", "create"));
    assertEquals(0, create.exitCode(), create.toString());
    assertTrue(Files.size(archive) > 1_000_000, create.toString());
    assertTrue(create.stderr().contains("start-up archive written"), create.toString());
  }

  @Test
  void anArchiveOfAnotherJarOrABrokenOneIsIgnoredQuietly() throws IOException {
    Path first = Distribution.layOut(temp.resolve("first"));
    assertEquals(0, launcher(first, "chartreuse", Map.of("CHARTREUSE_CDS", "create")).exitCode());
    Path second = Distribution.layOut(temp.resolve("second"));
    Path archive = second.resolve("lib/chartreuse.jsa");
    Files.setLastModifiedTime(
        second.resolve("lib/chartreuse.jar"), FileTime.from(Instant.now().minusSeconds(3600)));

    // Newer than the jar, so the launcher passes it; made for another jar file, so the JVM rejects
    // it.
    Files.copy(first.resolve("lib/chartreuse.jsa"), archive, StandardCopyOption.REPLACE_EXISTING);
    // With the note of the Java it was made with, which is this one.
    Files.copy(
        first.resolve("lib/chartreuse.jsa.java"),
        second.resolve("lib/chartreuse.jsa.java"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
    assertQuietVersion(launcher(second, "chartreuse", Map.of(), "version"));

    Files.writeString(archive, "not an archive");
    Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
    assertQuietVersion(launcher(second, "chartreuse", Map.of(), "version"));
  }

  @Test
  void kubectlPluginLauncherWorksThroughASymlinkAndThroughKubectl() throws IOException {
    Path home = Distribution.layOut(temp.resolve("store"));
    // krew links ~/.krew/bin/kubectl-chartreuse to the plugin's bin/kubectl-chartreuse.
    Path krewBin = Files.createDirectories(temp.resolve("krew-bin"));
    Files.createSymbolicLink(
        krewBin.resolve("kubectl-chartreuse"), home.resolve("bin/kubectl-chartreuse"));
    Map<String, String> env =
        Map.of(
            "CHARTREUSE_CDS",
            "off",
            "PATH",
            krewBin + ":" + PackagingProcess.baseEnv().get("PATH"),
            "KUBECONFIG",
            "/nonexistent/kubeconfig");

    assertQuietVersion(
        PackagingProcess.run(
            List.of(krewBin.resolve("kubectl-chartreuse").toString(), "version"),
            env,
            temp,
            TIMEOUT));
    assertQuietVersion(
        PackagingProcess.run(
            List.of(PackagingProcess.kubectl().toString(), "chartreuse", "version"),
            env,
            temp,
            TIMEOUT));
  }

  private static PackagingProcess launcher(
      Path home, String name, Map<String, String> env, String... args) {
    List<String> command =
        new java.util.ArrayList<>(List.of(home.resolve("bin").resolve(name).toString()));
    command.addAll(List.of(args));
    return PackagingProcess.run(command, env, home, TIMEOUT);
  }

  private static void assertQuietVersion(PackagingProcess run) {
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(
        "chartreuse " + System.getProperty("chartreuse.version", "dev") + "\n",
        run.stdout(),
        run.toString());
    assertEquals("", run.stderr(), run.toString());
  }

  private static void waitFor(Path archive) {
    Await.until(
        Duration.ofSeconds(180),
        "the background archive " + archive,
        () ->
            Files.exists(archive) && !Files.exists(archive.resolveSibling("chartreuse.jsa.lock")));
  }
}
