package dev.flywheel.cli;

import picocli.CommandLine;

/** Entry point of the {@code flywheel} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Scripts call `flywheel --version` to probe for the tool: answered before picocli builds its model by
        // reflection (its classes predate class-data sharing, so they are loaded and verified on every start).
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.println(FlywheelCommand.Version.text());
            return;
        }
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
