package io.turret.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A log that keeps its info and warning lines, for tests that check what was said; debug lines are dropped. */
public final class RecordingLog implements Log {
    public final List<String> infos = Collections.synchronizedList(new ArrayList<>());
    public final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String line) {
        infos.add(line);
    }

    @Override
    public void warn(String line) {
        warnings.add(line);
    }

    @Override
    public void debug(String line) {
    }
}
