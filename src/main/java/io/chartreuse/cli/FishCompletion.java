package io.chartreuse.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * fish has no bash compatibility; its completions are one {@code complete} line per subcommand and
 * option.
 */
final class FishCompletion {
  String render(CommandLine root) {
    StringBuilder out = new StringBuilder("complete -c chartreuse -f\n");
    for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
      if (sub.getValue().getCommandSpec().usageMessage().hidden()) {
        continue;
      }
      out.append("complete -c chartreuse -n __fish_use_subcommand -a ")
          .append(sub.getKey())
          .append(" -d '")
          .append(quote(description(sub.getValue())))
          .append("'\n");
      for (OptionSpec option : sub.getValue().getCommandSpec().options()) {
        out.append("complete -c chartreuse -n '__fish_seen_subcommand_from ")
            .append(sub.getKey())
            .append('\'');
        for (String name : option.names()) {
          out.append(
              name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
        }
        if (option.completionCandidates() != null) {
          out.append(" -x -a '")
              .append(String.join(" ", option.completionCandidates()))
              .append('\'');
        }
        out.append(" -d '")
            .append(quote(option.description().length > 0 ? option.description()[0] : ""))
            .append("'\n");
      }
    }
    return out.toString();
  }

  private static String description(CommandLine command) {
    String[] lines = command.getCommandSpec().usageMessage().description();
    return lines.length > 0 ? lines[0] : "";
  }

  private static String quote(String text) {
    return text.replace("\\", "\\\\").replace("'", "\\'");
  }
}
