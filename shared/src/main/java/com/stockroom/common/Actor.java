package com.stockroom.common;

import java.util.Objects;
import java.util.Optional;

/**
 * Who made a change: the verified subject of the caller's access token and the client
 * (application) it came through, or one of the service's own components for the changes it
 * makes by itself (a payment result, a payment timeout).
 */
public record Actor(String subject, Optional<String> clientId) {

    /** What the log says of changes written before it recorded who made them. */
    public static final Actor UNRECORDED = new Actor("unrecorded", Optional.empty());

    public Actor {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("an actor needs a subject");
        }
    }

    /** One of the service's own components, acting on its own account. */
    public static Actor service(String component) {
        return new Actor("stockroom:" + component, Optional.empty());
    }
}
