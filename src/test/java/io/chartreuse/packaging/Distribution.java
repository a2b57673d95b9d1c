package io.chartreuse.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The release tarball's layout, laid out from the working tree: bin/, lib/chartreuse.jar and
 * chartreuse-training.jar, completions/, plugin.yaml.
 */
public final class Distribution {
  private Distribution() {}

  public static Path layOut(Path dir) throws IOException {
    Path basedir = PackagingProcess.basedir();
    Files.createDirectories(dir.resolve("bin"));
    Files.createDirectories(dir.resolve("lib"));
    Files.createDirectories(dir.resolve("completions"));
    for (String launcher :
        List.of("chartreuse", "kubectl-chartreuse", "kubectl_complete-chartreuse")) {
      Files.copy(
          basedir.resolve("bin").resolve(launcher),
          dir.resolve("bin").resolve(launcher),
          StandardCopyOption.COPY_ATTRIBUTES);
    }
    for (String completion : List.of("chartreuse.bash", "_chartreuse", "chartreuse.fish")) {
      Files.copy(
          basedir.resolve("completions").resolve(completion),
          dir.resolve("completions").resolve(completion));
    }
    Files.copy(PackagingProcess.jar(), dir.resolve("lib/chartreuse.jar"));
    Files.copy(PackagingProcess.trainingJar(), dir.resolve("lib/chartreuse-training.jar"));
    Files.copy(basedir.resolve("plugin.yaml"), dir.resolve("plugin.yaml"));
    Files.copy(basedir.resolve("LICENSE"), dir.resolve("LICENSE"));
    return dir;
  }
}
