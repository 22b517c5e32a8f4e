package dev.flywheel.run.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Python methods prompt authors call on strings, lists and dicts ({@code input.split()}, {@code d.items()}). */
final class PyMethods {

    private static final Set<String> STR = Set.of("split", "rsplit", "strip", "lstrip", "rstrip", "startswith",
            "endswith", "replace", "count", "lower", "upper", "title", "capitalize", "swapcase", "casefold", "join",
            "format", "find", "rfind", "index", "rindex", "splitlines", "zfill", "center", "ljust", "rjust", "isdigit",
            "isnumeric", "isdecimal", "isalpha", "isalnum", "isspace", "isupper", "islower", "istitle", "partition",
            "rpartition", "removeprefix", "removesuffix", "expandtabs");
    private static final Set<String> LIST = Set.of("append", "extend", "insert", "pop", "remove", "index", "count",
            "reverse", "sort", "copy", "clear");
    private static final Set<String> DICT = Set.of("items", "keys", "values", "get", "update", "pop", "copy",
            "setdefault", "clear");
    private static final Set<String> TUPLE = Set.of("index", "count");

    private PyMethods() {
    }

    static boolean has(Object self, String name) {
        if (self instanceof String) {
            return STR.contains(name);
        }
        if (self instanceof List) {
            return LIST.contains(name);
        }
        if (self instanceof Map) {
            return DICT.contains(name);
        }
        if (self instanceof PyTuple) {
            return TUPLE.contains(name);
        }
        return false;
    }

    static Object call(Evaluation evaluation, Object self, String name, List<Object> args, Map<String, Object> kwargs) {
        if (self instanceof String s) {
            return str(evaluation, s, name, args, kwargs);
        }
        if (self instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) list;
            return list(evaluation, items, name, args);
        }
        if (self instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> dict = (Map<Object, Object>) map;
            return dict(dict, name, args, kwargs);
        }
        List<Object> items = ((PyTuple) self).items();
        return list(evaluation, new ArrayList<>(items), name, args);
    }

    private static Object arg(List<Object> args, int i, Object otherwise) {
        return i < args.size() && args.get(i) != null ? args.get(i) : otherwise;
    }

    /** A str argument; a missing or other one fails with CPython's wording. */
    private static String strArg(String method, List<Object> args, int i) {
        if (args.size() <= i) {
            throw TemplateError.type(method + " takes at least " + (i + 1) + " argument" + (i == 0 ? "" : "s")
                    + " (" + args.size() + " given)");
        }
        Object value = args.get(i);
        if (value instanceof String s) {
            return s;
        }
        String which = method.equals("replace()") ? "replace() argument " + (i + 1) + " "
                : method.startsWith("remove") ? method + " argument " : "";
        throw TemplateError.type(which + "must be str, not " + Py.typeName(value));
    }

    private static Object str(Evaluation evaluation, String s, String name, List<Object> args,
            Map<String, Object> kwargs) {
        switch (name) {
            case "split", "rsplit" -> {
                Object sep = arg(args, 0, kwargs.get("sep"));
                if (sep != null && !(sep instanceof String)) {
                    throw TemplateError.type("must be str or None, not " + Py.typeName(sep));
                }
                long max = Py.index(arg(args, 1, kwargs.getOrDefault("maxsplit", -1L)));
                return name.equals("split") ? split(s, sep == null ? null : Py.str(sep), max)
                        : rsplit(s, sep == null ? null : Py.str(sep), max);
            }
            case "strip" -> {
                return strip(s, args.isEmpty() || args.get(0) == null ? null : Py.str(args.get(0)), true, true);
            }
            case "lstrip" -> {
                return strip(s, args.isEmpty() || args.get(0) == null ? null : Py.str(args.get(0)), true, false);
            }
            case "rstrip" -> {
                return strip(s, args.isEmpty() || args.get(0) == null ? null : Py.str(args.get(0)), false, true);
            }
            case "startswith", "endswith" -> {
                Object prefixes = args.isEmpty() ? null : args.get(0);
                String target = slice(s, args, 1);
                List<Object> options = prefixes instanceof PyTuple t ? t.items() : List.of(prefixes == null ? "" : prefixes);
                for (Object option : options) {
                    if (!(option instanceof String p)) {
                        throw TemplateError.type(name + " first arg must be str or a tuple of str, not "
                                + Py.typeName(option));
                    }
                    if (name.equals("startswith") ? target.startsWith(p) : target.endsWith(p)) {
                        return true;
                    }
                }
                return false;
            }
            case "replace" -> {
                String old = strArg("replace()", args, 0);
                String replacement = strArg("replace()", args, 1);
                long count = Py.index(arg(args, 2, -1L));
                return replace(s, old, replacement, count, evaluation);
            }
            case "count" -> {
                String target = slice(s, args, 1);
                return (long) count(target, strArg("count()", args, 0));
            }
            case "lower" -> {
                return s.toLowerCase(java.util.Locale.ROOT);
            }
            case "upper" -> {
                return s.toUpperCase(java.util.Locale.ROOT);
            }
            case "casefold" -> {
                return s.toLowerCase(java.util.Locale.ROOT);
            }
            case "title" -> {
                return title(s);
            }
            case "capitalize" -> {
                return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                        + s.substring(1).toLowerCase(java.util.Locale.ROOT);
            }
            case "swapcase" -> {
                StringBuilder out = new StringBuilder();
                s.codePoints().forEach(c -> out.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c)
                        : Character.isLowerCase(c) ? Character.toUpperCase(c) : c));
                return out.toString();
            }
            case "join" -> {
                StringBuilder out = new StringBuilder();
                List<Object> items = Py.iterate(args.isEmpty() ? List.of() : args.get(0));
                for (int i = 0; i < items.size(); i++) {
                    if (!(items.get(i) instanceof String item)) {
                        throw TemplateError.type("sequence item " + i + ": expected str instance, "
                                + Py.typeName(items.get(i)) + " found");
                    }
                    if (i > 0) {
                        out.append(s);
                    }
                    out.append(item);
                    evaluation.checkSize(out.length());
                }
                return out.toString();
            }
            case "format" -> {
                return PyFormat.format(s, args, kwargs);
            }
            case "find", "index", "rfind", "rindex" -> {
                String sub = strArg(name + "()", args, 0);
                int start = args.size() > 1 ? (int) clampIndex(Py.index(args.get(1)), s.length()) : 0;
                int at = name.startsWith("r") ? s.lastIndexOf(sub) : s.indexOf(sub, start);
                if (at < start) {
                    at = -1;
                }
                if (at < 0 && name.endsWith("index")) {
                    throw new TemplateError("ValueError", "substring not found", 0);
                }
                return (long) (at < 0 ? -1 : s.codePointCount(0, at));
            }
            case "splitlines" -> {
                return splitlines(s, Py.truthy(arg(args, 0, kwargs.getOrDefault("keepends", false))));
            }
            case "zfill" -> {
                int width = (int) Py.index(args.get(0));
                int pad = width - s.length();
                if (pad <= 0) {
                    return s;
                }
                boolean signed = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+');
                return signed ? s.charAt(0) + "0".repeat(pad) + s.substring(1) : "0".repeat(pad) + s;
            }
            case "center", "ljust", "rjust" -> {
                int width = (int) Py.index(args.get(0));
                String fill = args.size() > 1 ? Py.str(args.get(1)) : " ";
                evaluation.checkSize(width);
                return pad(s, width, fill, name);
            }
            case "isdigit", "isnumeric", "isdecimal" -> {
                return !s.isEmpty() && s.codePoints().allMatch(Character::isDigit);
            }
            case "isalpha" -> {
                return !s.isEmpty() && s.codePoints().allMatch(Character::isLetter);
            }
            case "isalnum" -> {
                return !s.isEmpty() && s.codePoints().allMatch(Character::isLetterOrDigit);
            }
            case "isspace" -> {
                return !s.isEmpty() && s.codePoints().allMatch(PyMethods::isSpace);
            }
            case "isupper" -> {
                return isUpper(s);
            }
            case "islower" -> {
                return isLower(s);
            }
            case "istitle" -> {
                return !s.isEmpty() && title(s).equals(s) && s.codePoints().anyMatch(Character::isLetter);
            }
            case "partition", "rpartition" -> {
                String sep = strArg(name + "()", args, 0);
                int at = name.equals("partition") ? s.indexOf(sep) : s.lastIndexOf(sep);
                if (at < 0) {
                    return name.equals("partition") ? PyTuple.of(s, "", "") : PyTuple.of("", "", s);
                }
                return PyTuple.of(s.substring(0, at), sep, s.substring(at + sep.length()));
            }
            case "removeprefix" -> {
                String prefix = strArg("removeprefix()", args, 0);
                return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
            }
            case "removesuffix" -> {
                String suffix = strArg("removesuffix()", args, 0);
                return s.endsWith(suffix) && !suffix.isEmpty() ? s.substring(0, s.length() - suffix.length()) : s;
            }
            case "expandtabs" -> {
                return s.replace("\t", " ".repeat((int) Py.index(arg(args, 0, 8L))));
            }
            default -> throw TemplateError.undefined("'str object' has no attribute '" + name + "'");
        }
    }

    private static long clampIndex(long i, int length) {
        return i < 0 ? Math.max(0, i + length) : Math.min(i, length);
    }

    private static String slice(String s, List<Object> args, int from) {
        if (args.size() <= from) {
            return s;
        }
        return (String) Py.slice(s, new Py.SliceKey(args.get(from), args.size() > from + 1 ? args.get(from + 1) : null,
                null));
    }

    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x1c || c == 0x1d || c == 0x1e
                || c == 0x1f || c == 0x85;
    }

    static boolean isUpper(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            cased |= Character.isUpperCase(c);
        }
        return cased;
    }

    static boolean isLower(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c)) {
                return false;
            }
            cased |= Character.isLowerCase(c);
        }
        return cased;
    }

    /** Python's str.title(): a letter after a non-letter starts a word. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean cased = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
            out.appendCodePoint(cased ? (previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c)) : c);
            previousCased = cased;
        }
        return out.toString();
    }

    static String pad(String s, int width, String fill, String how) {
        int length = s.codePointCount(0, s.length());
        int margin = width - length;
        if (margin <= 0) {
            return s;
        }
        int left = switch (how) {
            case "ljust" -> 0;
            case "rjust" -> margin;
            default -> margin / 2 + (margin & width & 1);
        };
        return fill.repeat(left) + s + fill.repeat(margin - left);
    }

    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && (chars == null ? isSpace(s.charAt(start)) : chars.indexOf(s.charAt(start)) >= 0)) {
            start++;
        }
        while (right && end > start && (chars == null ? isSpace(s.charAt(end - 1)) : chars.indexOf(s.charAt(end - 1)) >= 0)) {
            end--;
        }
        return s.substring(start, end);
    }

    static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.codePointCount(0, s.length()) + 1;
        }
        int n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    static String replace(String s, String old, String replacement, long count, TemplateLimitsCheck limits) {
        if (count < 0) {
            if (!replacement.isEmpty() && !old.isEmpty()) {
                limits.checkSize((long) s.length() + (long) count(s, old) * replacement.length());
            }
            if (old.isEmpty()) {
                limits.checkSize((long) s.length() * (replacement.length() + 1));
            }
            return s.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (long i = 0; i < count; i++) {
            int at = s.indexOf(old, from);
            if (at < 0) {
                break;
            }
            out.append(s, from, at).append(replacement);
            from = at + Math.max(old.length(), 0);
            if (old.isEmpty()) {
                if (from >= s.length()) {
                    break;
                }
                out.append(s.charAt(from));
                from++;
            }
        }
        return out.append(s.substring(Math.min(from, s.length()))).toString();
    }

    static List<Object> split(String s, String sep, long max) {
        List<Object> parts = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && isSpace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                if (max >= 0 && parts.size() == max) {
                    parts.add(strip(s.substring(i), null, false, true));
                    break;
                }
                int j = i;
                while (j < n && !isSpace(s.charAt(j))) {
                    j++;
                }
                parts.add(s.substring(i, j));
                i = j;
            }
            return parts;
        }
        if (sep.isEmpty()) {
            throw new TemplateError("ValueError", "empty separator", 0);
        }
        int from = 0;
        while (max < 0 || parts.size() < max) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                break;
            }
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    static List<Object> rsplit(String s, String sep, long max) {
        if (max < 0) {
            return split(s, sep, max);
        }
        List<Object> parts = new ArrayList<>();
        if (sep == null) {
            int j = s.length();
            while (true) {
                while (j > 0 && isSpace(s.charAt(j - 1))) {
                    j--;
                }
                if (j <= 0) {
                    break;
                }
                if (parts.size() == max) {
                    parts.add(0, strip(s.substring(0, j), null, true, false));
                    break;
                }
                int i = j;
                while (i > 0 && !isSpace(s.charAt(i - 1))) {
                    i--;
                }
                parts.add(0, s.substring(i, j));
                j = i;
            }
            return parts;
        }
        int end = s.length();
        while (parts.size() < max) {
            int at = s.lastIndexOf(sep, end - sep.length());
            if (at < 0) {
                break;
            }
            parts.add(0, s.substring(at + sep.length(), end));
            end = at;
        }
        parts.add(0, s.substring(0, end));
        return parts;
    }

    /** Python's str.splitlines(): every line boundary Python knows, not only \n. */
    static List<Object> splitlines(String s, boolean keepEnds) {
        List<Object> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int eol = -1;
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                eol = i + 2;
            } else if (c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e
                    || c == 0x85 || c == 0x2028 || c == 0x2029) {
                eol = i + 1;
            }
            if (eol >= 0) {
                lines.add(s.substring(start, keepEnds ? eol : i));
                start = eol;
                i = eol;
            } else {
                i++;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }

    private static Object list(Evaluation evaluation, List<Object> list, String name, List<Object> args) {
        switch (name) {
            case "append" -> {
                evaluation.checkLength(list.size() + 1L);
                list.add(args.get(0));
                return null;
            }
            case "extend" -> {
                List<Object> more = Py.iterate(args.get(0));
                evaluation.checkLength((long) list.size() + more.size());
                list.addAll(new ArrayList<>(more));
                return null;
            }
            case "insert" -> {
                int at = (int) clampIndex(Py.index(args.get(0)), list.size());
                list.add(at, args.get(1));
                return null;
            }
            case "pop" -> {
                if (list.isEmpty()) {
                    throw new TemplateError("IndexError", "pop from empty list", 0);
                }
                long at = args.isEmpty() ? list.size() - 1 : Py.index(args.get(0));
                if (at < 0) {
                    at += list.size();
                }
                if (at < 0 || at >= list.size()) {
                    throw new TemplateError("IndexError", "pop index out of range", 0);
                }
                return list.remove((int) at);
            }
            case "remove" -> {
                for (int i = 0; i < list.size(); i++) {
                    if (Py.eq(list.get(i), args.get(0))) {
                        list.remove(i);
                        return null;
                    }
                }
                throw new TemplateError("ValueError", "list.remove(x): x not in list", 0);
            }
            case "index" -> {
                for (int i = 0; i < list.size(); i++) {
                    if (Py.eq(list.get(i), args.get(0))) {
                        return (long) i;
                    }
                }
                throw new TemplateError("ValueError", Py.repr(args.get(0)) + " is not in list", 0);
            }
            case "count" -> {
                return list.stream().filter(item -> Py.eq(item, args.get(0))).count();
            }
            case "reverse" -> {
                java.util.Collections.reverse(list);
                return null;
            }
            case "sort" -> {
                list.sort(Py::compare);
                return null;
            }
            case "copy" -> {
                return new ArrayList<>(list);
            }
            default -> {
                list.clear();
                return null;
            }
        }
    }

    private static Object dict(Map<Object, Object> dict, String name, List<Object> args, Map<String, Object> kwargs) {
        switch (name) {
            case "items" -> {
                List<Object> items = new ArrayList<>(dict.size());
                dict.forEach((k, v) -> items.add(PyTuple.of(k, v)));
                return items;
            }
            case "keys" -> {
                return new ArrayList<>(dict.keySet());
            }
            case "values" -> {
                return new ArrayList<>(dict.values());
            }
            case "get" -> {
                Object key = args.get(0);
                return dict.containsKey(key) ? dict.get(key) : args.size() > 1 ? args.get(1) : null;
            }
            case "update" -> {
                if (!args.isEmpty() && args.get(0) instanceof Map<?, ?> other) {
                    dict.putAll(other);
                }
                dict.putAll(kwargs);
                return null;
            }
            case "pop" -> {
                Object key = args.get(0);
                if (dict.containsKey(key)) {
                    return dict.remove(key);
                }
                if (args.size() > 1) {
                    return args.get(1);
                }
                throw new TemplateError("KeyError", Py.repr(key), 0);
            }
            case "copy" -> {
                return new LinkedHashMap<>(dict);
            }
            case "setdefault" -> {
                return dict.computeIfAbsent(args.get(0), k -> args.size() > 1 ? args.get(1) : null);
            }
            default -> {
                dict.clear();
                return null;
            }
        }
    }
}
