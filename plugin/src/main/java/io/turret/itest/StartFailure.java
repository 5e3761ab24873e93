package io.turret.itest;

import io.turret.failure.UserFailure;
import java.util.List;

/** A test container that did not come up: it exited, or what it waits for did not happen in time. */
public final class StartFailure extends UserFailure {
    private static final long serialVersionUID = 1L;

    StartFailure(String container, String condition, List<String> logTail) {
        super("Test container '" + container + "' " + condition + ". Its last " + logTail.size() + " log lines:\n"
                + String.join("\n", logTail));
    }
}
