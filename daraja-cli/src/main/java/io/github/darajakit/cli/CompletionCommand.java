package io.github.darajakit.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code daraja completion}: a bash completion script for every command and option. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a bash completion script for daraja: its commands and options complete on Tab.",
      "It also works in zsh, which it loads bash completion into.",
      "",
      "Example (this shell only; add the line to ~/.bashrc to keep it):",
      "  source <(./daraja completion)"
    })
final class CompletionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // Generated from the live command tree, so it always lists the commands this build has.
    spec.commandLine().getOut().print(AutoComplete.bash("daraja", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
