package io.chartreuse.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/release, run in a copy of the files it reads (it rewrites manifests in place), makes the
 * tarball with the legacy manifest and the Helm 4 package; each installs from its URL as a user
 * installs it: the tarball into Helm 3.18 (and into Helm 4.1 as a legacy plugin, unverified), the
 * package into Helm 4.1 — verified against its provenance file when signed, and refused unless
 * {@code --verify=false} when not.
 */
class ReleaseScriptIT {
  private static final String VERSION = System.getProperty("chartreuse.version", "0.1.0");

  @TempDir Path temp;
  private Path copy;
  private Path dist;
  private final List<HttpServer> servers = new ArrayList<>();

  @BeforeEach
  void copyTheReleaseInputs() throws IOException {
    copy = temp.resolve("checkout");
    Path basedir = PackagingProcess.basedir();
    for (String file :
        List.of(
            "scripts/release",
            "pom.xml",
            "bin/chartreuse",
            "bin/kubectl-chartreuse",
            "bin/kubectl_complete-chartreuse",
            "completions/chartreuse.bash",
            "completions/_chartreuse",
            "completions/chartreuse.fish",
            "plugin.yaml",
            "helm4/plugin.yaml",
            "LICENSE",
            "README.md",
            "krew-manifest/chartreuse.yaml")) {
      Files.createDirectories(copy.resolve(file).getParent());
      Files.copy(basedir.resolve(file), copy.resolve(file));
    }
    Files.createDirectories(copy.resolve("target"));
    Files.copy(PackagingProcess.jar(), copy.resolve("target/chartreuse-" + VERSION + ".jar"));
    Files.copy(
        PackagingProcess.trainingJar(),
        copy.resolve("target/chartreuse-" + VERSION + "-training.jar"));
    dist = copy.resolve("target/dist");
  }

  @AfterEach
  void stopServers() {
    servers.forEach(server -> server.stop(0));
  }

  @Test
  void unsignedHelm4PackageInstallsOnlyWithVerifyFalseAndTheTarballIntoBothHelms()
      throws IOException {
    PackagingProcess release = release(Map.of());
    assertEquals(0, release.exitCode(), release.toString());
    assertTrue(release.stderr().contains("unsigned: helm plugin install it with --verify=false"));
    assertFalse(Files.exists(dist.resolve("chartreuse-" + VERSION + ".tgz.prov")));
    Map<String, String> helm4 = helmHome("helm4");
    String packageUrl = serve("application/octet-stream") + "/chartreuse-" + VERSION + ".tgz";
    PackagingProcess refused =
        helm(PackagingProcess.helm4(), helm4, "plugin", "install", packageUrl);
    assertEquals(1, refused.exitCode(), refused.toString());
    assertTrue(refused.stderr().contains("no provenance file"), refused.toString());
    PackagingProcess installed =
        helm(PackagingProcess.helm4(), helm4, "plugin", "install", packageUrl, "--verify=false");
    assertEquals(0, installed.exitCode(), installed.toString());
    assertRuns(PackagingProcess.helm4(), helm4, "v1 unsigned");

    // The tarball: Helm 3 from a server that says it is gzip; Helm 4, as a legacy plugin,
    // unverified.
    String tarballPath = "/chartreuse-" + VERSION + ".tar.gz";
    Map<String, String> helm3 = helmHome("helm3");
    PackagingProcess tarball =
        helm(
            PackagingProcess.helm(),
            helm3,
            "plugin",
            "install",
            serve("application/gzip") + tarballPath);
    assertEquals(0, tarball.exitCode(), tarball.toString());
    assertRuns(PackagingProcess.helm(), helm3, null);
    Map<String, String> helm4Legacy = helmHome("helm4-legacy");
    PackagingProcess legacy =
        helm(
            PackagingProcess.helm4(),
            helm4Legacy,
            "plugin",
            "install",
            serve("application/octet-stream") + tarballPath,
            "--verify=false");
    assertEquals(0, legacy.exitCode(), legacy.toString());
    assertRuns(PackagingProcess.helm4(), helm4Legacy, "legacy unsigned");
  }

  @Test
  void signedHelm4PackageIsVerifiedAtInstall() throws IOException {
    Path gnupg = Files.createDirectories(temp.resolve("gnupg"));
    Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> gpgEnv = Map.of("GNUPGHOME", gnupg.toString());
    try {
      gpg(
          gpgEnv,
          "--batch",
          "--pinentry-mode",
          "loopback",
          "--passphrase",
          "",
          "--quick-gen-key",
          "chartreuse release test <release@example.org>",
          "rsa2048",
          "sign",
          "never");
      // Helm reads keyrings in the legacy format, which GnuPG 2 writes only on export.
      Path secret = gnupg.resolve("secring.gpg");
      Path pub = gnupg.resolve("release-key.gpg");
      gpg(gpgEnv, "--batch", "--output", secret.toString(), "--export-secret-keys");
      gpg(gpgEnv, "--batch", "--output", pub.toString(), "--export");

      PackagingProcess release =
          release(
              Map.of(
                  "CHARTREUSE_SIGN_KEY",
                  "chartreuse release test",
                  "CHARTREUSE_SIGN_KEYRING",
                  secret.toString()));
      assertEquals(0, release.exitCode(), release.toString());
      assertTrue(
          Files.readString(dist.resolve("chartreuse-" + VERSION + ".tgz.prov"))
              .contains("BEGIN PGP SIGNATURE"));
      String packageUrl = serve("application/octet-stream") + "/chartreuse-" + VERSION + ".tgz";

      Map<String, String> helm4 = helmHome("helm4");
      PackagingProcess installed =
          helm(
              PackagingProcess.helm4(),
              helm4,
              "plugin",
              "install",
              packageUrl,
              "--keyring",
              pub.toString());
      assertEquals(0, installed.exitCode(), installed.toString());
      assertTrue(installed.stdout().contains("Plugin Hash Verified"), installed.toString());
      assertRuns(PackagingProcess.helm4(), helm4, "v1 signed");
    } finally {
      PackagingProcess.run(
          List.of("gpgconf", "--kill", "gpg-agent"), gpgEnv, temp, Duration.ofSeconds(30));
    }
  }

  private PackagingProcess release(Map<String, String> signing) {
    Map<String, String> env = new HashMap<>(signing);
    env.put("HELM4", PackagingProcess.helm4().toString());
    env.put("SOURCE_DATE_EPOCH", "1764547200");
    return PackagingProcess.run(
        List.of(copy.resolve("scripts/release").toString(), "--no-build"),
        env,
        copy,
        Duration.ofMinutes(3));
  }

  /**
   * Serves target/dist over HTTP on loopback, as a release page would, every file with the given
   * Content-Type: GitHub serves release assets as application/octet-stream, with which Helm 3 does
   * not recognise a tarball (helm/helm#13221) and Helm 4 does.
   */
  private String serve(String contentType) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Path file = dist.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
          if (!file.startsWith(dist) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
          } else if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, -1);
          } else {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream body = exchange.getResponseBody()) {
              Files.copy(file, body);
            }
          }
          exchange.close();
        });
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private Map<String, String> helmHome(String name) {
    Path home = temp.resolve(name);
    return Map.of(
        "HELM_DATA_HOME", home.resolve("data").toString(),
        "HELM_CONFIG_HOME", home.resolve("config").toString(),
        "HELM_CACHE_HOME", home.resolve("cache").toString());
  }

  private PackagingProcess helm(Path helm, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(helm.toString()));
    command.addAll(List.of(args));
    return PackagingProcess.run(command, env, temp, Duration.ofMinutes(3));
  }

  /**
   * The install hook made the start-up archive, and the plugin runs; under Helm 4, {@code helm
   * plugin list} shows it with {@code listed} (its API version and provenance).
   */
  private void assertRuns(Path helm, Map<String, String> env, String listed) throws IOException {
    Path plugin = Path.of(env.get("HELM_DATA_HOME"), "plugins", "chartreuse");
    assertTrue(Files.size(plugin.resolve("lib/chartreuse.jsa")) > 1_000_000);
    PackagingProcess version = helm(helm, env, "chartreuse", "version");
    assertEquals("chartreuse " + VERSION + "\n", version.stdout(), version.toString());
    if (listed != null) {
      PackagingProcess list = helm(helm, env, "plugin", "list");
      assertTrue(
          list.stdout()
              .matches(
                  "(?s).*chartreuse\\s+"
                      + VERSION
                      + "\\s+cli/v1\\s+"
                      + listed.replace(" ", "\\s+")
                      + "\\s.*"),
          list.toString());
    }
  }

  private void gpg(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of("gpg"));
    command.addAll(List.of(args));
    PackagingProcess gpg = PackagingProcess.run(command, env, temp, Duration.ofMinutes(2));
    assertEquals(0, gpg.exitCode(), gpg.toString());
  }
}
