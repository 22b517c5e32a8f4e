package dev.flywheel.cli;

import dev.flywheel.cli.eval.EvalCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(name = "flywheel", mixinStandardHelpOptions = true, versionProvider = FlywheelCommand.Version.class,
        description = "Evaluate prompts and agents on a Flywheel suite, from a terminal or CI.",
        subcommands = { EvalCommand.class, StatusCommand.class, AgentsCommand.class, RunsCommand.class,
                VerifyCommand.class },
        footer = { "", "Exit codes: 0 pass, 1 assertions failed, 2 bad config or usage, 3 server unreachable or refused." })
public class FlywheelCommand {

    /** The version the build wrote into the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] { text() };
        }

        static String text() {
            String version = FlywheelCommand.class.getPackage().getImplementationVersion();
            return "flywheel " + (version == null ? "dev" : version);
        }
    }
}
