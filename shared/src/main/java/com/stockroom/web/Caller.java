package com.stockroom.web;

import com.stockroom.common.Actor;
import java.util.Optional;
import java.util.Set;

/**
 * The caller API Gateway's JWT authorizer verified: the token's subject, the client it was
 * issued to, and its scopes. The functions never verify a token themselves; they trust what the
 * authorizer put in the request context, and refuse a request that carries none.
 */
public record Caller(String subject, Optional<String> clientId, Set<String> scopes) {

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    public Actor actor() {
        return new Actor(subject, clientId);
    }
}
