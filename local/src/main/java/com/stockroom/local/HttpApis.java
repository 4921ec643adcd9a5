package com.stockroom.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who may call what, as template.yaml tells API Gateway: each {@code AWS::Serverless::HttpApi}'s
 * JWT authorizers (JwtConfiguration resolved through {@link Intrinsics}), its DefaultAuthorizer
 * and CorsConfiguration, and each HttpApi event's own {@code Auth}: another authorizer, or
 * {@code NONE} for an open route, and the AuthorizationScopes a token needs one of. There is
 * no second list of routes and scopes: the template is the one the deployed API obeys.
 */
final class HttpApis {

    /** An authorizer name that leaves a route open. */
    static final String NONE = "NONE";

    private static final String HEADER_SOURCE = "$request.header.";

    /** One HttpApi resource: its authorizers by name, its default one, its CORS. */
    private record Api(Map<String, JwtAuthorizer.Configuration> authorizers, Optional<String> defaultAuthorizer, Optional<Cors> cors) {
    }

    /** A route's access: the authorizer that guards it (none: open) and the scopes it asks for. */
    record Access(Optional<JwtAuthorizer.Configuration> authorizer, List<String> scopes) {
        Access {
            scopes = List.copyOf(scopes);
        }
    }

    private final Map<String, Api> apis;
    private final List<String> scopes;

    private HttpApis(Map<String, Api> apis, List<String> scopes) {
        this.apis = apis;
        this.scopes = scopes;
    }

    static HttpApis read(Template template, Intrinsics intrinsics) {
        Map<String, Api> apis = new LinkedHashMap<>();
        template.resources("AWS::Serverless::HttpApi").forEach((id, properties) -> {
            Map<String, Object> auth = Provisioner.map(intrinsics.resolve(properties.get("Auth")));
            Map<String, JwtAuthorizer.Configuration> authorizers = new LinkedHashMap<>();
            Provisioner.map(auth.get("Authorizers")).forEach((name, authorizer) ->
                    authorizers.put(name, configuration(id, name, Provisioner.map(authorizer))));
            Optional<String> defaultAuthorizer = Optional.ofNullable(auth.get("DefaultAuthorizer")).map(String::valueOf);
            defaultAuthorizer.filter(name -> !name.equals(NONE) && !authorizers.containsKey(name)).ifPresent(name -> {
                throw new IllegalArgumentException(id + "'s DefaultAuthorizer " + name + " is not one of its Authorizers");
            });
            Optional<Cors> cors = Optional.ofNullable(properties.get("CorsConfiguration")).map(c -> Cors.of(intrinsics.resolve(c)));
            apis.put(id, new Api(authorizers, defaultAuthorizer, cors));
        });
        TreeSet<String> scopes = new TreeSet<>();
        template.resources("AWS::Serverless::Function").values().forEach(function ->
                Template.mapOfMaps(function.get("Events")).values().stream()
                        .filter(event -> "HttpApi".equals(event.get("Type")))
                        .forEach(event -> scopes.addAll(authorizationScopes(Template.properties(event)))));
        return new HttpApis(apis, List.copyOf(scopes));
    }

    private static JwtAuthorizer.Configuration configuration(String api, String name, Map<String, Object> authorizer) {
        Map<String, Object> jwt = Provisioner.map(authorizer.get("JwtConfiguration"));
        if (jwt.isEmpty()) {
            throw new IllegalArgumentException(api + "'s authorizer " + name + " is not a JWT authorizer: the local stack runs JWT authorizers only");
        }
        Object audience = jwt.get("audience");
        List<String> audiences = new ArrayList<>();
        if (audience instanceof List<?> list) {
            list.forEach(a -> audiences.add(String.valueOf(a)));
        } else if (audience != null) {
            audiences.add(String.valueOf(audience));
        }
        String source = String.valueOf(authorizer.getOrDefault("IdentitySource", HEADER_SOURCE + "Authorization"));
        if (!source.startsWith(HEADER_SOURCE) || source.length() == HEADER_SOURCE.length()) {
            throw new IllegalArgumentException(api + "'s authorizer " + name + " takes its token from " + source
                    + ": the local stack reads tokens from a header only");
        }
        return new JwtAuthorizer.Configuration(String.valueOf(jwt.get("issuer")), audiences, source.substring(HEADER_SOURCE.length()));
    }

    /** Who may call the route an HttpApi event declares: its own Auth, else its API's default authorizer. */
    Access access(Map<String, Object> eventProperties) {
        Optional<Api> api = apiOf(eventProperties);
        Map<String, Object> auth = Provisioner.map(eventProperties.get("Auth"));
        Optional<String> name = Optional.ofNullable(auth.get("Authorizer")).map(String::valueOf)
                .or(() -> api.flatMap(Api::defaultAuthorizer));
        List<String> scopes = authorizationScopes(eventProperties);
        if (name.isEmpty() || name.get().equals(NONE)) {
            return new Access(Optional.empty(), List.of());
        }
        JwtAuthorizer.Configuration authorizer = api.map(a -> a.authorizers().get(name.get())).orElseThrow(() ->
                new IllegalArgumentException("a route names the authorizer " + name.get() + ", which its HttpApi does not declare"));
        return new Access(Optional.of(authorizer), scopes);
    }

    /** The event's HttpApi: the one its ApiId refers to; without ApiId, SAM's implicit API, which has no auth here. */
    private Optional<Api> apiOf(Map<String, Object> eventProperties) {
        Object apiId = eventProperties.get("ApiId");
        if (apiId == null) {
            return Optional.empty();
        }
        String id = apiId instanceof Map<?, ?> ref && ref.get("Ref") != null ? String.valueOf(ref.get("Ref")) : String.valueOf(apiId);
        Api api = apis.get(id);
        if (api == null) {
            throw new IllegalArgumentException("a route's ApiId " + id + " is no AWS::Serverless::HttpApi of the template");
        }
        return Optional.of(api);
    }

    private static List<String> authorizationScopes(Map<String, Object> eventProperties) {
        Object scopes = Provisioner.map(eventProperties.get("Auth")).get("AuthorizationScopes");
        return scopes instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** Every scope some route asks for, sorted: what a token may be granted. */
    List<String> scopes() {
        return scopes;
    }

    /** The audience the local issuer writes into its tokens: the first audience of the first JWT authorizer. */
    Optional<String> audience() {
        return apis.values().stream().flatMap(api -> api.authorizers().values().stream())
                .flatMap(authorizer -> authorizer.audiences().stream()).findFirst();
    }

    /**
     * The CORS the local gateway applies. It serves every HttpApi's routes on one port, so one
     * CorsConfiguration applies to all: the first HttpApi's that has one.
     */
    Optional<Cors> cors() {
        return apis.values().stream().map(Api::cors).flatMap(Optional::stream).findFirst();
    }
}
