package com.stockroom.local.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * A function's own class archive, made by a training run and mapped in by every start after it:
 * on JDK 25 and later an AOT cache ({@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}: classes
 * loaded and linked ahead of time, with method profiles), before that a dynamic AppCDS archive
 * ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}). Either is used only by
 * the very JVM build that made it with the same class path; any other JVM warns and starts
 * without it, so a stale archive costs nothing but its benefit.
 */
public record ClassArchive(int javaFeature) {

    /** The archive kind for a {@code java.version} such as {@code 17.0.13} or {@code 25}. */
    public static ClassArchive forJavaVersion(String javaVersion) {
        String feature = javaVersion.strip().split("[.+\\-]")[0];
        return new ClassArchive(Integer.parseInt(feature));
    }

    public boolean aotCache() {
        return javaFeature >= 25;
    }

    public String extension() {
        return aotCache() ? ".aot" : ".jsa";
    }

    /** The options of the training run that writes the archive to {@code file}. */
    public List<String> training(Path file) {
        return aotCache() ? List.of("-XX:AOTCacheOutput=" + file) : List.of("-XX:ArchiveClassesAtExit=" + file);
    }

    /** The options of a start that maps the archive in. */
    public List<String> use(Path file) {
        return aotCache() ? List.of("-XX:AOTCache=" + file) : List.of("-XX:SharedArchiveFile=" + file);
    }

    public String describe() {
        return aotCache() ? "its JDK " + javaFeature + " AOT cache (-XX:AOTCache)"
                : "its dynamic AppCDS archive (-XX:SharedArchiveFile), JDK " + javaFeature;
    }
}
