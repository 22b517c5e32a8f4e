package dev.flywheel.common.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects every log record the service writes while open, message and stack trace formatted as the console would
 * show them, so a test can assert that a secret never reaches the logs.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLoggerName()).append(' ').append(format(record));
            for (Throwable failure = record.getThrown(); failure != null; failure = failure.getCause()) {
                line.append(" | ").append(failure);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        root.addHandler(handler);
    }

    /** Starts capturing; close to stop. */
    public static LogCapture open() {
        return new LogCapture();
    }

    /** Everything logged so far, one entry per record. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
    }

    private static String format(LogRecord record) {
        String message = String.valueOf(record.getMessage());
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length == 0) {
            return message;
        }
        StringBuilder formatted = new StringBuilder(message);
        for (Object parameter : parameters) {
            formatted.append(' ').append(parameter);
        }
        return formatted.toString();
    }
}
