package io.turret.maven.mojo;

/** The user properties Turret reads, in one place. */
final class Properties {
    static final String SKIP = "turret.skip";
    static final String BUILD_SKIP = "turret.build.skip";
    static final String THREADS = "turret.threads";

    private Properties() {
    }
}
