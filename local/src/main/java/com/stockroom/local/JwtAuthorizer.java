package com.stockroom.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.stockroom.web.Json;
import java.math.BigDecimal;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API Gateway HTTP API JWT authorizer: it takes the access token from the identity source
 * header ({@code Bearer <jwt>}, or the bare token, as API Gateway accepts both), checks that it
 * is an RS256 JWT signed by one of the issuer's keys, from the configured issuer, for one of the
 * configured audiences (its {@code aud}, or its {@code client_id} where it has no {@code aud}),
 * unexpired and already valid, and that it carries one of the route's scopes. A request that
 * fails gets 401 (403 for a missing scope) before any function runs; one that passes carries
 * the token's claims and scopes to the function, where API Gateway puts them.
 *
 * <p>Every refusal says why, in the body and in {@code WWW-Authenticate} (RFC 6750). The reasons
 * are fixed texts, never echoes of the token, so a hostile header cannot put a quote or a line
 * break into the answer's headers.
 */
final class JwtAuthorizer {

    /** How far the clocks of issuer and gateway may disagree, for exp, nbf and iat alike. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    /** A token longer than this is refused unread: API Gateway's own header limit is 10 kB. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    static final String REALM = "stockroom";

    /** Where an authorizer's tokens come from and whom they must be for: template.yaml's JwtConfiguration. */
    record Configuration(String issuer, List<String> audiences, String identityHeader) {
        Configuration {
            audiences = List.copyOf(audiences);
        }
    }

    /** What the authorizer decided about one request. */
    sealed interface Verdict permits Allowed, Refused {
    }

    /**
     * A valid token: its claims, each as a string as API Gateway renders them, and its scopes
     * (null when it has none, as API Gateway sends them).
     */
    record Allowed(Map<String, String> claims, List<String> scopes) implements Verdict {

        /** The payload 2.0 event's {@code requestContext.authorizer}. */
        Map<String, Object> requestContext() {
            Map<String, Object> jwt = new LinkedHashMap<>();
            jwt.put("claims", claims);
            jwt.put("scopes", scopes);
            return Map.of("jwt", jwt);
        }
    }

    /** 401 or 403, with the reason and the {@code WWW-Authenticate} challenge that goes with it. */
    record Refused(int status, String title, String detail, String challenge) implements Verdict {
    }

    private final Configuration configuration;
    private final Map<String, JWSVerifier> verifiers;
    private final Clock clock;

    /** Builds one verifier per RSA key of the issuer's key set, once, for every request after. */
    JwtAuthorizer(Configuration configuration, JWKSet issuerKeys, Clock clock) {
        this.configuration = configuration;
        this.clock = clock;
        Map<String, JWSVerifier> byKeyId = new HashMap<>();
        for (JWK key : issuerKeys.getKeys()) {
            if (key instanceof RSAKey rsa && key.getKeyID() != null) {
                try {
                    byKeyId.put(key.getKeyID(), new RSASSAVerifier(rsa.toRSAPublicKey()));
                } catch (JOSEException unusable) {
                    throw new IllegalArgumentException("the issuer's key " + key.getKeyID() + " is not a usable RSA public key", unusable);
                }
            }
        }
        this.verifiers = Map.copyOf(byKeyId);
    }

    Configuration configuration() {
        return configuration;
    }

    /**
     * Decides on a request from the values of its identity source header (none, one, or more
     * than one) and the scopes its route names (empty: any valid token will do).
     */
    Verdict authorize(List<String> headerValues, List<String> routeScopes) {
        List<String> given = headerValues == null ? List.of() : headerValues.stream().filter(v -> !v.isBlank()).toList();
        if (given.isEmpty()) {
            return new Refused(401, "Unauthorized", "this route needs an access token: send Authorization: Bearer <token>",
                    "Bearer realm=\"" + REALM + "\"");
        }
        if (given.size() > 1) {
            return invalid("the request has more than one " + configuration.identityHeader() + " header");
        }
        String token = bearerToken(given.get(0).strip());
        if (token.isEmpty()) {
            return invalid("the Authorization header has no token after Bearer");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            return invalid("the access token is too long");
        }
        try {
            return check(token, routeScopes);
        } catch (RuntimeException unforeseen) {
            // The JOSE library answers some malformed input with an unchecked exception (a header
            // that is the JSON literal null gives a NullPointerException): still a bad token, never a 500.
            return invalid("the access token is not a well-formed JWT");
        }
    }

    private Verdict check(String token, List<String> routeScopes) {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException malformed) {
            return invalid("the access token is not a well-formed JWT");
        }
        if (!(parsed instanceof SignedJWT jwt) || !JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return invalid("the access token is not signed with RS256");
        }
        String keyId = jwt.getHeader().getKeyID();
        JWSVerifier verifier = keyId == null ? null : verifiers.get(keyId);
        if (verifier == null) {
            return invalid("the access token's key id (kid) names none of the issuer's keys");
        }
        try {
            if (!jwt.verify(verifier)) {
                return invalid("the access token's signature is not valid");
            }
        } catch (JOSEException cannotVerify) {
            return invalid("the access token's signature is not valid");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException malformed) {
            return invalid("the access token's claims are not a valid JWT claims set");
        }
        if (!configuration.issuer().equals(claims.getIssuer())) {
            return invalid("the access token is from another issuer");
        }
        if (!forAnAudience(claims)) {
            return invalid("the access token is not for this API's audience");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            return invalid("the access token has no expiry (exp)");
        }
        if (now.isAfter(expires.toInstant().plus(CLOCK_SKEW))) {
            return invalid("the access token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            return invalid("the access token is not valid yet (nbf)");
        }
        Date issued = claims.getIssueTime();
        if (issued != null && issued.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            return invalid("the access token was issued in the future (iat)");
        }
        List<String> scopes = scopes(claims);
        if (!routeScopes.isEmpty() && Collections.disjoint(routeScopes, scopes)) {
            String needed = String.join(" ", routeScopes);
            return new Refused(403, "Forbidden", "this route needs one of the scopes: " + String.join(", ", routeScopes),
                    "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", scope=\"" + needed + "\"");
        }
        return new Allowed(claimStrings(claims.toJSONObject()), scopes.isEmpty() ? null : scopes);
    }

    /** The token of {@code Bearer <token>} (the scheme in any case), or the whole value when it is bare. */
    private static String bearerToken(String value) {
        if (value.length() >= 6 && value.substring(0, 6).equalsIgnoreCase("bearer")) {
            if (value.length() == 6) {
                return "";
            }
            if (value.charAt(6) == ' ') {
                return value.substring(7).strip();
            }
        }
        return value;
    }

    /** Its aud names one of the audiences; a token without aud is judged by its client_id, as AWS does. */
    private boolean forAnAudience(JWTClaimsSet claims) {
        List<String> audience = claims.getAudience();
        if (!audience.isEmpty()) {
            return audience.stream().anyMatch(configuration.audiences()::contains);
        }
        return claims.getClaim("client_id") instanceof String clientId && configuration.audiences().contains(clientId);
    }

    /** The token's scopes: its {@code scope} claim (space-separated), else its {@code scp} (an array, or a string). */
    static List<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (scope == null) {
            scope = claims.getClaim("scp");
        }
        List<String> scopes = new ArrayList<>();
        if (scope instanceof String spaced) {
            for (String s : spaced.split(" ")) {
                if (!s.isEmpty() && !scopes.contains(s)) {
                    scopes.add(s);
                }
            }
        } else if (scope instanceof List<?> list) {
            for (Object s : list) {
                if (s instanceof String name && !name.isEmpty() && !scopes.contains(name)) {
                    scopes.add(name);
                }
            }
        }
        return List.copyOf(scopes);
    }

    /**
     * Claims as API Gateway hands them to a function: every value a string. Numbers are written
     * in decimal, booleans as true or false, and an array as its items inside brackets, separated
     * by spaces ({@code "[stockroom other]"}), as API Gateway renders a multi-valued aud or groups
     * claim. AWS documents no form for an object claim; here it is its JSON text. A null claim is
     * left out.
     */
    static Map<String, String> claimStrings(Map<String, Object> claims) {
        Map<String, String> strings = new LinkedHashMap<>();
        claims.forEach((name, value) -> {
            if (value != null) {
                strings.put(name, claimString(value));
            }
        });
        return strings;
    }

    private static String claimString(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(item == null ? "null" : claimString(item)));
            return "[" + String.join(" ", items) + "]";
        }
        if (value instanceof Map<?, ?> object) {
            return Json.write(object);
        }
        return String.valueOf(value);
    }

    private static Refused invalid(String why) {
        return new Refused(401, "Unauthorized", why,
                "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"" + why + "\"");
    }
}
