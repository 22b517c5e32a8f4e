package dev.flywheel.cli.eval;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The results table (prompt × provider × test, result, score, latency, cached) and the summary line. */
public final class ResultsTable {

    private static final int MAX_WIDTH = 36;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ResultsTable() {
    }

    public static void print(EvalReport report, PrintWriter out, boolean color) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "#", "prompt", "provider", "test", "result", "score", "latency ms", "cached" });
        for (CaseResult result : report.results()) {
            EvalCase c = result.evalCase();
            String test = c.testName() + (c.repeat() > 0 ? " (repeat " + c.repeat() + ")" : "");
            rows.add(new String[] { String.valueOf(c.index() + 1), cut(c.prompt()), cut(c.provider()), cut(test),
                    result.outcome().name(), result.score() == null ? "-" : String.format(Locale.ROOT, "%.2f", result.score()),
                    result.latencyMs() == null ? "-" : String.valueOf(result.latencyMs()), result.cached() ? "yes" : "no" });
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        // One write for the whole table: println on picocli's auto-flushing writer is a system call per line.
        StringBuilder table = new StringBuilder(rows.size() * 120);
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            int start = table.length();
            for (int i = 0; i < row.length; i++) {
                boolean colored = color && r > 0 && i == 4;
                table.append(i == 0 ? "" : "  ").append(colored ? (row[i].equals("PASS") ? "\u001b[32m" : "\u001b[31m") : "")
                        .append(row[i]).append(" ".repeat(widths[i] - row[i].length())).append(colored ? "\u001b[0m" : "");
            }
            int end = table.length();
            while (end > start && table.charAt(end - 1) == ' ') {
                end--;
            }
            table.setLength(end);
            table.append(System.lineSeparator());
        }
        for (CaseResult result : report.results()) {
            if (result.outcome() != CaseResult.Outcome.PASS) {
                table.append("  #").append(result.evalCase().index() + 1).append(' ').append(result.outcome()).append(": ")
                        .append(reasons(result)).append(System.lineSeparator());
            }
        }
        out.print(table);
        out.println();
        out.println(summary(report));
    }

    public static String summary(EvalReport report) {
        return String.format(Locale.ROOT, "%d cases: %d passed, %d failed, %d errors (pass rate %.1f%%, %d cached) in %.1f s;"
                        + " experiment %s", report.results().size(), report.passed(), report.failed(), report.errors(),
                report.passRate() * 100, report.cached(), report.elapsed().toMillis() / 1000.0, report.experimentId());
    }

    /** Why a case did not pass, in one line. */
    public static String reasons(CaseResult result) {
        if (result.error() != null) {
            return result.error();
        }
        List<String> reasons = new ArrayList<>();
        for (CaseResult.AssertionResult assertion : result.assertions()) {
            if (!assertion.pass()) {
                reasons.add(assertion.assertion().field() + " " + assertion.reason());
            }
        }
        if (reasons.isEmpty() && result.evalCase().testThreshold() != null) {
            reasons.add(String.format(Locale.ROOT, "weighted score %.2f below the test's threshold %.2f", result.score(),
                    result.evalCase().testThreshold()));
        }
        return String.join("; ", reasons);
    }

    private static String cut(String text) {
        String flat = text == null ? "" : WHITESPACE.matcher(text).replaceAll(" ");
        return flat.length() <= MAX_WIDTH ? flat : flat.substring(0, MAX_WIDTH - 1) + "…";
    }
}
