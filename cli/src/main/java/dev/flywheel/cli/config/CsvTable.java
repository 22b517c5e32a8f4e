package dev.flywheel.cli.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV test file as promptfoo reads it (RFC 4180: quoted fields, doubled quotes, newlines inside quotes):
 * a header row, then one row per test case, each remembered with the line it starts on.
 */
public final class CsvTable {

    /** One data row: column → value, in header order, and the 1-based line where it starts. */
    public record Row(int line, Map<String, String> values) {
    }

    private CsvTable() {
    }

    public static List<Row> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigError(file, 0, "", "cannot read: " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        parse(file, text, records, starts);
        if (records.isEmpty()) {
            throw new ConfigError(file, 1, "", "the CSV file has no header row");
        }
        List<String> header = records.get(0).stream().map(String::trim).toList();
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> fields = records.get(r);
            if (fields.size() == 1 && fields.get(0).isEmpty()) {
                continue;
            }
            if (fields.size() > header.size()) {
                throw new ConfigError(file, starts.get(r), "", "row has " + fields.size() + " fields; the header has "
                        + header.size());
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), c < fields.size() ? fields.get(c) : "");
            }
            rows.add(new Row(starts.get(r), values));
        }
        return rows;
    }

    private static void parse(Path file, String text, List<List<String>> records, List<Integer> starts) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int recordStart = 1;
        int quoteLine = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    quoteLine = line;
                    any = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    any = true;
                }
                case '\r' -> {
                    // CRLF line ends: the \n that follows ends the record.
                }
                case '\n' -> {
                    fields.add(field.toString());
                    records.add(fields);
                    starts.add(recordStart);
                    fields = new ArrayList<>();
                    field.setLength(0);
                    any = false;
                    line++;
                    recordStart = line;
                }
                default -> {
                    field.append(c);
                    any = true;
                }
            }
        }
        if (quoted) {
            throw new ConfigError(file, quoteLine, "", "a quoted field is never closed");
        }
        if (any || field.length() > 0) {
            fields.add(field.toString());
            records.add(fields);
            starts.add(recordStart);
        }
    }
}
