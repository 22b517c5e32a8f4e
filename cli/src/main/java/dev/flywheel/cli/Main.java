package dev.flywheel.cli;

import picocli.CommandLine;

/** Entry point of the {@code flywheel} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree with Flywheel's exit codes for every failure picocli does not know. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new FlywheelCommand());
        line.setExecutionExceptionHandler(new Failures());
        line.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("flywheel: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return ExitCodes.BAD_CONFIG;
        });
        return line;
    }
}
