package com.stockroom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one function's code reads from its environment and asks of DynamoDB and SQS, found in
 * the sources of the classes its jar carries. A jar carries more than its handler uses (every
 * adapter a Dagger module binds, both handlers of a shared jar), so this follows the calls from
 * the handler through the sources, method by method, by name: a call {@code x.m(...)} on a
 * variable whose declared type is one of the jar's classes reaches that class's methods named
 * {@code m} (and its implementations' for an interface); a Dagger component's entry point
 * reaches its type's constructor, and a constructor reaches what it is injected with (the
 * class, the implementation a module binds, or the {@code @Provides} method that makes it).
 * Table and queue names are followed back from a call's {@code tableName(...)} or
 * {@code queueUrl(...)} through fields, constructor arguments, record components and providers
 * to the {@code Settings} read that gives them: an environment variable.
 *
 * <p>It is a reading of source text, not a compiler: overloads are one method, a variable's
 * type is what some declaration of that name in the file says, and calls made by reflection,
 * through values it cannot follow, or in a class with no source (generated ones) are not seen.
 * What it cannot resolve it reports in {@link #unresolved()} rather than guess.
 */
final class FunctionCode {

    /** One call to AWS: service ({@code dynamodb}, {@code sqs} or {@code events}), IAM action, the environment variable naming its resource. */
    record Call(String service, String action, String variable, boolean index, String where) {
        String iamAction() {
            return service + ":" + action;
        }
    }

    private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "switch", "catch", "synchronized", "return", "new",
            "throw", "else", "try", "do", "super", "this", "assert", "case", "yield");
    private static final Set<String> MODIFIERS = Set.of("public", "private", "protected", "static", "final", "abstract", "default",
            "synchronized", "new", "package", "import");
    private static final Map<String, String> DYNAMODB = Map.of("getItem", "GetItem", "putItem", "PutItem", "updateItem", "UpdateItem",
            "deleteItem", "DeleteItem", "query", "Query", "scan", "Scan", "batchGetItem", "BatchGetItem",
            "batchWriteItem", "BatchWriteItem", "transactGetItems", "GetItem");
    private static final Map<String, String> TRANSACT_KINDS = Map.of("Put", "PutItem", "Update", "UpdateItem", "Delete", "DeleteItem",
            "ConditionCheck", "ConditionCheckItem");
    private static final Map<String, String> SQS = Map.of("sendMessage", "SendMessage", "sendMessageBatch", "SendMessage",
            "receiveMessage", "ReceiveMessage", "deleteMessage", "DeleteMessage", "deleteMessageBatch", "DeleteMessage",
            "changeMessageVisibility", "ChangeMessageVisibility", "getQueueAttributes", "GetQueueAttributes", "purgeQueue", "PurgeQueue");

    private static final String ARGS = "((?:[^()]|\\((?:[^()]|\\([^()]*\\))*\\))*)";
    private static final Pattern METHOD = Pattern.compile(
            "(?<![@\\w.])((?:@\\w+(?:\\([^)]*\\))?\\s+)*)(?:(?:public|private|protected|static|final|abstract|default|synchronized)\\s+)*"
                    + "(?:<[^>]+>\\s+)?([\\w.]+(?:<[^;{}()=]*>)?(?:\\[\\])?)\\s+(\\w+)\\s*\\(" + ARGS + "\\)\\s*(?:throws [\\w., ]+)?\\s*([{;])");
    private static final Pattern CONSTRUCTOR_HEAD = Pattern.compile(
            "(?<![@\\w.])((?:@\\w+(?:\\([^)]*\\))?\\s+)*)(?:(?:public|private|protected)\\s+)?(\\w+)\\s*\\(" + ARGS + "\\)\\s*(?:throws [\\w., ]+)?\\s*\\{");
    private static final Pattern DECLARATION = Pattern.compile(
            "\\b([A-Z]\\w*)(?:\\.([A-Z]\\w*))?(?:<((?:[^<>]|<[^<>]*>)*)>)?(?:\\[\\])?\\s+(\\w+)\\s*(?=[;=,):])");
    private static final Pattern TYPE = Pattern.compile("\\b(class|interface|record|enum)\\s+(\\w+)");
    private static final Pattern IMPLEMENTS = Pattern.compile("\\b(?:class|record|enum)\\s+(\\w+)[^{]*?\\bimplements\\s+([^{]+)\\{");
    private static final Pattern BINDS = Pattern.compile("@Binds[^;]*?\\b(\\w+)\\s+\\w+\\s*\\(\\s*(\\w+)\\s+\\w+\\s*\\)\\s*;");
    private static final Pattern CALL = Pattern.compile("(\\w+)\\s*\\.\\s*(\\w+)\\s*(?:\\(|::)|(\\w+)::(\\w+)");
    private static final Pattern UNWRAPPED = Pattern.compile("(\\w+)\\s*\\.\\s*(?:get|orElseThrow)\\(\\)\\s*\\.\\s*(\\w+)\\s*\\(");
    private static final Pattern PLAIN_CALL = Pattern.compile("(?<![.\\w])(\\w+)\\s*\\(");
    private static final Pattern NEW = Pattern.compile("\\bnew\\s+(\\w+)(?:\\.\\w+)*\\s*(?:<[^>]*>)?\\s*\\(");
    private static final Pattern DAGGER = Pattern.compile("\\bDagger(\\w+)\\s*\\.\\s*factory\\(\\)\\s*\\.\\s*create\\(" + ARGS + "\\)\\s*\\.\\s*(\\w+)\\(\\)(?:\\s*\\.\\s*(\\w+)\\s*\\()?");
    /** A component kept in a variable, its entry points called on it after: {@code api = DaggerX.factory().create(...);}. */
    private static final Pattern DAGGER_VARIABLE = Pattern.compile("\\b(\\w+)\\s*=\\s*Dagger(\\w+)\\s*\\.\\s*factory\\(\\)\\s*\\.\\s*create\\(" + ARGS + "\\)\\s*;");
    private static final Pattern STATIC_IMPORT = Pattern.compile("import\\s+static\\s+[\\w.]*\\.(\\w+)\\.(\\w+)\\s*;");
    private static final Pattern READ = Pattern.compile("(?:(\\w+)\\s*\\.\\s*)?\\b(require|get|getenv)\\s*\\(\\s*\"([A-Z][A-Z0-9_]*)\"\\s*\\)");
    private static final Pattern PARAM = Pattern.compile("((?:@\\w+(?:\\(\"([^\"]*)\"\\))?\\s+)*)(?:final\\s+)?([\\w.]+)(?:<(?:[^<>]|<[^<>]*>)*>)?(?:\\[\\]|\\.\\.\\.)?\\s+(\\w+)");

    /** A method (or constructor, named {@code <init>}) of a source file. */
    private record Method(Unit unit, String name, String annotations, String returnType, String params, String body) {
    }

    /** One source file: its top-level type and every type nested in it. */
    private static final class Unit {
        final String name;
        final String text;
        final Map<String, List<Method>> methods = new LinkedHashMap<>();
        final Map<String, Set<String>> variables = new HashMap<>();
        /** The type arguments of each variable's declared type: an Optional's or a List's elements. */
        final Map<String, Set<String>> elements = new HashMap<>();
        final Map<String, String> staticImports = new HashMap<>();
        final StringBuilder outside = new StringBuilder();
        final boolean module;

        Unit(String name, String text) {
            this.name = name;
            this.text = text;
            this.module = text.contains("@Module");
        }

        List<Method> methods(String name) {
            return methods.getOrDefault(name, List.of());
        }
    }

    private final Map<String, Unit> units = new LinkedHashMap<>();
    /** Simple name of each type, nested or not, to the file that declares it. */
    private final Map<String, Unit> owners = new HashMap<>();
    private final Map<String, Set<String>> implementations = new HashMap<>();
    private final Set<String> reached = new LinkedHashSet<>();
    /** How each method was reached: the first method seen calling it. */
    private final Map<String, String> callers = new HashMap<>();
    private String current = "";
    private final Set<String> required = new TreeSet<>();
    private final Set<String> optional = new TreeSet<>();
    private final List<Call> calls = new ArrayList<>();
    private final Set<String> unresolved = new LinkedHashSet<>();

    private FunctionCode() {
    }

    /**
     * The code of {@code handlerClass} as its jar carries it: sources under each of
     * {@code sourceRoots} whose class is in the jar.
     */
    static FunctionCode read(Path jar, String handlerClass, List<Path> sourceRoots) {
        FunctionCode code = new FunctionCode();
        Set<String> classes = jarClasses(jar);
        for (Path root : sourceRoots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String fqcn = root.relativize(file).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.java$", "");
                    if (classes.contains(fqcn)) {
                        code.add(fqcn.substring(fqcn.lastIndexOf('.') + 1), stripComments(Files.readString(file)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String handler = handlerClass.substring(handlerClass.lastIndexOf('.') + 1);
        if (!code.units.containsKey(handler)) {
            throw new IllegalArgumentException(handlerClass + " has no source in the jar's classes");
        }
        code.walk(handler);
        return code;
    }

    /** The top-level classes a jar holds, by name. */
    static Set<String> jarClasses(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Set<String> names = new TreeSet<>();
            Collections.list(file.entries()).forEach(entry -> {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.contains("$")) {
                    names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            });
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Environment variables read with no fallback ({@code require}, {@code System.getenv("X")}). */
    Set<String> required() {
        return Collections.unmodifiableSet(required);
    }

    /** Environment variables read as optional ({@code Settings.get}: absent or blank is allowed for). */
    Set<String> optional() {
        return Collections.unmodifiableSet(optional);
    }

    List<Call> calls() {
        return Collections.unmodifiableList(calls);
    }

    /** Calls whose table or queue could not be followed back to an environment variable. */
    Set<String> unresolved() {
        return Collections.unmodifiableSet(unresolved);
    }

    /** The methods reached, as {@code Type#method}. */
    Set<String> reached() {
        return Collections.unmodifiableSet(reached);
    }

    // ---- parsing

    private void add(String name, String text) {
        Unit unit = new Unit(name, text);
        units.put(name, unit);
        Matcher types = TYPE.matcher(text);
        while (types.find()) {
            owners.putIfAbsent(types.group(2), unit);
        }
        owners.put(name, unit);
        Matcher imports = STATIC_IMPORT.matcher(text);
        while (imports.find()) {
            unit.staticImports.put(imports.group(2), imports.group(1));
        }
        Matcher declared = DECLARATION.matcher(text);
        while (declared.find()) {
            String type = declared.group(2) != null ? declared.group(2) : declared.group(1);
            unit.variables.computeIfAbsent(declared.group(4), k -> new LinkedHashSet<>()).add(type);
            if (declared.group(3) != null) {
                for (String element : declared.group(3).split("[^\\w]+")) {
                    if (!element.isEmpty()) {
                        unit.elements.computeIfAbsent(declared.group(4), k -> new LinkedHashSet<>()).add(element);
                    }
                }
            }
        }
        Matcher impl = IMPLEMENTS.matcher(text);
        while (impl.find()) {
            for (String iface : impl.group(2).split(",")) {
                String simple = iface.strip().replaceAll("<.*", "");
                simple = simple.substring(simple.lastIndexOf('.') + 1);
                implementations.computeIfAbsent(simple, k -> new LinkedHashSet<>()).add(impl.group(1));
            }
        }
        Matcher binds = BINDS.matcher(text);
        while (binds.find()) {
            implementations.computeIfAbsent(binds.group(1), k -> new LinkedHashSet<>()).add(binds.group(2));
        }
        parseMethods(unit, text);
    }

    private void parseMethods(Unit unit, String text) {
        Set<String> typeNames = new LinkedHashSet<>();
        Matcher types = TYPE.matcher(text);
        while (types.find()) {
            typeNames.add(types.group(2));
        }
        List<int[]> bodies = new ArrayList<>();
        Matcher m = METHOD.matcher(text);
        int from = 0;
        while (m.find(from)) {
            String name = m.group(3);
            String returnType = m.group(2);
            if (KEYWORDS.contains(name) || KEYWORDS.contains(returnType) || MODIFIERS.contains(returnType) || typeNames.contains(name)
                    || insideAny(bodies, m.start())) {
                from = m.start() + 1;
                if (from >= text.length()) {
                    break;
                }
                continue;
            }
            String body = null;
            int end = m.end();
            if (m.group(5).equals("{")) {
                end = matching(text, m.end() - 1);
                body = text.substring(m.end(), end);
            }
            bodies.add(new int[] {m.start(), end});
            unit.methods.computeIfAbsent(name, k -> new ArrayList<>()).add(new Method(unit, name, m.group(1), returnType, m.group(4), body));
            from = end;
        }
        Matcher c = CONSTRUCTOR_HEAD.matcher(text);
        from = 0;
        while (c.find(from)) {
            from = c.end();
            if (!typeNames.contains(c.group(2)) || insideAny(bodies, c.start())) {
                continue;
            }
            int end = matching(text, c.end() - 1);
            bodies.add(new int[] {c.start(), end});
            unit.methods.computeIfAbsent("<init>", k -> new ArrayList<>())
                    .add(new Method(unit, "<init>", c.group(1), c.group(2), c.group(3), text.substring(c.end(), end)));
        }
        // Field initializers and static blocks: everything outside the methods' bodies.
        bodies.sort((a, b) -> Integer.compare(a[0], b[0]));
        int at = 0;
        for (int[] range : bodies) {
            if (range[0] >= at) {
                unit.outside.append(text, at, range[0]).append('\n');
                at = range[1];
            }
        }
        unit.outside.append(text.substring(Math.min(at, text.length())));
    }

    private static boolean insideAny(List<int[]> ranges, int position) {
        for (int[] range : ranges) {
            if (position >= range[0] && position < range[1]) {
                return true;
            }
        }
        return false;
    }

    /** The index of the brace closing the one at {@code open}. */
    private static int matching(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' || ch == '\'') {
                i = skipLiteral(text, i);
            } else if (ch == '{' || ch == '(') {
                depth++;
            } else if (ch == '}' || ch == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return text.length();
    }

    private static int skipLiteral(String text, int start) {
        char quote = text.charAt(start);
        if (quote == '"' && text.startsWith("\"\"\"", start)) {
            int end = text.indexOf("\"\"\"", start + 3);
            return end < 0 ? text.length() : end + 2;
        }
        for (int i = start + 1; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == quote) {
                return i;
            }
        }
        return text.length();
    }

    static String stripComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        for (int i = 0; i < source.length(); i++) {
            char ch = source.charAt(i);
            if (ch == '"' || ch == '\'') {
                int end = skipLiteral(source, i);
                out.append(source, i, Math.min(end + 1, source.length()));
                i = end;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = (end < 0 ? source.length() : end) - 1;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = (end < 0 ? source.length() : end + 2) - 1;
                out.append(' ');
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** The arguments of the call whose opening parenthesis is at {@code open}, as one string. */
    private static String arguments(String text, int open) {
        int close = matching(text, open);
        return text.substring(open + 1, Math.min(close, text.length()));
    }

    /** The top-level comma-separated parts of an argument list. */
    private static List<String> split(String args) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            char ch = args.charAt(i);
            if (ch == '"' || ch == '\'') {
                i = skipLiteral(args, i);
            } else if (ch == '(' || ch == '{' || ch == '[' || ch == '<') {
                depth++;
            } else if (ch == ')' || ch == '}' || ch == ']' || ch == '>') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                parts.add(args.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (!args.isBlank()) {
            parts.add(args.substring(start).strip());
        }
        return parts;
    }

    // ---- reaching

    /** The chain of calls by which a method was reached, handler first. */
    List<String> path(String node) {
        List<String> chain = new ArrayList<>();
        for (String at = node; at != null && chain.size() < 50; at = callers.get(at)) {
            chain.add(0, at);
        }
        return chain;
    }

    private void walk(String handler) {
        List<Map.Entry<Unit, String>> analysed = new ArrayList<>();
        Deque<String> work = new ArrayDeque<>() {
            @Override
            public boolean add(String node) {
                if (!current.isEmpty() && !node.equals(current)) {
                    callers.putIfAbsent(node, current);
                }
                return super.add(node);
            }
        };
        // Lambda calls the constructor and handleRequest; SnapStart the CRaC hooks: every method of the handler runs.
        work.add(handler + "#<init>");
        units.get(handler).methods.keySet().forEach(name -> work.add(handler + "#" + name));
        while (!work.isEmpty()) {
            String node = work.poll();
            if (!reached.add(node)) {
                continue;
            }
            current = node;
            String type = node.substring(0, node.indexOf('#'));
            String name = node.substring(node.indexOf('#') + 1);
            for (String impl : implementations.getOrDefault(type, Set.of())) {
                work.add(impl + "#" + name);
            }
            Unit unit = owners.get(type);
            if (unit == null) {
                continue;
            }
            List<String> texts = new ArrayList<>();
            for (Method method : unit.methods(name)) {
                if (method.body() != null && (!name.equals("<init>") || method.returnType().equals(type))) {
                    texts.add(method.body());
                }
                if (name.equals("<init>") || method.annotations().contains("@Provides")) {
                    inject(method, work);
                }
            }
            if (name.equals("<init>")) {
                texts.add(unit.outside.toString());
            }
            for (String text : texts) {
                follow(unit, text, work);
                analysed.add(Map.entry(unit, text));
            }
        }
        for (Map.Entry<Unit, String> text : analysed) {
            readsIn(text.getKey(), text.getValue());
            awsCallsIn(text.getKey(), text.getValue());
        }
    }

    /** A constructor or provider's parameters: what Dagger (or its caller) gives it. */
    private void inject(Method method, Deque<String> work) {
        Matcher p = PARAM.matcher(method.params());
        while (p.find()) {
            String named = p.group(2);
            String type = p.group(3).substring(p.group(3).lastIndexOf('.') + 1);
            if (named != null) {
                providers(m -> m.annotations().contains("@Named(\"" + named + "\")")).forEach(work::add);
                continue;
            }
            if (owners.containsKey(type) || implementations.containsKey(type)) {
                work.add(type + "#<init>");
            }
            providers(m -> m.returnType().replaceAll("<.*", "").equals(type) && !m.annotations().contains("@Named")).forEach(work::add);
        }
    }

    private List<String> providers(java.util.function.Predicate<Method> which) {
        List<String> found = new ArrayList<>();
        for (Unit unit : units.values()) {
            if (unit.module) {
                unit.methods.values().stream().flatMap(List::stream)
                        .filter(m -> m.annotations().contains("@Provides") && which.test(m))
                        .forEach(m -> found.add(unit.name + "#" + m.name()));
            }
        }
        return found;
    }

    private void follow(Unit unit, String text, Deque<String> work) {
        Matcher dagger = DAGGER.matcher(text);
        while (dagger.find()) {
            Unit component = units.get(dagger.group(1));
            if (component != null) {
                for (Method entry : component.methods(dagger.group(3))) {
                    String type = entry.returnType().replaceAll("<.*", "");
                    work.add(type + "#<init>");
                    if (dagger.group(4) != null) {
                        work.add(type + "#" + dagger.group(4));
                    }
                }
            }
        }
        Matcher held = DAGGER_VARIABLE.matcher(text);
        while (held.find()) {
            Unit component = units.get(held.group(2));
            if (component != null) {
                Matcher entry = Pattern.compile("\\b" + held.group(1) + "\\s*\\.\\s*(\\w+)\\(\\)(?:\\s*\\.\\s*(\\w+)\\s*\\()?").matcher(text);
                while (entry.find()) {
                    for (Method method : component.methods(entry.group(1))) {
                        String type = method.returnType().replaceAll("<.*", "");
                        work.add(type + "#<init>");
                        if (entry.group(2) != null) {
                            work.add(type + "#" + entry.group(2));
                        }
                    }
                }
            }
        }
        Matcher created = NEW.matcher(text);
        while (created.find()) {
            if (owners.containsKey(created.group(1))) {
                work.add(created.group(1) + "#<init>");
            }
        }
        Matcher call = CALL.matcher(text);
        while (call.find()) {
            String receiver = call.group(1) != null ? call.group(1) : call.group(3);
            String method = call.group(1) != null ? call.group(2) : call.group(4);
            if (method.equals("new")) {
                continue;
            }
            for (String type : typesOf(unit, receiver)) {
                work.add(type + "#" + method);
            }
        }
        Matcher unwrapped = UNWRAPPED.matcher(text);
        while (unwrapped.find()) {
            for (String type : unit.elements.getOrDefault(unwrapped.group(1), Set.of())) {
                if (owners.containsKey(type) || implementations.containsKey(type)) {
                    work.add(type + "#" + unwrapped.group(2));
                }
            }
        }
        Matcher plain = PLAIN_CALL.matcher(text);
        while (plain.find()) {
            String method = plain.group(1);
            if (KEYWORDS.contains(method)) {
                continue;
            }
            if (unit.methods.containsKey(method)) {
                work.add(unit.name + "#" + method);
            } else if (unit.staticImports.containsKey(method)) {
                work.add(unit.staticImports.get(method) + "#" + method);
            }
        }
    }

    /** The jar's types a name in a file stands for: itself, if a type, else its declared types. */
    private Set<String> typesOf(Unit unit, String name) {
        if (name.equals("this")) {
            return Set.of(unit.name);
        }
        if (owners.containsKey(name)) {
            return Set.of(name);
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : unit.variables.getOrDefault(name, Set.of())) {
            if (owners.containsKey(type) || implementations.containsKey(type)) {
                types.add(type);
            }
        }
        return types;
    }

    private boolean declaredAs(Unit unit, String name, String type) {
        return unit.variables.getOrDefault(name, Set.of()).contains(type);
    }

    // ---- environment reads

    private void readsIn(Unit unit, String text) {
        Matcher read = READ.matcher(text);
        while (read.find()) {
            String receiver = read.group(1);
            String how = read.group(2);
            String variable = read.group(3);
            boolean settings = receiver == null ? unit.name.equals("Settings") && !how.equals("getenv")
                    : declaredAs(unit, receiver, "Settings") || receiver.equals("this") && unit.name.equals("Settings");
            boolean system = how.equals("getenv") && "System".equals(receiver);
            if (system || settings && how.equals("require")) {
                required.add(variable);
            } else if (settings) {
                optional.add(variable);
            }
        }
    }

    // ---- AWS calls

    private void awsCallsIn(Unit unit, String text) {
        // A client called directly, or through what holds it until its first use (dagger.Lazy: client.get().sendMessage(...)).
        Matcher call = Pattern.compile("(\\w+)\\s*\\.\\s*(?:(get)\\(\\)\\s*\\.\\s*)?(\\w+)\\s*\\(").matcher(text);
        while (call.find()) {
            String receiver = call.group(1);
            boolean held = call.group(2) != null;
            String method = call.group(3);
            String where = unit.name + "." + method;
            Set<String> types = (held ? unit.elements : unit.variables).getOrDefault(receiver, Set.of());
            if (types.contains("DynamoDbClient")) {
                String args = arguments(text, call.end() - 1);
                if (method.equals("transactWriteItems")) {
                    transactActions(unit, text, where);
                } else if (DYNAMODB.containsKey(method)) {
                    String table = tableOf(unit, args);
                    add(new Call("dynamodb", DYNAMODB.get(method), table, args.contains("indexName("), where), table, unit, args);
                }
            } else if (types.contains("SqsClient") && SQS.containsKey(method)) {
                String args = arguments(text, call.end() - 1);
                Matcher queue = Pattern.compile("queueUrl\\(\\s*" + ARGS + "\\)").matcher(args);
                String variable = queue.find() ? resolve(unit, queue.group(1), 0) : null;
                add(new Call("sqs", SQS.get(method), variable, false, where), variable, unit, args);
            } else if (types.contains("EventBridgeClient") && method.equals("putEvents")) {
                String args = arguments(text, call.end() - 1);
                String bus = busOf(unit, args);
                add(new Call("events", "PutEvents", bus, false, where), bus, unit, args);
            }
        }
    }

    private void add(Call call, String variable, Unit unit, String args) {
        if (variable == null) {
            unresolved.add(call.where() + ": cannot tell which table, queue or bus " + call.iamAction() + " uses from `"
                    + args.replaceAll("\\s+", " ").strip() + "`");
        } else {
            calls.add(call);
        }
    }

    /**
     * The bus of a PutEvents: its entries' {@code eventBusName(...)}, in the call or, where the
     * entries are built elsewhere in the file, the only one the file names.
     */
    private String busOf(Unit unit, String args) {
        Pattern named = Pattern.compile("eventBusName\\(\\s*" + ARGS + "\\)");
        Matcher inCall = named.matcher(args);
        if (inCall.find()) {
            return resolve(unit, inCall.group(1), 0);
        }
        Set<String> all = new LinkedHashSet<>();
        Matcher any = named.matcher(unit.text);
        while (any.find()) {
            all.add(resolve(unit, any.group(1), 0));
        }
        return all.size() == 1 ? all.iterator().next() : null;
    }

    /** The table of a single-table call: its {@code tableName(...)}, a batch's request map key, or the only table the file uses. */
    private String tableOf(Unit unit, String args) {
        Matcher named = Pattern.compile("tableName\\(\\s*" + ARGS + "\\)").matcher(args);
        if (named.find()) {
            return resolve(unit, named.group(1), 0);
        }
        Matcher keyed = Pattern.compile("requestItems\\(\\s*Map\\.of\\(\\s*(\\w+)\\s*,").matcher(args);
        if (keyed.find()) {
            return resolve(unit, keyed.group(1), 0);
        }
        Set<String> all = new LinkedHashSet<>();
        Matcher any = Pattern.compile("tableName\\(\\s*" + ARGS + "\\)").matcher(unit.text);
        while (any.find()) {
            all.add(resolve(unit, any.group(1), 0));
        }
        return all.size() == 1 ? all.iterator().next() : null;
    }

    /**
     * The actions of a {@code TransactWriteItems} in one file: the put, update, delete and
     * condition check items its reached methods build, each on its table, directly or through a
     * helper that returns one ({@code StockMoves.update(table, ...)}).
     */
    private void transactActions(Unit unit, String unused, String where) {
        int before = calls.size();
        for (String node : reached) {
            if (!node.startsWith(unit.name + "#")) {
                continue;
            }
            for (Method method : unit.methods(node.substring(node.indexOf('#') + 1))) {
                if (method.body() == null) {
                    continue;
                }
                String body = method.body();
                Matcher built = Pattern.compile("\\b(Put|Update|Delete|ConditionCheck)\\s*\\.\\s*builder\\(\\)\\s*\\.\\s*tableName\\(\\s*" + ARGS + "\\)").matcher(body);
                while (built.find()) {
                    String table = resolve(unit, built.group(2), 0);
                    add(new Call("dynamodb", TRANSACT_KINDS.get(built.group(1)), table, false, where + "/" + built.group(1)), table, unit, built.group());
                }
                Matcher helper = Pattern.compile("\\b(\\w+)\\s*\\.\\s*(\\w+)\\s*\\(").matcher(body);
                while (helper.find()) {
                    Unit owner = units.get(helper.group(1));
                    if (owner == null) {
                        continue;
                    }
                    for (Method made : owner.methods(helper.group(2))) {
                        String kind = made.returnType();
                        if (TRANSACT_KINDS.containsKey(kind) && made.params().matches("\\s*String\\s+table\\b.*")) {
                            List<String> args = split(arguments(body, helper.end() - 1));
                            String table = args.isEmpty() ? null : resolve(unit, args.get(0), 0);
                            add(new Call("dynamodb", TRANSACT_KINDS.get(kind), table, false, where + "/" + owner.name + "." + made.name()),
                                    table, unit, helper.group());
                        }
                    }
                }
            }
        }
        if (calls.size() == before) {
            unresolved.add(where + ": a TransactWriteItems whose items were not found");
        }
    }

    /** The environment variable an expression's value comes from, or null. */
    private String resolve(Unit unit, String expression, int depth) {
        String e = expression.strip().replaceFirst("^this\\.", "");
        if (depth > 8 || e.isEmpty()) {
            return null;
        }
        Matcher literal = Pattern.compile("^(?:(\\w+)\\s*\\.\\s*)?(?:require|get)\\(\\s*\"([A-Z][A-Z0-9_]*)\"\\s*\\)").matcher(e);
        if (literal.find() && (literal.group(1) == null || declaredAs(unit, literal.group(1), "Settings"))) {
            return literal.group(2);
        }
        Matcher accessor = Pattern.compile("^(\\w+)\\s*\\.\\s*(\\w+)\\(\\s*\\)$").matcher(e);
        if (accessor.find()) {
            String receiver = accessor.group(1);
            String member = accessor.group(2);
            for (String type : unit.variables.getOrDefault(receiver, Set.of())) {
                Unit owner = units.get(type);
                if (owner == null) {
                    continue;
                }
                if (type.equals("Settings")) {
                    for (Method m : owner.methods(member)) {
                        Matcher read = Pattern.compile("\\b(?:require|get)\\(\\s*\"([A-Z][A-Z0-9_]*)\"").matcher(String.valueOf(m.body()));
                        if (read.find()) {
                            return read.group(1);
                        }
                    }
                }
                Matcher record = Pattern.compile("\\brecord\\s+" + type + "\\s*\\(" + ARGS + "\\)").matcher(owner.text);
                if (record.find()) {
                    List<String> components = split(record.group(1)).stream().map(c -> c.replaceAll(".*\\s", "")).toList();
                    int index = components.indexOf(member);
                    if (index >= 0) {
                        return fromConstructions(type, index, depth);
                    }
                }
            }
            return null;
        }
        if (e.matches("\\w+")) {
            Matcher assigned = Pattern.compile("(?<![.\\w])(?:this\\.)?" + e + "\\s*=(?!=)\\s*([^;]+);").matcher(unit.text);
            while (assigned.find()) {
                String value = assigned.group(1).strip();
                if (!value.equals(e)) {
                    return resolve(unit, value, depth + 1);
                }
            }
            for (Method constructor : unit.methods("<init>")) {
                List<String> params = split(constructor.params());
                for (int i = 0; i < params.size(); i++) {
                    if (params.get(i).matches(".*\\b" + e + "$")) {
                        Matcher named = Pattern.compile("@Named\\(\"([^\"]*)\"\\)").matcher(params.get(i));
                        if (named.find()) {
                            String qualifier = named.group(1);
                            for (String provider : providers(m -> m.annotations().contains("@Named(\"" + qualifier + "\")"))) {
                                Unit module = units.get(provider.substring(0, provider.indexOf('#')));
                                for (Method m : module.methods(provider.substring(provider.indexOf('#') + 1))) {
                                    Matcher returned = Pattern.compile("return\\s+([^;]+);").matcher(String.valueOf(m.body()));
                                    if (returned.find()) {
                                        return resolve(module, returned.group(1), depth + 1);
                                    }
                                }
                            }
                            return null;
                        }
                        return fromConstructions(constructor.returnType(), i, depth);
                    }
                }
            }
        }
        return null;
    }

    /** The variable behind argument {@code index} of {@code new type(...)}, where the code makes one. */
    private String fromConstructions(String type, int index, int depth) {
        for (Unit other : units.values()) {
            Matcher made = Pattern.compile("\\bnew\\s+" + type + "\\s*\\(").matcher(other.text);
            while (made.find()) {
                List<String> args = split(arguments(other.text, made.end() - 1));
                if (index < args.size()) {
                    String found = resolve(other, args.get(index), depth + 1);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }
}
