package com.stockroom.local;

import com.stockroom.web.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules template.yaml must keep for the functions to run as written. Each rule returns the
 * faults it finds, one string each, naming the resource and what is wrong; none means the rule
 * holds. The rules read the parsed template as {@link Template} gives it, so a test can break a
 * copy in memory and see which rule notices.
 */
final class TemplateRules {

    static final String FUNCTION = "AWS::Serverless::Function";
    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
            "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    /** What Lambda itself sets in every function's environment. */
    static final Set<String> LAMBDA_SETS = Set.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_LOG_LEVEL", "AWS_LAMBDA_LOG_FORMAT", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_RUNTIME_API", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_XRAY_CONTEXT_MISSING",
            "AWS_XRAY_DAEMON_ADDRESS", "_AWS_XRAY_DAEMON_ADDRESS", "_AWS_XRAY_DAEMON_PORT", "_X_AMZN_TRACE_ID", "_HANDLER",
            "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "LANG", "PATH", "LD_LIBRARY_PATH", "TZ", "JAVA_HOME");
    /** Attributes {@code Fn::GetAtt} may ask of the resource types this template uses. */
    static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "AWS::SQS::Queue", Set.of("Arn", "QueueName", "QueueUrl"),
            "AWS::DynamoDB::Table", Set.of("Arn", "StreamArn"),
            "AWS::Logs::LogGroup", Set.of("Arn"),
            FUNCTION, Set.of("Arn"),
            "AWS::Serverless::HttpApi", Set.of("ApiEndpoint"),
            "AWS::Events::EventBus", Set.of("Arn", "Name", "Policy"));

    static final Set<String> DYNAMODB_WRITES = Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
    /** SAM's policy templates: actions, and whether they cover the table's indexes too. */
    private static final Map<String, List<String>> TABLE_TEMPLATES = Map.of(
            "DynamoDBCrudPolicy", List.of("dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query",
                    "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"),
            "DynamoDBReadPolicy", List.of("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"),
            "DynamoDBWritePolicy", List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"));
    private static final Map<String, List<String>> QUEUE_TEMPLATES = Map.of(
            "SQSSendMessagePolicy", List.of("sqs:SendMessage*"),
            "SQSPollerPolicy", List.of("sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage",
                    "sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"));
    private static final Map<String, List<String>> BUS_TEMPLATES = Map.of(
            "EventBridgePutEventsPolicy", List.of("events:PutEvents"));
    /** Policy templates whose grants serve an event source mapping, not the code. */
    private static final Set<String> EVENT_SOURCE_TEMPLATES = Set.of("DynamoDBStreamReadPolicy", "KinesisStreamReadPolicy");

    static final String HTTP_EVENT = "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/no/such/route\",\"rawQueryString\":\"\","
            + "\"headers\":{\"content-type\":\"application/json\"},\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/no/such/route\"},"
            + "\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"template-rules\",\"scope\":\"inventory:read inventory:write carts orders orders:write\"},"
            + "\"scopes\":null}},\"requestId\":\"r\",\"routeKey\":\"$default\",\"stage\":\"$default\",\"timeEpoch\":1764583200000},\"isBase64Encoded\":false}";
    static final String EMPTY_BATCH = "{\"Records\":[]}";
    static final String SCHEDULED_EVENT = "{\"version\":\"0\",\"id\":\"x\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
            + "\"account\":\"000000000000\",\"time\":\"2025-12-01T10:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{}}";

    private static final Map<String, FunctionCode> CODE = new ConcurrentHashMap<>();
    /** Each handler's answer to each trigger, by everything it depends on: building one takes a while. */
    private static final Map<List<Object>, Optional<String>> ANSWERS = new ConcurrentHashMap<>();

    private final Template template;
    private final Path root;

    TemplateRules(Template template, Path root) {
        this.template = template;
        this.root = root;
    }

    // ---- 1. handlers

    /**
     * Each function's handler, built from its own jar alone with an environment made of the
     * template's variables (endpoints at a closed port), answers a minimal event of each of its
     * triggers as that trigger expects.
     */
    List<String> handlers() {
        List<String> faults = new ArrayList<>();
        functions().forEach((id, function) -> {
            String handler = String.valueOf(function.get("Handler"));
            Path jar = root.resolve(String.valueOf(function.get("CodeUri")));
            if (handler.contains("::")) {
                // The Java runtime calls a named method by reflection: its first call builds the
                // method handle classes no class archive holds, about 20 ms of every cold start.
                // Named by its class alone, a RequestStreamHandler is called through the interface.
                faults.add(id + ": Handler " + handler + " names a method; name the RequestStreamHandler class alone,"
                        + " so that the runtime calls it through the interface rather than by reflection");
                return;
            }
            String className = handler;
            if (!Files.isRegularFile(jar)) {
                faults.add(id + ": CodeUri " + jar + " is no jar (build it first)");
                return;
            }
            if (!FunctionCode.jarClasses(jar).contains(className)) {
                faults.add(id + ": Handler " + className + " names no class in its CodeUri jar " + function.get("CodeUri"));
                return;
            }
            Set<String> triggers = new LinkedHashSet<>();
            Template.mapOfMaps(function.get("Events")).values().forEach(event -> triggers.add(String.valueOf(event.get("Type"))));
            for (String trigger : triggers) {
                Map<String, String> environment = environment(id, function);
                String fault = ANSWERS.computeIfAbsent(List.of(id, jar.toAbsolutePath().normalize(), className, trigger, environment),
                        key -> Optional.ofNullable(answers(id, jar, className, trigger, environment))).orElse(null);
                if (fault != null) {
                    faults.add(fault);
                }
            }
        });
        return faults;
    }

    private String answers(String id, Path jar, String className, String trigger, Map<String, String> environment) {
        String event;
        switch (trigger) {
            case "HttpApi" -> event = HTTP_EVENT;
            case "SQS", "DynamoDB", "Kinesis" -> event = EMPTY_BATCH;
            case "Schedule", "ScheduleV2" -> event = SCHEDULED_EVENT;
            default -> {
                return id + ": no rule for a " + trigger + " trigger";
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(className, true, loader);
            Class<?> streamHandler = Class.forName("com.amazonaws.services.lambda.runtime.RequestStreamHandler", false, loader);
            if (!streamHandler.isAssignableFrom(type)) {
                return id + ": " + className + " is no RequestStreamHandler";
            }
            Object handler = type.getConstructor(Map.class).newInstance(environment);
            Class<?> contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);
            Object context = Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, (proxy, method, args) -> switch (method.getName()) {
                case "getRemainingTimeInMillis" -> 1_000;
                case "getFunctionName" -> id;
                case "getAwsRequestId" -> "template-rules";
                case "getMemoryLimitInMB" -> 1024;
                case "toString" -> "context";
                case "hashCode" -> 0;
                case "equals" -> proxy == args[0];
                default -> null;
            });
            Method handle = type.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handle.invoke(handler, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
            Object answer = Json.parse(out.toString(StandardCharsets.UTF_8));
            if (!(answer instanceof Map<?, ?> map)) {
                return id + ": " + className + " answers a " + trigger + " event with " + answer + ", not a JSON object";
            }
            return switch (trigger) {
                case "HttpApi" -> Long.valueOf(404).equals(map.get("statusCode")) ? null
                        : id + ": " + className + " answers an HttpApi event for no route with " + map + ", not a statusCode 404";
                case "SQS", "DynamoDB", "Kinesis" -> List.of().equals(map.get("batchItemFailures")) && map.size() == 1 ? null
                        : id + ": " + className + " answers an empty " + trigger + " batch with " + map + ", not {\"batchItemFailures\":[]}";
                default -> null;
            };
        } catch (InvocationTargetException e) {
            if (trigger.startsWith("Schedule") && reachedTheClosedEndpoint(e.getCause())) {
                // A scheduled run does its work at once, and that needs the database: it took the
                // event and went to work; what it would answer cannot be seen without one.
                return null;
            }
            return id + ": " + className + " fails on a " + trigger + " event: " + e.getCause();
        } catch (NoSuchMethodException e) {
            return id + ": " + className + " has no constructor taking its environment, or no handleRequest(InputStream, OutputStream, Context)";
        } catch (Exception | LinkageError e) {
            return id + ": " + className + " cannot be built from its jar: " + e;
        }
    }

    private static boolean reachedTheClosedEndpoint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Connection refused")) {
                return true;
            }
        }
        return false;
    }

    /** The function's environment with the template's variables, dummy values for what a deploy would give. */
    Map<String, String> environment(String id, Map<String, Object> function) {
        Map<String, String> environment = new TreeMap<>();
        variables(function).forEach((name, value) -> environment.put(name, dummy(value)));
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "template-rules");
        environment.put("AWS_SECRET_ACCESS_KEY", "template-rules");
        environment.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", id);
        return environment;
    }

    private String dummy(Object value) {
        if (value instanceof Map<?, ?> map && map.get("Ref") instanceof String ref) {
            Map<String, Object> resource = template.resources().get(ref);
            if (resource != null) {
                return "AWS::SQS::Queue".equals(resource.get("Type")) ? "http://127.0.0.1:9/000000000000/" + ref : ref;
            }
            Map<String, Object> parameter = template.parameters().get(ref);
            return parameter != null && parameter.get("Default") != null ? String.valueOf(parameter.get("Default")) : "1";
        }
        return value instanceof Map || value instanceof List ? "dummy" : String.valueOf(value);
    }

    // ---- 2. references

    /** Every Ref, Fn::GetAtt and Fn::Sub names a parameter, a resource (and one of its attributes) or a pseudo parameter. */
    List<String> references() {
        List<String> faults = new ArrayList<>();
        Map<String, Map<String, Object>> resources = template.resources();
        Set<String> refs = new TreeSet<>(PSEUDO_PARAMETERS);
        refs.addAll(template.parameters().keySet());
        refs.addAll(resources.keySet());
        resources.forEach((id, resource) -> {
            if (FUNCTION.equals(resource.get("Type"))) {
                refs.add(id + "Role"); // what SAM makes beside each function
            }
        });
        Map<String, Object> root = template.root();
        for (String section : List.of("Conditions", "Globals", "Resources", "Outputs")) {
            walkIntrinsics(section, root.get(section), refs, faults);
        }
        Set<String> conditions = Template.mapOfMaps(root.get("Conditions")).keySet();
        resources.forEach((id, resource) -> {
            if (resource.get("Condition") instanceof String condition && !conditions.contains(condition)) {
                faults.add("Resources." + id + ": Condition " + condition + " is no condition of the template");
            }
        });
        return faults;
    }

    private void walkIntrinsics(String where, Object value, Set<String> refs, List<String> faults) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                Object arg = only.getValue();
                switch (key) {
                    case "Ref" -> {
                        if (!refs.contains(String.valueOf(arg))) {
                            faults.add(where + ": Ref " + arg + " is no parameter, resource or pseudo parameter");
                        }
                    }
                    case "Fn::GetAtt" -> {
                        List<?> parts = arg instanceof List<?> list ? list : List.of(String.valueOf(arg).split("\\.", 2));
                        attribute(where, "Fn::GetAtt", String.valueOf(parts.get(0)), parts.size() > 1 ? String.valueOf(parts.get(1)) : "", faults);
                    }
                    case "Fn::Sub" -> sub(where, arg, refs, faults);
                    default -> {
                    }
                }
            }
            map.forEach((k, v) -> walkIntrinsics(where + "." + k, v, refs, faults));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walkIntrinsics(where + "[" + i + "]", list.get(i), refs, faults);
            }
        }
    }

    private void attribute(String where, String how, String resource, String attribute, List<String> faults) {
        Map<String, Object> target = template.resources().get(resource);
        if (target == null) {
            faults.add(where + ": " + how + " " + resource + "." + attribute + " names no resource " + resource);
            return;
        }
        Set<String> known = ATTRIBUTES.get(String.valueOf(target.get("Type")));
        if (known != null && !known.contains(attribute)) {
            faults.add(where + ": " + how + " " + resource + "." + attribute + ": a " + target.get("Type") + " has no attribute " + attribute);
        }
    }

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]*)}");

    private void sub(String where, Object arg, Set<String> refs, List<String> faults) {
        String text;
        Set<String> variables = Set.of();
        if (arg instanceof List<?> parts && !parts.isEmpty()) {
            text = String.valueOf(parts.get(0));
            if (parts.size() > 1 && parts.get(1) instanceof Map<?, ?> own) {
                variables = new LinkedHashSet<>();
                for (Object name : own.keySet()) {
                    variables.add(String.valueOf(name));
                }
            }
        } else {
            text = String.valueOf(arg);
        }
        Matcher m = SUB.matcher(text);
        while (m.find()) {
            String name = m.group(1).strip();
            if (name.startsWith("!") || variables.contains(name)) {
                continue;
            }
            if (name.contains(".") && !name.startsWith("AWS::")) {
                attribute(where, "Fn::Sub ${" + name + "}:", name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1), faults);
            } else if (!refs.contains(name)) {
                faults.add(where + ": Fn::Sub ${" + name + "} is no parameter, resource, pseudo parameter or variable of the Sub");
            }
        }
    }

    // ---- 3. environment

    /** Each variable a function's code reads with no fallback is set for it (Lambda's own and local-only ones aside). */
    List<String> environment() {
        List<String> faults = new ArrayList<>();
        functions().forEach((id, function) -> {
            FunctionCode code = code(function);
            if (code == null) {
                return;
            }
            Set<String> set = variables(function).keySet();
            for (String variable : code.required()) {
                if (!ignored(variable) && !set.contains(variable)) {
                    faults.add(id + ": its code requires environment variable " + variable + ", which the template does not set for it");
                }
            }
        });
        return faults;
    }

    /** The variables each function's code reads as optional (absent is fine) that the template leaves unset: a listing, no fault. */
    Map<String, Set<String>> optionalUnset() {
        Map<String, Set<String>> unset = new TreeMap<>();
        functions().forEach((id, function) -> {
            FunctionCode code = code(function);
            if (code != null) {
                Set<String> names = new TreeSet<>(code.optional());
                names.removeIf(name -> ignored(name) || variables(function).containsKey(name) || code.required().contains(name));
                unset.put(id, names);
            }
        });
        return unset;
    }

    static boolean ignored(String variable) {
        return LAMBDA_SETS.contains(variable) || variable.startsWith("STOCKROOM_") || variable.startsWith("AWS_ENDPOINT_URL");
    }

    // ---- 4. permissions

    /** A grant: an action pattern on one part ({@code table}, {@code index}, {@code queue}) of a resource, or of every resource ({@code *}). */
    record Grant(String resource, String part, String action) {
        boolean covers(String resource, String part, String action) {
            return (this.resource.equals("*") || this.resource.equals(resource)) && (this.part.equals("*") || this.part.equals(part))
                    && Pattern.matches(Pattern.quote(this.action).replace("*", "\\E.*\\Q"), action);
        }
    }

    /**
     * Each function's policies grant every DynamoDB and SQS action its code calls, on the table
     * (or index) and queue it calls it on, and no more: no access to a table or queue its code
     * never uses, no write to a table it only reads. The event source mappings' own permissions
     * (stream reads, the on-failure destination, SQS polling) are SAM's and left out.
     */
    List<String> permissions() {
        List<String> faults = new ArrayList<>();
        functions().forEach((id, function) -> {
            FunctionCode code = code(function);
            if (code == null) {
                return;
            }
            code.unresolved().forEach(u -> faults.add(id + ": " + u));
            List<Grant> grants = grants(id, function, faults);
            Map<String, Set<String>> used = new TreeMap<>();
            Set<String> servicesUnknown = new TreeSet<>();
            for (FunctionCode.Call call : code.calls()) {
                Object value = variables(function).get(call.variable());
                if (value == null) {
                    servicesUnknown.add(call.service());
                    continue; // the environment rule reports the missing variable
                }
                String resource = value instanceof Map<?, ?> map && map.get("Ref") instanceof String ref && template.resources().containsKey(ref) ? ref : null;
                if (resource == null) {
                    faults.add(id + ": " + call.iamAction() + " at " + call.where() + " uses " + call.variable() + " = " + value
                            + ", which is no Ref to a table, queue or bus of the template");
                    continue;
                }
                String part = call.service().equals("sqs") ? "queue" : call.service().equals("events") ? "bus" : call.index() ? "index" : "table";
                used.computeIfAbsent(resource, k -> new TreeSet<>()).add(call.iamAction());
                if (grants.stream().noneMatch(g -> g.covers(resource, part, call.iamAction()))) {
                    faults.add(id + ": its code calls " + call.iamAction() + " on " + resource + (part.equals("index") ? "'s indexes" : "")
                            + " (" + call.where() + ") but no policy grants it");
                }
            }
            Set<String> eventSources = eventSourceResources(function);
            Set<String> granted = new TreeSet<>();
            grants.forEach(g -> granted.add(g.resource()));
            for (String resource : granted) {
                if (resource.equals("*") || eventSources.contains(resource)) {
                    continue;
                }
                Map<String, Object> target = template.resources().get(resource);
                String service = target == null ? "dynamodb" : "AWS::SQS::Queue".equals(target.get("Type")) ? "sqs"
                        : "AWS::Events::EventBus".equals(target.get("Type")) ? "events" : "dynamodb";
                if (servicesUnknown.contains(service)) {
                    continue;
                }
                Set<String> actions = used.getOrDefault(resource, Set.of());
                if (actions.isEmpty()) {
                    faults.add(id + ": its policies grant access to " + resource + ", which its code never uses");
                } else if (service.equals("dynamodb") && actions.stream().noneMatch(DYNAMODB_WRITES::contains)
                        && grants.stream().anyMatch(g -> g.resource().equals(resource) && DYNAMODB_WRITES.stream().anyMatch(w -> g.covers(resource, "table", w)))) {
                    faults.add(id + ": its policies grant write access to " + resource + ", which its code only reads");
                }
            }
        });
        return faults;
    }

    /** The queues and streams the function's own event sources use, whose permissions SAM manages. */
    private Set<String> eventSourceResources(Map<String, Object> function) {
        Set<String> found = new java.util.HashSet<>();
        for (Map<String, Object> event : Template.mapOfMaps(function.get("Events")).values()) {
            Map<String, Object> properties = Template.properties(event);
            if ("SQS".equals(event.get("Type"))) {
                found.add(logicalId(properties.get("Queue")));
            }
            if (properties.get("DestinationConfig") instanceof Map<?, ?> destination && destination.get("OnFailure") instanceof Map<?, ?> onFailure) {
                found.add(logicalId(onFailure.get("Destination")));
            }
        }
        found.remove(null);
        return found;
    }

    /** The resource a Ref, Fn::GetAtt or Fn::Sub of one resource's attribute names. */
    static String logicalId(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Object arg = map.values().iterator().next();
            if (map.containsKey("Ref")) {
                return String.valueOf(arg);
            }
            if (map.containsKey("Fn::GetAtt")) {
                return arg instanceof List<?> parts ? String.valueOf(parts.get(0)) : String.valueOf(arg).split("\\.")[0];
            }
            if (map.containsKey("Fn::Sub")) {
                Matcher m = SUB.matcher(String.valueOf(arg instanceof List<?> parts ? parts.get(0) : arg));
                while (m.find()) {
                    if (m.group(1).contains(".") && !m.group(1).startsWith("AWS::")) {
                        return m.group(1).substring(0, m.group(1).indexOf('.'));
                    }
                }
            }
        }
        return null;
    }

    private List<Grant> grants(String id, Map<String, Object> function, List<String> faults) {
        List<Grant> grants = new ArrayList<>();
        Object policies = function.get("Policies");
        List<?> list = policies instanceof List<?> l ? l : policies == null ? List.of() : List.of(policies);
        for (Object policy : list) {
            if (policy instanceof String managed) {
                faults.add(id + ": managed policy " + managed + " cannot be compared with the code's calls");
                continue;
            }
            if (!(policy instanceof Map<?, ?> map)) {
                continue;
            }
            if (map.containsKey("Statement")) {
                statements(id, map.get("Statement"), grants, faults);
                continue;
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = String.valueOf(entry.getKey());
                Map<?, ?> parameters = entry.getValue() instanceof Map<?, ?> p ? p : Map.of();
                if (TABLE_TEMPLATES.containsKey(name)) {
                    String table = logicalId(parameters.get("TableName"));
                    for (String action : TABLE_TEMPLATES.get(name)) {
                        grants.add(new Grant(table, "table", action));
                        if (!name.equals("DynamoDBWritePolicy")) {
                            grants.add(new Grant(table, "index", action));
                        }
                    }
                } else if (BUS_TEMPLATES.containsKey(name)) {
                    String bus = logicalId(parameters.get("EventBusName"));
                    BUS_TEMPLATES.get(name).forEach(action -> grants.add(new Grant(bus, "bus", action)));
                } else if (QUEUE_TEMPLATES.containsKey(name)) {
                    String queue = logicalId(parameters.get("QueueName"));
                    QUEUE_TEMPLATES.get(name).forEach(action -> grants.add(new Grant(queue, "queue", action)));
                } else if (!EVENT_SOURCE_TEMPLATES.contains(name)) {
                    faults.add(id + ": policy template " + name + " is not one these rules can expand");
                }
            }
        }
        return grants;
    }

    private void statements(String id, Object statements, List<Grant> grants, List<String> faults) {
        for (Object item : statements instanceof List<?> l ? l : List.of(statements)) {
            if (!(item instanceof Map<?, ?> statement) || !"Allow".equals(statement.get("Effect"))) {
                continue;
            }
            List<?> actions = statement.get("Action") instanceof List<?> a ? a : List.of(String.valueOf(statement.get("Action")));
            List<?> resources = statement.get("Resource") instanceof List<?> r ? r : List.of(statement.get("Resource"));
            for (Object resource : resources) {
                String target;
                String part;
                if ("*".equals(resource)) {
                    target = "*";
                    part = "*";
                } else {
                    target = logicalId(resource);
                    String text = String.valueOf(resource);
                    part = text.contains("/index/") ? "index" : text.contains("StreamArn") || text.contains("/stream/") ? "stream"
                            : target != null && "AWS::SQS::Queue".equals(template.resources().getOrDefault(target, Map.of()).get("Type")) ? "queue" : "table";
                    if (target == null) {
                        faults.add(id + ": cannot tell which resource the statement's Resource " + resource + " is");
                        continue;
                    }
                }
                if (!part.equals("stream")) {
                    actions.forEach(action -> grants.add(new Grant(target, part, String.valueOf(action))));
                }
            }
        }
    }

    // ---- 5. batch consumers

    /**
     * Every queue and stream consumer reports partial batch failures, and a message or record
     * that keeps failing ends somewhere: the queue's dead-letter queue after a bounded number of
     * receives, the stream's on-failure destination after bounded retries.
     */
    List<String> consumers() {
        List<String> faults = new ArrayList<>();
        functions().forEach((id, function) -> Template.mapOfMaps(function.get("Events")).forEach((name, event) -> {
            String type = String.valueOf(event.get("Type"));
            if (!List.of("SQS", "DynamoDB", "Kinesis").contains(type)) {
                return;
            }
            Map<String, Object> properties = Template.properties(event);
            String where = id + " event " + name;
            if (!(properties.get("FunctionResponseTypes") instanceof List<?> types) || !types.contains("ReportBatchItemFailures")) {
                faults.add(where + ": no FunctionResponseTypes [ReportBatchItemFailures], so one failed item fails (and retries) the whole batch");
            }
            if (type.equals("SQS")) {
                String queue = logicalId(properties.get("Queue"));
                Map<String, Object> source = queue == null ? null : template.resources("AWS::SQS::Queue").get(queue);
                if (source == null) {
                    faults.add(where + ": its Queue is no queue of the template");
                    return;
                }
                Map<?, ?> redrive = source.get("RedrivePolicy") instanceof Map<?, ?> r ? r : Map.of();
                Integer count = number(redrive.get("maxReceiveCount"));
                if (redrive.get("deadLetterTargetArn") == null || count == null || count < 1) {
                    faults.add(where + ": queue " + queue + " has no RedrivePolicy with a deadLetterTargetArn and a maxReceiveCount, so a poison message is retried until it expires");
                }
            } else {
                if (!(properties.get("DestinationConfig") instanceof Map<?, ?> destination) || !(destination.get("OnFailure") instanceof Map<?, ?> onFailure)
                        || onFailure.get("Destination") == null) {
                    faults.add(where + ": no DestinationConfig.OnFailure destination, so records that exhaust their retries are lost");
                }
                Integer retries = number(properties.get("MaximumRetryAttempts"));
                if (retries == null || retries < 0) {
                    faults.add(where + ": MaximumRetryAttempts is " + (retries == null ? "not set" : retries)
                            + ", so a failing record is retried until it expires and blocks its shard");
                }
                Integer age = number(properties.get("MaximumRecordAgeInSeconds"));
                if (properties.containsKey("MaximumRecordAgeInSeconds") && (age == null || age < 0)) {
                    faults.add(where + ": MaximumRecordAgeInSeconds is " + properties.get("MaximumRecordAgeInSeconds") + ", no bound on a record's age");
                }
            }
        }));
        return faults;
    }

    // ---- 6. visibility timeouts

    /** A queue a function consumes keeps a message invisible for at least six times the function's timeout. */
    List<String> visibilityTimeouts() {
        List<String> faults = new ArrayList<>();
        functions().forEach((id, function) -> Template.mapOfMaps(function.get("Events")).forEach((name, event) -> {
            if (!"SQS".equals(event.get("Type"))) {
                return;
            }
            String queue = logicalId(Template.properties(event).get("Queue"));
            Map<String, Object> source = template.resources("AWS::SQS::Queue").get(queue);
            if (source == null) {
                return;
            }
            Integer timeout = number(function.getOrDefault("Timeout", template.functionGlobals().getOrDefault("Timeout", 3)));
            Integer visibility = number(source.getOrDefault("VisibilityTimeout", 30));
            if (timeout == null || visibility == null) {
                faults.add(id + ": cannot read the Timeout of the function or the VisibilityTimeout of " + queue);
            } else if (visibility < 6 * timeout) {
                faults.add(queue + ": VisibilityTimeout " + visibility + " is under six times the Timeout " + timeout + " of " + id
                        + " that consumes it (at least " + 6 * timeout + ")");
            }
        }));
        return faults;
    }

    // ---- the template

    Map<String, Map<String, Object>> functions() {
        return template.resources(FUNCTION);
    }

    /** A function's environment variables: the Globals', overridden by its own. */
    Map<String, Object> variables(Map<String, Object> function) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Map<String, Object> source : List.of(template.functionGlobals(), function)) {
            if (source.get("Environment") instanceof Map<?, ?> environment && environment.get("Variables") instanceof Map<?, ?> set) {
                set.forEach((k, v) -> variables.put(String.valueOf(k), v));
            }
        }
        return variables;
    }

    /** A number, or a parameter's default a Ref names. */
    private Integer number(Object value) {
        if (value instanceof Map<?, ?> map && map.get("Ref") instanceof String ref) {
            value = template.parameters().getOrDefault(ref, Map.of()).get("Default");
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return value == null ? null : Integer.valueOf(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The code of a function's handler as its jar carries it, or null when the jar or class is not there (the handler rule says so). */
    FunctionCode code(Map<String, Object> function) {
        String handler = String.valueOf(function.get("Handler"));
        String codeUri = String.valueOf(function.get("CodeUri"));
        Path jar = root.resolve(codeUri);
        if (handler.contains("::") || !Files.isRegularFile(jar)) {
            return null;
        }
        String className = handler;
        if (!FunctionCode.jarClasses(jar).contains(className)) {
            return null;
        }
        // The function's own module: the folder that holds target/<name>.jar.
        Path module = jar.getParent().getParent();
        return CODE.computeIfAbsent(jar.toAbsolutePath().normalize() + "!" + className, key -> FunctionCode.read(jar, className,
                List.of(root.resolve("shared/src/main/java"), module.resolve("src/main/java"))));
    }

    /** Every rule's faults, by rule. */
    Map<String, List<String>> all() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("handlers", handlers());
        all.put("references", references());
        all.put("environment", environment());
        all.put("permissions", permissions());
        all.put("consumers", consumers());
        all.put("visibilityTimeouts", visibilityTimeouts());
        return all;
    }
}
