package dev.flywheel.run.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's textwrap.wrap as Jinja2's wordwrap calls it (no tab expansion, whitespace kept, dropped at line ends). */
final class TextWrap {

    private static final Pattern CHUNKS = Pattern.compile("\\s+|[^\\s]+");
    private static final Pattern HYPHENATED = Pattern.compile("[^\\s-]+-(?=[^\\s-])|[^\\s]+");

    private TextWrap() {
    }

    static List<String> wrap(String text, int width, boolean breakLongWords, boolean breakOnHyphens) {
        if (width <= 0) {
            throw new TemplateError("ValueError", "invalid width " + width + " (must be > 0)", 0);
        }
        List<String> chunks = new ArrayList<>();
        Matcher m = CHUNKS.matcher(text);
        while (m.find()) {
            String chunk = m.group();
            if (breakOnHyphens && !Character.isWhitespace(chunk.charAt(0))) {
                Matcher h = HYPHENATED.matcher(chunk);
                while (h.find()) {
                    chunks.add(h.group());
                }
            } else {
                chunks.add(chunk);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        while (i < chunks.size()) {
            StringBuilder line = new StringBuilder();
            if (!lines.isEmpty() || i > 0) {
                while (i < chunks.size() && chunks.get(i).isBlank()) {
                    i++;
                }
            } else if (chunks.get(i).isBlank()) {
                i++;
                if (i >= chunks.size()) {
                    break;
                }
            }
            while (i < chunks.size()) {
                String chunk = chunks.get(i);
                if (line.length() + chunk.length() <= width) {
                    line.append(chunk);
                    i++;
                } else {
                    break;
                }
            }
            if (i < chunks.size() && chunks.get(i).length() > width && line.length() < width || line.length() == 0
                    && i < chunks.size()) {
                String chunk = chunks.get(i);
                if (breakLongWords) {
                    int room = Math.max(1, width - line.length());
                    line.append(chunk, 0, Math.min(room, chunk.length()));
                    chunks.set(i, chunk.substring(Math.min(room, chunk.length())));
                    if (chunks.get(i).isEmpty()) {
                        i++;
                    }
                } else if (line.length() == 0) {
                    line.append(chunk);
                    i++;
                }
            }
            String done = line.toString().stripTrailing();
            if (!done.isEmpty()) {
                lines.add(done);
            }
        }
        return lines;
    }
}
