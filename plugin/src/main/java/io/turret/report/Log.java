package io.turret.report;

/** Where Turret's core writes what a person reads; the Maven layer passes Maven's log. */
public interface Log {
    void info(String line);

    void warn(String line);

    void debug(String line);

    /** A log that drops everything, for callers that have no reader. */
    static Log silent() {
        return new Log() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
            }

            @Override
            public void debug(String line) {
            }
        };
    }
}
