package io.chartreuse.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chartreuse completion bash|zsh|fish}: shell completion generated from the command model.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print a shell completion script: source <(chartreuse completion bash)")
final class CompletionCommand implements Callable<Integer> {
  enum Shell {
    bash,
    zsh,
    fish
  }

  private final CliContext context;

  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "bash, zsh or fish")
  Shell shell;

  CompletionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    String script =
        switch (shell) {
          case bash -> AutoComplete.bash("chartreuse", root);
          // picocli's script is written for bash and zsh's bash compatibility.
          // #compdef lets zsh load it from fpath as well as by sourcing.
          case zsh ->
              "#compdef chartreuse\nautoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                  + AutoComplete.bash("chartreuse", root);
          case fish -> new FishCompletion().render(root);
        };
    context.out().print(script);
    return 0;
  }
}
