package io.chartreuse.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chartreuse.cli.Main;
import io.chartreuse.config.Env;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checked-in completions/ are what the current command model generates. The build regenerates
 * them in the package phase (exec-maven-plugin in pom.xml); this fails when they were not
 * regenerated and committed.
 */
class CompletionFilesIT {

  @ParameterizedTest
  @CsvSource({"bash, chartreuse.bash", "zsh, _chartreuse", "fish, chartreuse.fish"})
  void checkedInCompletionIsWhatTheCommandModelGenerates(String shell, String file)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.execute(
            new String[] {"completion", shell},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new Env(Map.of()));
    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));

    Path checkedIn = PackagingProcess.basedir().resolve("completions").resolve(file);
    assertEquals(
        out.toString(StandardCharsets.UTF_8),
        Files.readString(checkedIn, StandardCharsets.UTF_8),
        "completions/"
            + file
            + " is not what 'chartreuse completion "
            + shell
            + "' generates now:"
            + " run 'mvn -B package -DskipTests' (it regenerates completions/) and commit the result");
  }
}
