package com.stockroom.local.bench;

/** The benchmark's baseline: a bare JVM that prints one line (its Java version) and exits. */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println(System.getProperty("java.version"));
    }
}
