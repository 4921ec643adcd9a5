package com.stockroom.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The local stack's own token issuer: an RSA key pair made at start-up (so no token outlives the
 * stack that signed it) and the access tokens it signs with it, RS256, for the API's audience.
 * What a deployed stack gets from its identity provider (Cognito, Auth0 ...), the local one gets
 * from here; {@link JwtAuthorizer} checks these tokens exactly as it would check theirs.
 */
final class LocalIssuer {

    /** Access tokens live an hour, as Elastic Path's do. */
    static final Duration LIFETIME = Duration.ofHours(1);

    private final String issuer;
    private final String audience;
    private final RSAKey key;
    private final RSASSASigner signer;
    private final Clock clock;

    LocalIssuer(String issuer, String audience, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
        try {
            this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            this.signer = new RSASSASigner(key);
        } catch (JOSEException cannotMakeKey) {
            throw new IllegalStateException("cannot make the local issuer's RSA key", cannotMakeKey);
        }
    }

    /** The issuer URL, which tokens carry as {@code iss} and the authorizer expects. */
    String issuer() {
        return issuer;
    }

    String audience() {
        return audience;
    }

    String keyId() {
        return key.getKeyID();
    }

    /** The public half of the signing key, as a JSON Web Key Set. */
    JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** A fresh access token for a subject and client with these scopes, valid for an hour. */
    Token mint(String subject, String clientId, List<String> scopes) {
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return new Token(sign(claims), expires);
    }

    /**
     * Signs any claims at all with the issuer's real key and key id: what a test needs to make a
     * token that is well signed and wrong in one other way (expired, another audience ...).
     */
    String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException cannotSign) {
            throw new IllegalStateException("cannot sign a token", cannotSign);
        }
        return jwt.serialize();
    }

    /** A signed access token and when it expires. */
    record Token(String accessToken, Instant expires) {
    }
}
