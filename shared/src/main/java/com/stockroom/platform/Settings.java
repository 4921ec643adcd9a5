package com.stockroom.platform;

import com.stockroom.common.Telemetry;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A function's configuration, read from its environment: what Lambda sets, what template.yaml
 * adds, and the standard AWS endpoint overrides that point it at an emulator.
 */
public final class Settings {

    private final Map<String, String> environment;

    public Settings(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException("environment variable " + name + " is not set"));
    }

    public String region() {
        return get("AWS_REGION").or(() -> get("AWS_DEFAULT_REGION")).orElse("us-east-1");
    }

    /** The endpoint for one service ({@code DYNAMODB}, {@code SQS}), if overridden as the AWS SDKs read it. */
    public Optional<URI> endpoint(String service) {
        return get("AWS_ENDPOINT_URL_" + service).or(() -> get("AWS_ENDPOINT_URL")).map(URI::create);
    }

    public Optional<String> accessKeyId() {
        return get("AWS_ACCESS_KEY_ID");
    }

    public Optional<String> secretAccessKey() {
        return get("AWS_SECRET_ACCESS_KEY");
    }

    public Optional<String> sessionToken() {
        return get("AWS_SESSION_TOKEN");
    }

    /**
     * How the function logs: its name, and the lowest level it writes, which Lambda sets from
     * the template's {@code LoggingConfig.ApplicationLogLevel} (INFO when it sets none).
     */
    public Telemetry.Function logging() {
        return Telemetry.function(get("AWS_LAMBDA_FUNCTION_NAME"), get("AWS_LAMBDA_LOG_LEVEL"));
    }

    public String stockTable() {
        return require("STOCK_TABLE");
    }

    public String stockHistoryTable() {
        return require("STOCK_HISTORY_TABLE");
    }
}
