package dev.flywheel.cli;

import dev.flywheel.cli.api.ApiError;
import dev.flywheel.cli.api.Unreachable;
import dev.flywheel.cli.config.ConfigError;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns what a command throws into one line on stderr and the documented exit code; never a stack trace. */
final class Failures implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine line, ParseResult parsed) {
        line.getErr().println("flywheel: " + e.getMessage());
        if (e instanceof ConfigError) {
            return ExitCodes.BAD_CONFIG;
        }
        if (e instanceof ApiError || e instanceof Unreachable) {
            return ExitCodes.SERVER;
        }
        if (System.getenv("FLYWHEEL_DEBUG") != null) {
            e.printStackTrace(line.getErr());
        }
        return ExitCodes.SERVER;
    }
}
