package dev.threadmark.cli;

import dev.threadmark.harness.FootprintCommand;
import dev.threadmark.harness.SweepCommand;
import dev.threadmark.gate.Ab;
import dev.threadmark.gate.Compare;
import dev.threadmark.gate.HistoryCommand;
import dev.threadmark.gate.Nightly;
import dev.threadmark.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar threadmark.jar COMMAND [options]}: the one runnable artifact. Each subcommand is
 * the picocli command its module declares next to the code it drives (the same class the
 * module's own {@code main} runs), so options, checks, help and exit codes are written once.
 */
@Command(name = "threadmark", mixinStandardHelpOptions = true, version = "threadmark 0.1.0",
        description = "Platform threads vs virtual threads vs a Go-style user-thread runtime: where do the gains stop?",
        subcommands = {SweepCommand.class, Report.class, Ab.class, Compare.class, Nightly.class, HistoryCommand.class,
            FootprintCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:a regression (ab, compare, nightly, history regressions) or a failure", "2:bad input or options",
            "3:the sweep was stopped by the environment"})
public final class Threadmark implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Threadmark());
    }

    /** No subcommand: say which there are, as a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }
}
