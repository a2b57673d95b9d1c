package io.chartreuse.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * krew-manifest/chartreuse.yaml follows krew's validation rules (kubernetes-sigs/krew
 * internal/index/validation); plugin.yaml (legacy format) installs into the real helm 3.18 and helm
 * 4.1 and runs; helm4/plugin.yaml is the same plugin in Helm 4's format, which Helm 3 cannot read.
 */
class PluginManifestsIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path temp;

  @Test
  void krewManifestFollowsKrewsRules() throws IOException {
    Path file = PackagingProcess.basedir().resolve("krew-manifest/chartreuse.yaml");
    JsonNode manifest = YAML.readTree(file.toFile());
    assertEquals(
        "krew.googlecontainertools.github.com/v1alpha2", manifest.path("apiVersion").asText());
    assertEquals("Plugin", manifest.path("kind").asText());
    assertEquals(
        "chartreuse",
        manifest.path("metadata").path("name").asText(),
        "metadata.name is the file's name");

    JsonNode spec = manifest.path("spec");
    assertEquals(
        "v" + System.getProperty("chartreuse.version", "0.1.0"), spec.path("version").asText());
    assertTrue(
        spec.path("version").asText().matches("v\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?"),
        "semver with a v");
    String shortDescription = spec.path("shortDescription").asText();
    assertFalse(
        shortDescription.isBlank() || shortDescription.contains("\n"),
        "shortDescription: one line");
    assertFalse(spec.path("description").asText().isBlank());
    assertTrue(spec.path("caveats").asText().contains("Java 17"), "caveats name the Java runtime");
    assertTrue(spec.path("homepage").asText().startsWith("https://"));

    Set<String> platforms = new HashSet<>();
    for (JsonNode platform : spec.path("platforms")) {
      JsonNode labels = platform.path("selector").path("matchLabels");
      assertTrue(labels.size() > 0, "a selector that is neither nil nor empty");
      platforms.add(labels.path("os").asText() + "/" + labels.path("arch").asText());
      assertTrue(
          platform.path("uri").asText().matches("https://.+/chartreuse-[^/]+\\.tar\\.gz"),
          platform.toString());
      assertTrue(platform.path("sha256").asText().matches("[0-9a-f]{64}"), platform.toString());
      assertEquals("bin/kubectl-chartreuse", platform.path("bin").asText());
      List<String> from = platform.path("files").findValuesAsText("from");
      assertTrue(from.containsAll(List.of("bin/*", "lib/*", "LICENSE")), "files: " + from);
      for (JsonNode entry : platform.path("files")) {
        assertFalse(entry.path("to").asText().isBlank(), entry.toString());
      }
    }
    assertEquals(Set.of("linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64"), platforms);
  }

  @Test
  void helmPluginInstallsAndRuns() throws IOException {
    JsonNode plugin = YAML.readTree(PackagingProcess.basedir().resolve("plugin.yaml").toFile());
    assertEquals("chartreuse", plugin.path("name").asText());
    assertEquals(
        System.getProperty("chartreuse.version", "0.1.0"), plugin.path("version").asText());
    assertFalse(plugin.path("ignoreFlags").asBoolean());
    assertFalse(plugin.has("hooks") && plugin.has("platformHooks"), "Helm 4 rejects both");

    Path home = Distribution.layOut(temp.resolve("plugin"));
    Map<String, String> env =
        Map.of(
            "HELM_DATA_HOME", temp.resolve("helm-data").toString(),
            "HELM_CONFIG_HOME", temp.resolve("helm-config").toString(),
            "HELM_CACHE_HOME", temp.resolve("helm-cache").toString());
    String helm = PackagingProcess.helm().toString();

    PackagingProcess install =
        PackagingProcess.run(
            List.of(helm, "plugin", "install", home.toString()), env, temp, Duration.ofMinutes(3));
    assertEquals(0, install.exitCode(), install.toString());
    assertTrue(install.stdout().contains("Installed plugin: chartreuse"), install.toString());
    assertTrue(
        Files.size(home.resolve("lib/chartreuse.jsa")) > 1_000_000,
        "the install hook makes the archive");

    PackagingProcess version =
        PackagingProcess.run(
            List.of(helm, "chartreuse", "version"), env, temp, Duration.ofMinutes(1));
    assertEquals(0, version.exitCode(), version.toString());
    assertEquals(
        "chartreuse " + System.getProperty("chartreuse.version", "0.1.0") + "\n",
        version.stdout(),
        version.toString());
    assertEquals("", version.stderr(), version.toString());

    PackagingProcess usage =
        PackagingProcess.run(List.of(helm, "help"), env, temp, Duration.ofMinutes(1));
    assertNotNull(usage.stdout());
    assertTrue(usage.stdout().contains("chartreuse"), usage.toString());
  }

  @Test
  void helm4ManifestIsTheSamePluginInHelm4sFormat() throws IOException {
    JsonNode legacy = YAML.readTree(PackagingProcess.basedir().resolve("plugin.yaml").toFile());
    JsonNode current =
        YAML.readTree(PackagingProcess.basedir().resolve("helm4/plugin.yaml").toFile());
    assertEquals("v1", current.path("apiVersion").asText());
    assertEquals("cli/v1", current.path("type").asText());
    assertEquals("subprocess", current.path("runtime").asText());
    assertEquals(legacy.path("name"), current.path("name"));
    assertEquals(legacy.path("version"), current.path("version"), "scripts/release sets both");
    assertEquals(legacy.path("usage").asText(), current.at("/config/shortHelp").asText());
    assertEquals(legacy.path("description").asText(), current.at("/config/longHelp").asText());
    assertFalse(current.at("/config/ignoreFlags").asBoolean());
    assertEquals(legacy.path("platformCommand"), current.at("/runtimeConfig/platformCommand"));
    assertEquals(legacy.path("platformHooks"), current.at("/runtimeConfig/platformHooks"));
  }

  @Test
  void helm4LoadsTheLegacyManifestAndHelm3CannotReadHelm4s() throws IOException {
    Path legacy = Distribution.layOut(temp.resolve("legacy"));
    Map<String, String> helm4 = helmHome("helm4");
    PackagingProcess install =
        PackagingProcess.run(
            List.of(PackagingProcess.helm4().toString(), "plugin", "install", legacy.toString()),
            helm4,
            temp,
            Duration.ofMinutes(3));
    assertEquals(0, install.exitCode(), install.toString());
    assertTrue(
        Files.size(legacy.resolve("lib/chartreuse.jsa")) > 1_000_000, "the hook ran under Helm 4");
    PackagingProcess list =
        PackagingProcess.run(
            List.of(PackagingProcess.helm4().toString(), "plugin", "list"),
            helm4,
            temp,
            Duration.ofMinutes(1));
    assertTrue(
        list.stdout().matches("(?s).*chartreuse\\s+\\S+\\s+cli/v1\\s+legacy\\s.*"),
        list.toString());
    PackagingProcess version =
        PackagingProcess.run(
            List.of(PackagingProcess.helm4().toString(), "chartreuse", "version"),
            helm4,
            temp,
            Duration.ofMinutes(1));
    assertEquals(0, version.exitCode(), version.toString());

    // Why there are two manifests: Helm 3 rejects Helm 4's (and then fails every command).
    Path current = Files.createDirectories(temp.resolve("current"));
    Files.copy(
        PackagingProcess.basedir().resolve("helm4/plugin.yaml"), current.resolve("plugin.yaml"));
    PackagingProcess helm3 =
        PackagingProcess.run(
            List.of(PackagingProcess.helm().toString(), "plugin", "install", current.toString()),
            helmHome("helm3"),
            temp,
            Duration.ofMinutes(1));
    assertTrue(helm3.stderr().contains("unknown field \"apiVersion\""), helm3.toString());
  }

  private Map<String, String> helmHome(String name) {
    Path home = temp.resolve(name);
    return Map.of(
        "HELM_DATA_HOME", home.resolve("data").toString(),
        "HELM_CONFIG_HOME", home.resolve("config").toString(),
        "HELM_CACHE_HOME", home.resolve("cache").toString());
  }
}
