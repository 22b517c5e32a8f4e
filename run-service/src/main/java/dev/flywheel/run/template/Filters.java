package dev.flywheel.run.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jinja2's built-in filters (jinja2/filters.py) with their signatures, defaults and results. */
final class Filters {

    interface Filter {
        Object apply(Evaluation evaluation, Object value, Object[] args, List<Object> rest, Map<String, Object> kwargs);
    }

    private record Entry(Signature signature, Filter filter) {
    }

    private static final Map<String, Entry> FILTERS = new HashMap<>();
    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WORD_BEGINNING = Pattern.compile("([-\\s({\\[<]+)");
    private static final Pattern TAGS = Pattern.compile("<.*?>", Pattern.DOTALL);
    private static final Pattern COMMENTS = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[\\s/>=]");

    static {
        fixed("abs", Signature.of("do_abs", 1, 0), (e, v, a, r, k) -> {
            if (v instanceof Double d) {
                return Math.abs(d);
            }
            if (Py.isInt(v)) {
                return Py.shrink(Py.toBig(v).abs());
            }
            throw TemplateError.type("bad operand type for abs(): '" + Py.typeName(v) + "'");
        });
        fixed("attr", Signature.of("do_attr", 2, 1, "name"), (e, v, a, r, k) -> {
            if (v instanceof Undefined u) {
                throw u.fail();
            }
            Object value = v instanceof Map ? null : Py.attribute(v, Py.str(a[0]));
            return value == null ? Undefined.attribute(v, Py.str(a[0])) : Py.getattr(v, Py.str(a[0]));
        });
        fixed("batch", Signature.of("do_batch", 1, 1, "linecount", "fill_with"), (e, v, a, r, k) -> {
            // Jinja2 compares the row's length with linecount as it is, so batch('x') is one row, as there.
            Object linecount = a[0];
            List<Object> rows = new ArrayList<>();
            List<Object> row = new ArrayList<>();
            for (Object item : Py.iterate(v)) {
                if (Py.eq((long) row.size(), linecount)) {
                    rows.add(row);
                    row = new ArrayList<>();
                }
                row.add(item);
            }
            if (!row.isEmpty()) {
                Object fill = Signature.or(a[1], null);
                if (fill != null && Py.compare((long) row.size(), linecount) < 0) {
                    long size = Py.index(linecount);
                    e.checkLength(size);
                    while (row.size() < size) {
                        row.add(fill);
                    }
                }
                rows.add(row);
            }
            return rows;
        });
        fixed("capitalize", Signature.of("do_capitalize", 1, 0),
                (e, v, a, r, k) -> PyMethods.call(e, Py.str(v), "capitalize", List.of(), Map.of()));
        fixed("center", Signature.of("do_center", 1, 0, "width"), (e, v, a, r, k) -> {
            int width = (int) Py.index(Signature.or(a[0], 80L));
            e.checkSize(width);
            return PyMethods.pad(Py.str(v), width, " ", "center");
        });
        Filter defaultFilter = (e, v, a, r, k) -> {
            boolean useDefault = v instanceof Undefined || Py.truthy(Signature.or(a[1], false)) && !Py.truthy(v);
            return useDefault ? Signature.or(a[0], "") : v;
        };
        fixed("default", Signature.of("do_default", 1, 0, "default_value", "boolean"), defaultFilter);
        fixed("d", Signature.of("do_default", 1, 0, "default_value", "boolean"), defaultFilter);
        fixed("dictsort", Signature.of("do_dictsort", 1, 0, "case_sensitive", "by", "reverse"), (e, v, a, r, k) -> {
            Object by = Signature.or(a[1], "key");
            int pos;
            if ("key".equals(by)) {
                pos = 0;
            } else if ("value".equals(by)) {
                pos = 1;
            } else {
                throw new TemplateError("FilterArgumentError", "You can only sort by either \"key\" or \"value\"", 0);
            }
            boolean caseSensitive = Py.truthy(Signature.or(a[0], false));
            if (!(v instanceof Map<?, ?> map)) {
                throw TemplateError.undefined("'" + Py.typeName(v) + " object' has no attribute 'items'");
            }
            List<Object> items = new ArrayList<>();
            map.forEach((key, value) -> items.add(PyTuple.of(key, value)));
            Comparator<Object> order = (x, y) -> Py.compare(caseKey(((PyTuple) x).items().get(pos), caseSensitive),
                    caseKey(((PyTuple) y).items().get(pos), caseSensitive));
            items.sort(Py.truthy(Signature.or(a[2], false)) ? order.reversed() : order);
            return items;
        });
        Filter escape = (e, v, a, r, k) -> escape(Py.str(v));
        fixed("escape", Signature.of("escape", 1, 0), escape);
        fixed("e", Signature.of("escape", 1, 0), escape);
        fixed("forceescape", Signature.of("do_forceescape", 1, 0), escape);
        fixed("filesizeformat", Signature.of("do_filesizeformat", 1, 0, "binary"), (e, v, a, r, k) -> {
            double bytes = toFloat(v);
            boolean binary = Py.truthy(Signature.or(a[0], false));
            int base = binary ? 1024 : 1000;
            String[] prefixes = binary ? new String[] {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"}
                    : new String[] {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
            if (bytes == 1) {
                return "1 Byte";
            }
            if (bytes < base) {
                return (long) bytes + " Bytes";
            }
            double unit = base;
            for (int i = 0; i < prefixes.length; i++) {
                unit = Math.pow(base, i + 2);
                if (bytes < unit || i == prefixes.length - 1) {
                    return PyFormat.fixedOrExp(base * bytes / unit, 'f', 1, false) + " " + prefixes[i];
                }
            }
            throw new IllegalStateException();
        });
        fixed("first", Signature.of("sync_do_first", 2, 0), (e, v, a, r, k) -> {
            List<Object> items = Py.iterate(v);
            return items.isEmpty() ? Undefined.because("No first item, sequence was empty.") : items.get(0);
        });
        fixed("last", Signature.of("do_last", 2, 0), (e, v, a, r, k) -> {
            List<Object> items = Py.iterate(v);
            return items.isEmpty() ? Undefined.because("No last item, sequence was empty.")
                    : items.get(items.size() - 1);
        });
        fixed("float", Signature.of("do_float", 1, 0, "default"), (e, v, a, r, k) -> {
            Double parsed = parseFloat(v);
            return parsed != null ? parsed : Signature.or(a[0], 0.0);
        });
        variadic("format", (e, v, a, r, k) -> {
            if (!r.isEmpty() && !k.isEmpty()) {
                throw new TemplateError("FilterArgumentError", "can't handle positional and keyword arguments at the"
                        + " same time", 0);
            }
            return PyFormat.percent(Py.str(v), k.isEmpty() ? new PyTuple(r) : k);
        });
        variadic("groupby", (e, v, a, r, k) -> {
            Object attribute = r.isEmpty() ? k.get("attribute") : r.get(0);
            Object dflt = k.getOrDefault("default", r.size() > 1 ? r.get(1) : null);
            boolean caseSensitive = Py.truthy(k.getOrDefault("case_sensitive", r.size() > 2 ? r.get(2) : false));
            Function<Object, Object> key = attrGetter(attribute, dflt);
            List<Object> items = new ArrayList<>(Py.iterate(v));
            items.sort((x, y) -> Py.compare(caseKey(key.apply(x), caseSensitive), caseKey(key.apply(y), caseSensitive)));
            List<Object> groups = new ArrayList<>();
            Object current = null;
            List<Object> members = null;
            for (Object item : items) {
                Object grouper = caseKey(key.apply(item), caseSensitive);
                if (members == null || !Py.eq(grouper, current)) {
                    members = new ArrayList<>();
                    groups.add(new PyTuple(List.of(key.apply(item), members), List.of("grouper", "list")));
                    current = grouper;
                }
                members.add(item);
            }
            return groups;
        });
        fixed("indent", Signature.of("do_indent", 1, 0, "width", "first", "blank"), (e, v, a, r, k) -> {
            Object width = Signature.or(a[0], 4L);
            String indention = width instanceof String s ? s : " ".repeat((int) Py.index(width));
            String s = Py.str(v) + "\n";
            List<Object> lines = PyMethods.splitlines(s, false);
            StringBuilder out = new StringBuilder();
            if (Py.truthy(Signature.or(a[2], false))) {
                for (int i = 0; i < lines.size(); i++) {
                    out.append(i > 0 ? "\n" + indention : "").append(lines.get(i));
                }
            } else {
                out.append(lines.isEmpty() ? "" : lines.get(0));
                for (int i = 1; i < lines.size(); i++) {
                    String line = (String) lines.get(i);
                    out.append('\n').append(line.isEmpty() ? line : indention + line);
                }
            }
            e.checkSize(out.length());
            return Py.truthy(Signature.or(a[1], false)) ? indention + out : out.toString();
        });
        fixed("int", Signature.of("do_int", 1, 0, "default", "base"), (e, v, a, r, k) -> {
            Object parsed = parseInt(v, (int) Py.index(Signature.or(a[1], 10L)));
            return parsed != null ? parsed : Signature.or(a[0], 0L);
        });
        fixed("items", Signature.of("do_items", 1, 0), (e, v, a, r, k) -> {
            if (v instanceof Undefined) {
                return List.of();
            }
            if (!(v instanceof Map)) {
                throw TemplateError.type("Can only get item pairs from a mapping.");
            }
            return PyMethods.call(e, v, "items", List.of(), Map.of());
        });
        fixed("join", Signature.of("sync_do_join", 2, 0, "d", "attribute"), (e, v, a, r, k) -> {
            List<Object> items = Py.iterate(v);
            Object attribute = Signature.or(a[1], null);
            if (attribute != null) {
                items = map(items, attrGetter(attribute, null));
            }
            String sep = Py.str(Signature.or(a[0], ""));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(sep);
                }
                out.append(Py.str(items.get(i)));
                e.checkSize(out.length());
            }
            return out.toString();
        });
        Filter lengthFilter = (e, v, a, r, k) -> (long) Py.len(v);
        fixed("length", Signature.of("len", 1, 0), lengthFilter);
        fixed("count", Signature.of("len", 1, 0), lengthFilter);
        fixed("list", Signature.of("sync_do_list", 1, 0), (e, v, a, r, k) -> new ArrayList<>(Py.iterate(v)));
        fixed("lower", Signature.of("do_lower", 1, 0), (e, v, a, r, k) -> Py.str(v).toLowerCase(java.util.Locale.ROOT));
        fixed("upper", Signature.of("do_upper", 1, 0), (e, v, a, r, k) -> Py.str(v).toUpperCase(java.util.Locale.ROOT));
        variadic("map", (e, v, a, r, k) -> {
            List<Object> items = Py.iterate(v);
            if (r.isEmpty() && k.containsKey("attribute")) {
                return map(items, attrGetter(k.get("attribute"), k.get("default")));
            }
            if (r.isEmpty()) {
                throw new TemplateError("FilterArgumentError", "map requires a filter argument", 0);
            }
            String name = Py.str(r.get(0));
            List<Object> args = r.subList(1, r.size());
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                out.add(apply(e, name, item, args, k));
            }
            return out;
        });
        fixed("max", Signature.of("do_max", 2, 0, "case_sensitive", "attribute"),
                (e, v, a, r, k) -> minMax(v, a, true, "No aggregated item, sequence was empty."));
        fixed("min", Signature.of("do_min", 2, 0, "case_sensitive", "attribute"),
                (e, v, a, r, k) -> minMax(v, a, false, "No aggregated item, sequence was empty."));
        fixed("pprint", Signature.of("do_pprint", 1, 0), (e, v, a, r, k) -> Py.sortedRepr(v));
        fixed("random", Signature.of("do_random", 2, 0), (e, v, a, r, k) -> {
            List<Object> items = Py.iterate(v);
            if (items.isEmpty()) {
                return Undefined.because("No random item, sequence was empty.");
            }
            return items.get(ThreadLocalRandom.current().nextInt(items.size()));
        });
        variadic("reject", (e, v, a, r, k) -> select(e, v, r, k, false, false));
        variadic("rejectattr", (e, v, a, r, k) -> select(e, v, r, k, false, true));
        variadic("select", (e, v, a, r, k) -> select(e, v, r, k, true, false));
        variadic("selectattr", (e, v, a, r, k) -> select(e, v, r, k, true, true));
        fixed("replace", Signature.of("do_replace", 2, 2, "old", "new", "count"), (e, v, a, r, k) ->
                PyMethods.replace(Py.str(v), Py.str(a[0]), Py.str(a[1]),
                        Signature.or(a[2], null) == null ? -1 : Py.index(a[2]), e));
        fixed("reverse", Signature.of("do_reverse", 1, 0), (e, v, a, r, k) -> {
            if (v instanceof String s) {
                return Py.slice(s, new Py.SliceKey(null, null, -1L));
            }
            List<Object> items = new ArrayList<>(Py.iterate(v));
            java.util.Collections.reverse(items);
            return items;
        });
        fixed("round", Signature.of("do_round", 1, 0, "precision", "method"), (e, v, a, r, k) -> {
            int precision = (int) Py.index(Signature.or(a[0], 0L));
            Object method = Signature.or(a[1], "common");
            if (!"common".equals(method) && !"ceil".equals(method) && !"floor".equals(method)) {
                throw new TemplateError("FilterArgumentError", "method must be common, ceil or floor", 0);
            }
            if (!Py.isNumber(v)) {
                throw TemplateError.type("type " + Py.typeName(v) + " doesn't define __round__ method");
            }
            if ("common".equals(method)) {
                if (Py.isInt(v)) {
                    return v instanceof Boolean ? Py.toLong(v) : v;
                }
                return new BigDecimal(Py.toDouble(v)).setScale(precision, RoundingMode.HALF_EVEN).doubleValue();
            }
            double scale = Math.pow(10, precision);
            double scaled = Py.toDouble(v) * scale;
            return ("ceil".equals(method) ? Math.ceil(scaled) : Math.floor(scaled)) / scale;
        });
        fixed("safe", Signature.of("do_mark_safe", 1, 0), (e, v, a, r, k) -> Py.str(v));
        fixed("slice", Signature.of("sync_do_slice", 1, 1, "slices", "fill_with"), (e, v, a, r, k) -> {
            List<Object> seq = Py.iterate(v);
            int slices = (int) Py.index(a[0]);
            Object fill = Signature.or(a[1], null);
            int per = seq.size() / slices;
            int extra = seq.size() % slices;
            int offset = 0;
            List<Object> out = new ArrayList<>();
            for (int n = 0; n < slices; n++) {
                int start = offset + n * per;
                if (n < extra) {
                    offset++;
                }
                int end = offset + (n + 1) * per;
                List<Object> part = new ArrayList<>(seq.subList(Math.min(start, seq.size()), Math.min(end, seq.size())));
                if (fill != null && n >= extra) {
                    part.add(fill);
                }
                out.add(part);
            }
            return out;
        });
        fixed("sort", Signature.of("do_sort", 2, 0, "reverse", "case_sensitive", "attribute"), (e, v, a, r, k) -> {
            boolean caseSensitive = Py.truthy(Signature.or(a[1], false));
            Function<Object, Object> key = multiAttrGetter(Signature.or(a[2], null), caseSensitive);
            List<Object> items = new ArrayList<>(Py.iterate(v));
            Comparator<Object> order = (x, y) -> Py.compare(key.apply(x), key.apply(y));
            items.sort(Py.truthy(Signature.or(a[0], false)) ? order.reversed() : order);
            return items;
        });
        fixed("string", Signature.of("soft_str", 1, 0), (e, v, a, r, k) -> Py.str(v));
        fixed("striptags", Signature.of("do_striptags", 1, 0), (e, v, a, r, k) -> {
            String text = TAGS.matcher(COMMENTS.matcher(Py.str(v)).replaceAll("")).replaceAll("");
            return unescape(String.join(" ", PyMethods.split(text, null, -1).stream().map(Py::str).toList()));
        });
        fixed("sum", Signature.of("sync_do_sum", 2, 0, "attribute", "start"), (e, v, a, r, k) -> {
            List<Object> items = Py.iterate(v);
            Object attribute = Signature.or(a[0], null);
            if (attribute != null) {
                items = map(items, attrGetter(attribute, null));
            }
            Object total = Signature.or(a[1], 0L);
            for (Object item : items) {
                total = Py.binary("+", total, item, e);
            }
            return total;
        });
        fixed("title", Signature.of("do_title", 1, 0), (e, v, a, r, k) -> {
            StringBuilder out = new StringBuilder();
            Matcher m = WORD_BEGINNING.matcher(Py.str(v));
            String s = Py.str(v);
            int last = 0;
            List<String> pieces = new ArrayList<>();
            while (m.find()) {
                pieces.add(s.substring(last, m.start()));
                pieces.add(m.group());
                last = m.end();
            }
            pieces.add(s.substring(last));
            for (String piece : pieces) {
                if (!piece.isEmpty()) {
                    out.append(piece.substring(0, 1).toUpperCase(java.util.Locale.ROOT))
                            .append(piece.substring(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
            return out.toString();
        });
        fixed("tojson", Signature.of("do_tojson", 2, 0, "indent"), (e, v, a, r, k) -> {
            Object indent = Signature.or(a[0], null);
            return Json.htmlSafe(Json.dumps(v, indent == null ? -1 : (int) Py.index(indent)));
        });
        fixed("trim", Signature.of("do_trim", 1, 0, "chars"), (e, v, a, r, k) -> {
            Object chars = Signature.or(a[0], null);
            return PyMethods.strip(Py.str(v), chars == null ? null : Py.str(chars), true, true);
        });
        fixed("truncate", Signature.of("do_truncate", 2, 0, "length", "killwords", "end", "leeway"), (e, v, a, r, k) -> {
            long length = Py.index(Signature.or(a[0], 255L));
            String end = Py.str(Signature.or(a[2], "..."));
            Object leewayArg = Signature.or(a[3], null);
            long leeway = leewayArg == null ? 5 : Py.index(leewayArg);
            // Jinja2 measures the value as it is: len() of an int fails, an undefined one is short enough.
            if (!(v instanceof String) && Py.len(v) <= length + leeway) {
                return v;
            }
            String s = Py.str(v);
            if (length < end.length()) {
                throw new TemplateError("AssertionError", "expected length >= " + end.length() + ", got " + length, 0);
            }
            if (leeway < 0) {
                throw new TemplateError("AssertionError", "expected leeway >= 0, got " + leeway, 0);
            }
            if (Py.len(s) <= length + leeway) {
                return s;
            }
            String head = (String) Py.slice(s, new Py.SliceKey(null, length - end.length(), null));
            if (Py.truthy(Signature.or(a[1], false))) {
                return head + end;
            }
            int space = head.lastIndexOf(' ');
            return (space < 0 ? head : head.substring(0, space)) + end;
        });
        fixed("unique", Signature.of("sync_do_unique", 2, 0, "case_sensitive", "attribute"), (e, v, a, r, k) -> {
            boolean caseSensitive = Py.truthy(Signature.or(a[0], false));
            Function<Object, Object> getter = attrGetter(Signature.or(a[1], null), null);
            Set<Object> seen = new HashSet<>();
            List<Object> out = new ArrayList<>();
            for (Object item : Py.iterate(v)) {
                if (seen.add(Py.hashKey(caseKey(getter.apply(item), caseSensitive)))) {
                    out.add(item);
                }
            }
            return out;
        });
        fixed("urlencode", Signature.of("do_urlencode", 1, 0), (e, v, a, r, k) -> {
            if (v instanceof String s) {
                return quote(s, false);
            }
            Iterable<?> pairs = v instanceof Map<?, ?> map ? map.entrySet() : Py.iterate(v);
            List<String> out = new ArrayList<>();
            for (Object pair : pairs) {
                Object key = pair instanceof Map.Entry<?, ?> entry ? entry.getKey() : Py.iterate(pair).get(0);
                Object value = pair instanceof Map.Entry<?, ?> entry ? entry.getValue() : Py.iterate(pair).get(1);
                out.add(quote(Py.str(key), true) + "=" + quote(Py.str(value), true));
            }
            return String.join("&", out);
        });
        fixed("urlize", Signature.of("do_urlize", 2, 0, "trim_url_limit", "nofollow", "target", "rel", "extra_schemes"),
                (e, v, a, r, k) -> urlize(Py.str(v)));
        fixed("wordcount", Signature.of("do_wordcount", 1, 0), (e, v, a, r, k) -> WORD.matcher(Py.str(v)).results().count());
        fixed("wordwrap", Signature.of("do_wordwrap", 2, 0, "width", "break_long_words", "wrapstring",
                "break_on_hyphens"), (e, v, a, r, k) -> {
                    int width = (int) Py.index(Signature.or(a[0], 79L));
                    boolean breakLong = Py.truthy(Signature.or(a[1], true));
                    Object wrap = Signature.or(a[2], null);
                    String wrapstring = wrap == null ? "\n" : Py.str(wrap);
                    List<String> paragraphs = new ArrayList<>();
                    for (Object line : PyMethods.splitlines(Py.str(v), false)) {
                        paragraphs.add(String.join(wrapstring, TextWrap.wrap((String) line, width, breakLong,
                                Py.truthy(Signature.or(a[3], true)))));
                    }
                    return String.join(wrapstring, paragraphs);
                });
        fixed("xmlattr", Signature.of("do_xmlattr", 2, 0, "autospace"), (e, v, a, r, k) -> {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) v).entrySet()) {
                if (entry.getValue() == null || entry.getValue() instanceof Undefined) {
                    continue;
                }
                String key = Py.str(entry.getKey());
                if (ATTRIBUTE_KEY.matcher(key).find()) {
                    throw new TemplateError("ValueError", "Invalid character in attribute name: " + Py.repr(key), 0);
                }
                parts.add(escape(key) + "=\"" + escape(Py.str(entry.getValue())) + "\"");
            }
            String joined = String.join(" ", parts);
            return !joined.isEmpty() && Py.truthy(Signature.or(a[0], true)) ? " " + joined : joined;
        });
    }

    private Filters() {
    }

    private static void fixed(String name, Signature signature, Filter filter) {
        FILTERS.put(name, new Entry(signature, filter));
    }

    private static void variadic(String name, Filter filter) {
        FILTERS.put(name, new Entry(null, filter));
    }

    static boolean exists(String name) {
        return FILTERS.containsKey(name);
    }

    static Object apply(Evaluation evaluation, String name, Object value, List<Object> args, Map<String, Object> kwargs) {
        Entry entry = FILTERS.get(name);
        if (entry == null) {
            throw new TemplateError("TemplateRuntimeError", "No filter named '" + name + "' found.", 0);
        }
        if (entry.signature() == null) {
            return entry.filter().apply(evaluation, value, new Object[0], args, kwargs);
        }
        Object[] bound = entry.signature().bind(args, kwargs);
        if (value instanceof Undefined u && failsOnUndefined(name)) {
            throw u.fail();
        }
        return entry.filter().apply(evaluation, value, bound, args, kwargs);
    }

    /** Filters that look into their value raise on an undefined one, as Python does when Undefined has no such method. */
    private static boolean failsOnUndefined(String name) {
        return switch (name) {
            case "dictsort", "int", "float", "xmlattr", "filesizeformat", "wordwrap", "indent" -> true;
            default -> false;
        };
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#34;", "\"")
                .replace("&#39;", "'").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }

    private static Object caseKey(Object value, boolean caseSensitive) {
        return !caseSensitive && value instanceof String s ? s.toLowerCase(java.util.Locale.ROOT) : value;
    }

    private static List<Object> map(List<Object> items, Function<Object, Object> f) {
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(f.apply(item));
        }
        return out;
    }

    /** Jinja2's make_attrgetter: dotted paths, integer parts as indexes, and a default for undefined results. */
    static Function<Object, Object> attrGetter(Object attribute, Object dflt) {
        if (attribute == null) {
            return item -> item;
        }
        List<Object> parts = new ArrayList<>();
        if (attribute instanceof String s) {
            for (String part : s.split("\\.")) {
                parts.add(part.chars().allMatch(Character::isDigit) && !part.isEmpty() ? (Object) Long.parseLong(part)
                        : part);
            }
        } else {
            parts.add(attribute);
        }
        return item -> {
            Object value = item;
            for (Object part : parts) {
                value = Py.getitem(value, part);
            }
            return dflt != null && value instanceof Undefined ? dflt : value;
        };
    }

    private static Function<Object, Object> multiAttrGetter(Object attribute, boolean caseSensitive) {
        if (attribute instanceof String s && s.contains(",")) {
            List<Function<Object, Object>> getters = new ArrayList<>();
            for (String part : s.split(",")) {
                getters.add(attrGetter(part, null));
            }
            return item -> {
                List<Object> keys = new ArrayList<>();
                getters.forEach(g -> keys.add(caseKey(g.apply(item), caseSensitive)));
                return keys;
            };
        }
        Function<Object, Object> getter = attrGetter(attribute, null);
        return item -> caseKey(getter.apply(item), caseSensitive);
    }

    private static Object minMax(Object v, Object[] a, boolean max, String empty) {
        List<Object> items = Py.iterate(v);
        if (items.isEmpty()) {
            return Undefined.because(empty);
        }
        boolean caseSensitive = Py.truthy(Signature.or(a[0], false));
        Function<Object, Object> getter = attrGetter(Signature.or(a[1], null), null);
        Object best = items.get(0);
        Object bestKey = caseKey(getter.apply(best), caseSensitive);
        for (Object item : items.subList(1, items.size())) {
            Object key = caseKey(getter.apply(item), caseSensitive);
            int order = Py.compare(key, bestKey);
            if (max ? order > 0 : order < 0) {
                best = item;
                bestKey = key;
            }
        }
        return best;
    }

    private static Object select(Evaluation e, Object value, List<Object> args, Map<String, Object> kwargs,
            boolean keep, boolean byAttribute) {
        List<Object> rest = args;
        Function<Object, Object> getter = item -> item;
        if (byAttribute) {
            if (rest.isEmpty()) {
                throw new TemplateError("FilterArgumentError", "Missing parameter for attribute name", 0);
            }
            getter = attrGetter(rest.get(0), null);
            rest = rest.subList(1, rest.size());
        }
        String test = rest.isEmpty() ? null : Py.str(rest.get(0));
        List<Object> testArgs = rest.isEmpty() ? List.of() : rest.subList(1, rest.size());
        List<Object> out = new ArrayList<>();
        for (Object item : Py.iterate(value)) {
            Object subject = getter.apply(item);
            boolean passes = test == null ? Py.truthy(subject) : Tests.apply(e, test, subject, testArgs, kwargs);
            if (passes == keep) {
                out.add(item);
            }
        }
        return out;
    }

    private static Double parseFloat(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (Py.isInt(v)) {
            return Py.toDouble(v);
        }
        if (v instanceof String s) {
            String t = s.strip().replace("_", "");
            if (t.matches("[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?)")) {
                return Double.parseDouble(t);
            }
            String lower = t.toLowerCase(java.util.Locale.ROOT);
            if (lower.matches("[+-]?(inf|infinity)")) {
                return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (lower.matches("[+-]?nan")) {
                return Double.NaN;
            }
        }
        return null;
    }

    private static double toFloat(Object v) {
        Double d = parseFloat(v);
        if (d == null) {
            throw new TemplateError("ValueError", "could not convert string to float: " + Py.repr(Py.str(v)), 0);
        }
        return d;
    }

    private static Object parseInt(Object v, int base) {
        if (v instanceof String s) {
            String t = s.strip().replace("_", "").toLowerCase(java.util.Locale.ROOT);
            boolean negative = t.startsWith("-");
            if (t.startsWith("-") || t.startsWith("+")) {
                t = t.substring(1);
            }
            int radix = base;
            if ((base == 16 || base == 0) && t.startsWith("0x")) {
                t = t.substring(2);
                radix = 16;
            } else if ((base == 8 || base == 0) && t.startsWith("0o")) {
                t = t.substring(2);
                radix = 8;
            } else if ((base == 2 || base == 0) && t.startsWith("0b")) {
                t = t.substring(2);
                radix = 2;
            } else if (base == 0) {
                radix = 10;
            }
            try {
                java.math.BigInteger value = new java.math.BigInteger(t, radix);
                return Py.shrink(negative ? value.negate() : value);
            } catch (NumberFormatException | ArithmeticException e) {
                Double d = parseFloat(v);
                return d == null || d.isNaN() || d.isInfinite() ? null : Py.shrink(new BigDecimal(d).toBigInteger());
            }
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : Py.shrink(new BigDecimal(d).toBigInteger());
        }
        if (Py.isInt(v)) {
            return v instanceof Boolean ? Py.toLong(v) : v;
        }
        return null;
    }

    private static String quote(String s, boolean forQuery) {
        String encoded = URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~")
                .replace("*", "%2A");
        if (!forQuery) {
            encoded = encoded.replace("%2F", "/");
        }
        return forQuery ? encoded.replace("%20", "+") : encoded;
    }

    private static final Pattern URL = Pattern.compile("^(\\(*)(https?://\\S+?|www\\.\\S+?)([.,:;!)]*)$");

    private static String urlize(String text) {
        StringBuilder out = new StringBuilder();
        Matcher words = Pattern.compile("(\\s+)").matcher(text);
        int last = 0;
        List<String> pieces = new ArrayList<>();
        while (words.find()) {
            pieces.add(text.substring(last, words.start()));
            pieces.add(words.group());
            last = words.end();
        }
        pieces.add(text.substring(last));
        for (String piece : pieces) {
            Matcher url = URL.matcher(piece);
            if (!piece.isBlank() && url.matches()) {
                String href = url.group(2).startsWith("www.") ? "https://" + url.group(2) : url.group(2);
                out.append(url.group(1)).append("<a href=\"").append(escape(href)).append("\" rel=\"noopener\">")
                        .append(escape(url.group(2))).append("</a>").append(url.group(3));
            } else {
                out.append(escape(piece));
            }
        }
        return out.toString();
    }
}
