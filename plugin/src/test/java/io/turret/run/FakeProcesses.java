package io.turret.run;

import java.util.HashSet;
import java.util.Set;

/** A process table that holds exactly the owners a test says are running. */
public final class FakeProcesses implements ProcessTable {
    private final Set<Owner> running = new HashSet<>();

    public FakeProcesses running(Owner owner) {
        running.add(owner);
        return this;
    }

    @Override
    public boolean alive(Owner owner) {
        return running.contains(owner);
    }
}
