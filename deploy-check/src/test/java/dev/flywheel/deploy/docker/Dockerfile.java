package dev.flywheel.deploy.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile's instructions, with continuation lines joined and comments dropped, and its ENV values unquoted. */
record Dockerfile(List<Instruction> instructions) {

    /** One instruction: its keyword in upper case and the rest of the line. */
    record Instruction(String keyword, String arguments) {
    }

    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S*))");

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String whole = pending.toString().strip();
            pending.setLength(0);
            if (!whole.isEmpty()) {
                int space = whole.indexOf(' ');
                instructions.add(new Instruction(whole.substring(0, space).toUpperCase(Locale.ROOT), whole.substring(space + 1).strip()));
            }
        }
        return new Dockerfile(instructions);
    }

    List<String> arguments(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    int lastIndexOf(String keyword) {
        for (int i = instructions.size() - 1; i >= 0; i--) {
            if (instructions.get(i).keyword().equals(keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** Every KEY=value set by ENV, a later setting overriding an earlier one. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String arguments : arguments("ENV")) {
            Matcher pair = ENV_PAIR.matcher(arguments);
            while (pair.find()) {
                String value = pair.group(3) != null ? pair.group(3).replace("\\\"", "\"")
                        : pair.group(4) != null ? pair.group(4) : pair.group(5);
                environment.put(pair.group(1), value);
            }
        }
        return environment;
    }
}
