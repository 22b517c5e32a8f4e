package dev.flywheel.run.template;

import dev.flywheel.run.template.Node.Expr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Jinja2's parser, rule for rule (jinja2/parser.py), so that what it accepts, what it refuses and the words of its
 * refusals are Jinja2's. Tags that need an extension in Jinja2 ({@code do}, {@code break}, {@code trans}) are unknown
 * here too.
 */
final class Parser {

    private static final Set<String> STATEMENTS = Set.of("for", "if", "block", "extends", "print", "macro", "include",
            "from", "import", "set", "with", "autoescape");
    private static final Set<String> COMPARE = Set.of("==", "!=", "<", "<=", ">", ">=");

    private final List<Token> tokens;
    private int pos;
    private final Deque<String> tagStack = new ArrayDeque<>();
    private final List<List<String>> endTokenStack = new ArrayList<>();

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static List<Node> parse(String source) {
        Parser parser = new Parser(Lexer.tokenize(source));
        return parser.subparse(null);
    }

    // ---- token stream

    private Token current() {
        if (pos < tokens.size()) {
            return tokens.get(pos);
        }
        int line = tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line();
        return new Token(Token.EOF, "", line, null);
    }

    private Token look() {
        pos++;
        Token next = current();
        pos--;
        return next;
    }

    private Token next() {
        Token token = current();
        if (pos < tokens.size()) {
            pos++;
        }
        return token;
    }

    private boolean skipIf(String expr) {
        if (current().test(expr)) {
            next();
            return true;
        }
        return false;
    }

    private Token expect(String expr) {
        Token token = current();
        if (!token.test(expr)) {
            String described = Token.describeExpr(expr);
            if (token.is(Token.EOF)) {
                throw TemplateError.syntax("unexpected end of template, expected '" + described + "'.", token.line());
            }
            throw TemplateError.syntax("expected token '" + described + "', got '" + token.describe() + "'",
                    token.line());
        }
        return next();
    }

    private TemplateError fail(String message, int line) {
        return TemplateError.syntax(message, line);
    }

    private boolean testAny(List<String> exprs) {
        Token token = current();
        return exprs.stream().anyMatch(token::test);
    }

    // ---- statements

    private List<Node> subparse(List<String> endTokens) {
        List<Node> body = new ArrayList<>();
        if (endTokens != null) {
            endTokenStack.add(endTokens);
        }
        try {
            while (!current().is(Token.EOF)) {
                Token token = current();
                if (token.is(Token.DATA)) {
                    body.add(new Node.Data(token.value(), token.line()));
                    next();
                } else if (token.is(Token.VARIABLE_BEGIN)) {
                    next();
                    body.add(new Node.Print(parseTuple(false, true, null, false, false), token.line()));
                    expect(Token.VARIABLE_END);
                } else {
                    next();
                    if (endTokens != null && testAny(endTokens)) {
                        return body;
                    }
                    body.add(parseStatement());
                    expect(Token.BLOCK_END);
                }
            }
            return body;
        } finally {
            if (endTokens != null) {
                endTokenStack.remove(endTokenStack.size() - 1);
            }
        }
    }

    private Node parseStatement() {
        Token token = current();
        if (!token.is(Token.NAME)) {
            throw fail("tag name expected", token.line());
        }
        String name = token.value();
        if (!STATEMENTS.contains(name) && !name.equals("call") && !name.equals("filter")) {
            throw failUnknownTag(name, token.line());
        }
        tagStack.push(name);
        try {
            return switch (name) {
                case "for" -> parseFor();
                case "if" -> parseIf();
                case "block" -> parseBlock();
                case "extends" -> parseLoaderTag();
                case "print" -> parsePrint();
                case "macro" -> parseMacro();
                case "include" -> parseLoaderTag();
                case "from" -> parseLoaderTag();
                case "import" -> parseLoaderTag();
                case "set" -> parseSet();
                case "with" -> parseWith();
                case "autoescape" -> parseAutoescape();
                case "call" -> parseCallBlock();
                default -> parseFilterBlock();
            };
        } finally {
            tagStack.pop();
        }
    }

    private TemplateError failUnknownTag(String name, int line) {
        return failUnexpected(name, endTokenStack, line);
    }

    private TemplateError failEof(List<String> endTokens) {
        List<List<String>> stack = new ArrayList<>(endTokenStack);
        if (endTokens != null) {
            stack.add(endTokens);
        }
        return failUnexpected(null, stack, current().line());
    }

    private TemplateError failUnexpected(String name, List<List<String>> stack, int line) {
        Set<String> expected = new LinkedHashSet<>();
        stack.forEach(exprs -> exprs.forEach(expr -> expected.add(Token.describeExpr(expr))));
        String looking = stack.isEmpty() ? null : stack.get(stack.size() - 1).stream()
                .map(expr -> "'" + Token.describeExpr(expr) + "'").collect(Collectors.joining(" or "));
        List<String> message = new ArrayList<>();
        message.add(name == null ? "Unexpected end of template." : "Encountered unknown tag '" + name + "'.");
        if (looking != null) {
            if (name != null && expected.contains(name)) {
                message.add("You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for "
                        + looking + ".");
            } else {
                message.add("Jinja was looking for the following tags: " + looking + ".");
            }
        }
        if (!tagStack.isEmpty()) {
            message.add("The innermost block that needs to be closed is '" + tagStack.peek() + "'.");
        }
        return fail(String.join(" ", message), line);
    }

    private List<Node> parseStatements(List<String> endTokens, boolean dropNeedle) {
        skipIf(":");
        expect(Token.BLOCK_END);
        List<Node> result = subparse(endTokens);
        if (current().is(Token.EOF)) {
            throw failEof(endTokens);
        }
        if (dropNeedle) {
            next();
        }
        return result;
    }

    private Node parseFor() {
        int line = expect("name:for").line();
        Expr target = parseAssignTarget(true, false, List.of("name:in"), false);
        expect("name:in");
        Expr iter = parseTuple(false, false, List.of("name:recursive"), false, false);
        Expr filter = null;
        if (skipIf("name:if")) {
            filter = parseExpression(true);
        }
        boolean recursive = skipIf("name:recursive");
        List<Node> body = parseStatements(List.of("name:endfor", "name:else"), false);
        List<Node> orElse = List.of();
        if (!next().value().equals("endfor")) {
            orElse = parseStatements(List.of("name:endfor"), true);
        }
        return new Node.For(target, iter, body, orElse, filter, recursive, line);
    }

    private Node parseIf() {
        int line = expect("name:if").line();
        Expr test = parseTuple(false, false, null, false, false);
        List<Node> body = parseStatements(List.of("name:elif", "name:else", "name:endif"), false);
        Token token = next();
        List<Node> orElse = List.of();
        if (token.isName("elif")) {
            orElse = List.of(parseElif(current().line()));
            return new Node.If(test, body, orElse, line);
        }
        if (token.isName("else")) {
            orElse = parseStatements(List.of("name:endif"), true);
        }
        return new Node.If(test, body, orElse, line);
    }

    private Node parseElif(int line) {
        Expr test = parseTuple(false, false, null, false, false);
        List<Node> body = parseStatements(List.of("name:elif", "name:else", "name:endif"), false);
        Token token = next();
        List<Node> orElse = List.of();
        if (token.isName("elif")) {
            orElse = List.of(parseElif(current().line()));
        } else if (token.isName("else")) {
            orElse = parseStatements(List.of("name:endif"), true);
        }
        return new Node.If(test, body, orElse, line);
    }

    private Node parseBlock() {
        int line = next().line();
        String name = expect(Token.NAME).value();
        skipIf("name:scoped");
        skipIf("name:required");
        if (current().is("-")) {
            throw fail("Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an"
                    + " underscore instead.", current().line());
        }
        List<Node> body = parseStatements(List.of("name:endblock"), true);
        skipIf("name:" + name);
        return new Node.Scope(body, line);
    }

    private Node parseLoaderTag() {
        int line = next().line();
        parseExpression(true);
        while (!current().is(Token.BLOCK_END) && !current().is(Token.EOF)) {
            next();
        }
        return new Node.NoLoader(line);
    }

    private Node parsePrint() {
        int line = next().line();
        List<Expr> items = new ArrayList<>();
        while (!current().is(Token.BLOCK_END)) {
            if (!items.isEmpty()) {
                expect(",");
            }
            items.add(parseExpression(true));
        }
        return items.size() == 1 ? new Node.Print(items.get(0), line)
                : new Node.Scope(items.stream().<Node>map(e -> new Node.Print(e, line)).toList(), line);
    }

    private Node parseSet() {
        int line = next().line();
        Expr target = parseAssignTarget(true, false, null, true);
        if (skipIf("=")) {
            return new Node.Assign(target, parseTuple(false, true, null, false, false), line);
        }
        Expr.Filter filter = (Expr.Filter) parseFilter(null, false);
        List<Node> body = parseStatements(List.of("name:endset"), true);
        return new Node.AssignBlock(target, filter, body, line);
    }

    private Node parseWith() {
        int line = next().line();
        List<Expr> targets = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!current().is(Token.BLOCK_END)) {
            if (!targets.isEmpty()) {
                expect(",");
            }
            targets.add(parseAssignTarget(true, false, null, false));
            expect("=");
            values.add(parseExpression(true));
        }
        List<Node> body = parseStatements(List.of("name:endwith"), true);
        return new Node.With(targets, values, body, line);
    }

    private Node parseAutoescape() {
        int line = next().line();
        Expr enabled = parseExpression(true);
        List<Node> body = parseStatements(List.of("name:endautoescape"), true);
        return new Node.Autoescape(enabled, body, line);
    }

    private Node parseMacro() {
        int line = next().line();
        String name = parseAssignTarget(true, true, null, false) instanceof Expr.Name n ? n.name() : "";
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        parseSignature(params, defaults);
        List<Node> body = parseStatements(List.of("name:endmacro"), true);
        return new Node.MacroDef(name, params, defaults, body, line);
    }

    private void parseSignature(List<String> params, List<Expr> defaults) {
        expect("(");
        while (!current().is(")")) {
            if (!params.isEmpty()) {
                expect(",");
            }
            Expr.Name arg = (Expr.Name) parseAssignTarget(true, true, null, false);
            if (skipIf("=")) {
                defaults.add(parseExpression(true));
            } else if (!defaults.isEmpty()) {
                throw fail("non-default argument follows default argument", current().line());
            }
            params.add(arg.name());
        }
        expect(")");
    }

    private Node parseCallBlock() {
        int line = next().line();
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        if (current().is("(")) {
            parseSignature(params, defaults);
        }
        Expr call = parseExpression(true);
        if (!(call instanceof Expr.Call callNode)) {
            throw fail("expected call", line);
        }
        List<Node> body = parseStatements(List.of("name:endcall"), true);
        return new Node.CallBlock(callNode, params, defaults, body, line);
    }

    private Node parseFilterBlock() {
        int line = next().line();
        Expr.Filter filter = (Expr.Filter) parseFilter(null, true);
        List<Node> body = parseStatements(List.of("name:endfilter"), true);
        return new Node.FilterBlock(filter, body, line);
    }

    private Expr parseAssignTarget(boolean withTuple, boolean nameOnly, List<String> extraEndRules,
            boolean withNamespace) {
        Expr target;
        if (nameOnly) {
            Token token = expect(Token.NAME);
            target = new Expr.Name(token.value(), token.line());
        } else if (withTuple) {
            target = parseTuple(true, true, extraEndRules, false, withNamespace);
        } else {
            target = parsePrimary(withNamespace);
        }
        if (!canAssign(target)) {
            String kind = target.getClass().getSimpleName().toLowerCase();
            kind = switch (kind) {
                case "const" -> "const";
                case "tuplelit" -> "tuple";
                case "listlit" -> "list";
                case "dictlit" -> "dict";
                default -> kind;
            };
            throw fail("can't assign to '" + kind + "'", target.line());
        }
        return target;
    }

    private static boolean canAssign(Expr target) {
        if (target instanceof Expr.Name name) {
            return !Set.of("true", "false", "none", "True", "False", "None").contains(name.name());
        }
        if (target instanceof Expr.NsRef) {
            return true;
        }
        if (target instanceof Expr.TupleLit tuple) {
            return tuple.items().stream().allMatch(Parser::canAssign);
        }
        return false;
    }

    // ---- expressions

    private Expr parseExpression(boolean withCondexpr) {
        return withCondexpr ? parseCondexpr() : parseOr();
    }

    private Expr parseCondexpr() {
        int line = current().line();
        Expr expr1 = parseOr();
        while (skipIf("name:if")) {
            Expr expr2 = parseOr();
            Expr expr3 = skipIf("name:else") ? parseCondexpr() : null;
            expr1 = new Expr.CondExpr(expr2, expr1, expr3, line);
            line = current().line();
        }
        return expr1;
    }

    private Expr parseOr() {
        int line = current().line();
        Expr left = parseAnd();
        while (skipIf("name:or")) {
            left = new Expr.Or(left, parseAnd(), line);
            line = current().line();
        }
        return left;
    }

    private Expr parseAnd() {
        int line = current().line();
        Expr left = parseNot();
        while (skipIf("name:and")) {
            left = new Expr.And(left, parseNot(), line);
            line = current().line();
        }
        return left;
    }

    private Expr parseNot() {
        if (current().isName("not")) {
            int line = next().line();
            return new Expr.Not(parseNot(), line);
        }
        return parseCompare();
    }

    private Expr parseCompare() {
        int line = current().line();
        Expr expr = parseMath1();
        List<String> ops = new ArrayList<>();
        List<Expr> operands = new ArrayList<>();
        while (true) {
            Token token = current();
            if (COMPARE.contains(token.type())) {
                next();
                ops.add(token.type());
            } else if (skipIf("name:in")) {
                ops.add("in");
            } else if (token.isName("not") && look().isName("in")) {
                next();
                next();
                ops.add("notin");
            } else {
                break;
            }
            operands.add(parseMath1());
            line = current().line();
        }
        return ops.isEmpty() ? expr : new Expr.Compare(expr, ops, operands, line);
    }

    private Expr parseMath1() {
        int line = current().line();
        Expr left = parseConcat();
        while (current().is("+") || current().is("-")) {
            String op = next().type();
            left = new Expr.Binary(op, left, parseConcat(), line);
            line = current().line();
        }
        return left;
    }

    private Expr parseConcat() {
        int line = current().line();
        List<Expr> args = new ArrayList<>();
        args.add(parseMath2());
        while (current().is("~")) {
            next();
            args.add(parseMath2());
        }
        return args.size() == 1 ? args.get(0) : new Expr.Concat(args, line);
    }

    private Expr parseMath2() {
        int line = current().line();
        Expr left = parsePow();
        while (current().is("*") || current().is("/") || current().is("//") || current().is("%")) {
            String op = next().type();
            left = new Expr.Binary(op, left, parsePow(), line);
            line = current().line();
        }
        return left;
    }

    private Expr parsePow() {
        int line = current().line();
        Expr left = parseUnary(true);
        while (current().is("**")) {
            next();
            left = new Expr.Binary("**", left, parseUnary(true), line);
            line = current().line();
        }
        return left;
    }

    private Expr parseUnary(boolean withFilter) {
        Token token = current();
        Expr node;
        if (token.is("-") || token.is("+")) {
            next();
            node = new Expr.Unary(token.type(), parseUnary(false), token.line());
        } else {
            node = parsePrimary(false);
        }
        node = parsePostfix(node);
        if (withFilter) {
            node = parseFilterExpr(node);
        }
        return node;
    }

    private Expr parsePrimary(boolean withNamespace) {
        Token token = current();
        if (token.is(Token.NAME)) {
            next();
            switch (token.value()) {
                case "true", "True" -> {
                    return new Expr.Const(Boolean.TRUE, token.line());
                }
                case "false", "False" -> {
                    return new Expr.Const(Boolean.FALSE, token.line());
                }
                case "none", "None" -> {
                    return new Expr.Const(null, token.line());
                }
                default -> {
                    if (withNamespace && current().is(".")) {
                        next();
                        Token attr = expect(Token.NAME);
                        return new Expr.NsRef(token.value(), attr.value(), token.line());
                    }
                    return new Expr.Name(token.value(), token.line());
                }
            }
        }
        if (token.is(Token.STRING)) {
            next();
            StringBuilder value = new StringBuilder((String) token.literal());
            while (current().is(Token.STRING)) {
                value.append((String) next().literal());
            }
            return new Expr.Const(value.toString(), token.line());
        }
        if (token.is(Token.INTEGER) || token.is(Token.FLOAT)) {
            next();
            return new Expr.Const(token.literal(), token.line());
        }
        if (token.is("(")) {
            next();
            Expr node = parseTuple(false, true, null, true, false);
            expect(")");
            return node;
        }
        if (token.is("[")) {
            return parseList();
        }
        if (token.is("{")) {
            return parseDict();
        }
        throw fail("unexpected '" + token.describe() + "'", token.line());
    }

    private Expr parseTuple(boolean simplified, boolean withCondexpr, List<String> extraEndRules,
            boolean explicitParentheses, boolean withNamespace) {
        int line = current().line();
        List<Expr> args = new ArrayList<>();
        boolean isTuple = false;
        while (true) {
            if (!args.isEmpty()) {
                expect(",");
            }
            if (isTupleEnd(extraEndRules)) {
                break;
            }
            args.add(simplified ? parsePrimary(withNamespace) : parseExpression(withCondexpr));
            if (current().is(",")) {
                isTuple = true;
            } else {
                break;
            }
            line = current().line();
        }
        if (!isTuple) {
            if (!args.isEmpty()) {
                return args.get(0);
            }
            if (!explicitParentheses) {
                throw fail("Expected an expression, got '" + current().describe() + "'", current().line());
            }
        }
        return new Expr.TupleLit(args, line);
    }

    private boolean isTupleEnd(List<String> extraEndRules) {
        Token token = current();
        if (token.is(Token.VARIABLE_END) || token.is(Token.BLOCK_END) || token.is(")")) {
            return true;
        }
        return extraEndRules != null && testAny(extraEndRules);
    }

    private Expr parseList() {
        int line = expect("[").line();
        List<Expr> items = new ArrayList<>();
        while (!current().is("]")) {
            if (!items.isEmpty()) {
                expect(",");
            }
            if (current().is("]")) {
                break;
            }
            items.add(parseExpression(true));
        }
        expect("]");
        return new Expr.ListLit(items, line);
    }

    private Expr parseDict() {
        int line = expect("{").line();
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!current().is("}")) {
            if (!keys.isEmpty()) {
                expect(",");
            }
            if (current().is("}")) {
                break;
            }
            keys.add(parseExpression(true));
            expect(":");
            values.add(parseExpression(true));
        }
        expect("}");
        return new Expr.DictLit(keys, values, line);
    }

    private Expr parsePostfix(Expr node) {
        while (true) {
            if (current().is(".") || current().is("[")) {
                node = parseSubscript(node);
            } else if (current().is("(")) {
                node = parseCall(node);
            } else {
                return node;
            }
        }
    }

    private Expr parseFilterExpr(Expr node) {
        while (true) {
            if (current().is("|")) {
                node = parseFilter(node, false);
            } else if (current().isName("is")) {
                node = parseTest(node);
            } else if (current().is("(")) {
                node = parseCall(node);
            } else {
                return node;
            }
        }
    }

    private Expr parseSubscript(Expr node) {
        Token token = next();
        if (token.is(".")) {
            Token attr = next();
            if (attr.is(Token.NAME)) {
                return new Expr.Getattr(node, attr.value(), token.line());
            }
            if (!attr.is(Token.INTEGER)) {
                throw fail("expected name or number", attr.line());
            }
            return new Expr.Getitem(node, new Expr.Const(attr.literal(), attr.line()), token.line());
        }
        List<Expr> args = new ArrayList<>();
        while (!current().is("]")) {
            if (!args.isEmpty()) {
                expect(",");
            }
            args.add(parseSubscribed());
        }
        expect("]");
        Expr key = args.size() == 1 ? args.get(0) : new Expr.TupleLit(args, token.line());
        return new Expr.Getitem(node, key, token.line());
    }

    private Expr parseSubscribed() {
        int line = current().line();
        List<Expr> args = new ArrayList<>();
        if (current().is(":")) {
            next();
            args.add(null);
        } else {
            Expr node = parseExpression(true);
            if (!current().is(":")) {
                return node;
            }
            next();
            args.add(node);
        }
        if (current().is(":")) {
            args.add(null);
        } else if (!current().is("]") && !current().is(",")) {
            args.add(parseExpression(true));
        } else {
            args.add(null);
        }
        if (current().is(":")) {
            next();
            args.add(!current().is("]") && !current().is(",") ? parseExpression(true) : null);
        } else {
            args.add(null);
        }
        return new Expr.Slice(args.get(0), args.get(1), args.get(2), line);
    }

    private record CallArgs(List<Expr> args, List<String> kwNames, List<Expr> kwValues, Expr dynArgs,
            Expr dynKwargs) {
    }

    private CallArgs parseCallArgs() {
        Token token = expect("(");
        List<Expr> args = new ArrayList<>();
        List<String> kwNames = new ArrayList<>();
        List<Expr> kwValues = new ArrayList<>();
        Expr dynArgs = null;
        Expr dynKwargs = null;
        boolean requireComma = false;
        while (!current().is(")")) {
            if (requireComma) {
                expect(",");
                if (current().is(")")) {
                    break;
                }
            }
            if (current().is("*")) {
                ensure(dynArgs == null && dynKwargs == null, token);
                next();
                dynArgs = parseExpression(true);
            } else if (current().is("**")) {
                ensure(dynKwargs == null, token);
                next();
                dynKwargs = parseExpression(true);
            } else if (current().is(Token.NAME) && look().is("=")) {
                ensure(dynKwargs == null, token);
                String key = next().value();
                next();
                kwNames.add(key);
                kwValues.add(parseExpression(true));
            } else {
                ensure(dynArgs == null && dynKwargs == null && kwNames.isEmpty(), token);
                args.add(parseExpression(true));
            }
            requireComma = true;
        }
        expect(")");
        return new CallArgs(args, kwNames, kwValues, dynArgs, dynKwargs);
    }

    private void ensure(boolean ok, Token token) {
        if (!ok) {
            throw fail("invalid syntax for function call expression", token.line());
        }
    }

    private Expr parseCall(Expr node) {
        int line = current().line();
        CallArgs call = parseCallArgs();
        return new Expr.Call(node, call.args(), call.kwNames(), call.kwValues(), call.dynArgs(), call.dynKwargs(),
                line);
    }

    private Expr parseFilter(Expr node, boolean startInline) {
        while (current().is("|") || startInline) {
            if (!startInline) {
                next();
            }
            Token token = expect(Token.NAME);
            StringBuilder name = new StringBuilder(token.value());
            while (current().is(".")) {
                next();
                name.append('.').append(expect(Token.NAME).value());
            }
            CallArgs call = current().is("(") ? parseCallArgs()
                    : new CallArgs(List.of(), List.of(), List.of(), null, null);
            node = new Expr.Filter(node, name.toString(), call.args(), call.kwNames(), call.kwValues(), token.line());
            startInline = false;
        }
        return node;
    }

    private Expr parseTest(Expr node) {
        Token token = next();
        boolean negated = false;
        if (current().isName("not")) {
            next();
            negated = true;
        }
        StringBuilder name = new StringBuilder(expect(Token.NAME).value());
        while (current().is(".")) {
            next();
            name.append('.').append(expect(Token.NAME).value());
        }
        CallArgs call;
        Token arg = current();
        if (arg.is("(")) {
            call = parseCallArgs();
        } else if ((arg.is(Token.NAME) || arg.is(Token.STRING) || arg.is(Token.INTEGER) || arg.is(Token.FLOAT)
                || arg.is("(") || arg.is("[") || arg.is("{"))
                && !arg.isName("else") && !arg.isName("or") && !arg.isName("and")) {
            if (arg.isName("is")) {
                throw fail("You cannot chain multiple tests with is", arg.line());
            }
            Expr single = parsePostfix(parsePrimary(false));
            call = new CallArgs(List.of(single), List.of(), List.of(), null, null);
        } else {
            call = new CallArgs(List.of(), List.of(), List.of(), null, null);
        }
        Expr test = new Expr.Test(node, name.toString(), call.args(), call.kwNames(), call.kwValues(), token.line());
        return negated ? new Expr.Not(test, token.line()) : test;
    }
}
