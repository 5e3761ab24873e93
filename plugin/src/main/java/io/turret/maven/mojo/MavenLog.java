package io.turret.maven.mojo;

import io.turret.report.Log;

/** Turret's log interface onto Maven's. */
final class MavenLog implements Log {
    private final org.apache.maven.plugin.logging.Log maven;

    MavenLog(org.apache.maven.plugin.logging.Log maven) {
        this.maven = maven;
    }

    @Override
    public void info(String line) {
        maven.info(line);
    }

    @Override
    public void warn(String line) {
        maven.warn(line);
    }

    @Override
    public void debug(String line) {
        maven.debug(line);
    }
}
