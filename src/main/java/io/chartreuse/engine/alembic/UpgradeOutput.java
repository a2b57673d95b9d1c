package io.chartreuse.engine.alembic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an {@code upgrade} subprocess said: the revisions Alembic started ("Running upgrade a ->
 * b"), a failure of the bootstrap before anything ran, the revision whose script raised (from the
 * traceback, which names its file even when env.py silences Alembic's log) and the error line.
 */
record UpgradeOutput(
    List<String> started,
    Optional<String> setupFailure,
    boolean traceback,
    Optional<String> raisingRevision,
    String error) {
  private static final Pattern RUNNING = Pattern.compile("Running upgrade .*?-> ([^\\s,]+)");
  private static final Pattern FRAME = Pattern.compile("^\\s*File \"(.+?)\", line \\d+");
  private static final Pattern EXCEPTION =
      Pattern.compile("^[A-Za-z_][\\w.]*(Error|Exception|Failure|Exit)\\b.*:");
  private static final String SETUP = "chartreuse-setup: ";

  static UpgradeOutput read(List<String> lines, Map<Path, String> revisionByFile) {
    List<String> started = new ArrayList<>();
    Optional<String> setup = Optional.empty();
    Optional<String> raising = Optional.empty();
    boolean traceback = false;
    for (String line : lines) {
      traceback |= line.startsWith("Traceback (most recent call last):");
      Matcher running = RUNNING.matcher(line);
      if (running.find()) {
        started.add(running.group(1));
      }
      if (line.startsWith(SETUP)) {
        setup = Optional.of(line.substring(SETUP.length()));
      }
      Matcher frame = FRAME.matcher(line);
      if (frame.find()) {
        String revision = revisionByFile.get(normalise(frame.group(1)));
        if (revision != null) {
          raising = Optional.of(revision);
        }
      }
    }
    return new UpgradeOutput(started, setup, traceback, raising, lastMeaningfulLine(lines));
  }

  private static Path normalise(String file) {
    return Path.of(file).toAbsolutePath().normalize();
  }

  /**
   * The revision to blame: the one whose script is in the traceback; without a traceback, the last
   * one Alembic started unless the database records it as applied. None when the traceback shows
   * that no revision raised (env.py failed) or nothing ran.
   */
  Optional<String> failedRevision(List<String> applied) {
    if (raisingRevision.isPresent() || traceback || started.isEmpty()) {
      return raisingRevision;
    }
    String last = started.get(started.size() - 1);
    return applied.contains(last) ? Optional.empty() : Optional.of(last);
  }

  /**
   * Python's final exception line ("sqlalchemy.exc.ProgrammingError: …"), else the last line with
   * words.
   */
  private static String lastMeaningfulLine(List<String> output) {
    for (int i = output.size() - 1; i >= 0; i--) {
      if (EXCEPTION.matcher(output.get(i)).find()) {
        return output.get(i).strip();
      }
    }
    for (int i = output.size() - 1; i >= 0; i--) {
      String line = output.get(i).strip();
      if (line.matches(".*\\w.*")
          && !line.startsWith("[SQL:")
          && !line.startsWith("(Background on this error")) {
        return line;
      }
    }
    return "no output";
  }
}
