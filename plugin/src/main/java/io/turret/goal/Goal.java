package io.turret.goal;

/** One of Turret's goals, in plain Java: its configuration given when it is made, its run's shared parts when it runs. */
@FunctionalInterface
public interface Goal {
    void run(RunContext context);
}
