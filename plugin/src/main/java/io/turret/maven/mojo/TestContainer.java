package io.turret.maven.mojo;

import java.util.List;
import java.util.Map;

/** A {@code <container>} of {@code <testContainers>}, as Maven fills it; it becomes an {@link io.turret.itest.TestContainerSpec}. */
public class TestContainer {
    /** Names the container; the service's name by default. */
    String name;

    /** One of the {@code <services>}: the container runs the very image turret:assemble made for it. */
    String service;

    /** Or any image in the engine (e.g. a Redis image). */
    String image;

    /** The command, as separate arguments; the image's own by default. */
    List<String> command = List.of();

    /** Environment variables, added to the image's. */
    Map<String, String> environment = Map.of();

    /** The name the other containers reach it by on the test network; its name by default. */
    String alias;

    /** Container ports published on free ports of 127.0.0.1; the first is {@code turret.NAME.port}. */
    List<String> ports = List.of();

    /** What it waits for before it counts as up; only that it runs by default. */
    Wait waitFor;

    /** Names of the containers that must be up before it starts. */
    List<String> dependsOn = List.of();
}
