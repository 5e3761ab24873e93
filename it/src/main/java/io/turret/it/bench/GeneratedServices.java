package io.turret.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The many-services scenario's services (issue 23): {@link #COUNT} small Go commands in the sample's Go module
 * ({@code go/cmd/gen01/} ...), so the one Go builder vets, tests and compiles them with the rest; each listens on
 * port 8080, logs "NAME serving on ..." and answers a connection with its name. A lane adds them to its copy with
 * what its contender needs to release them (Turret: a service and a test container each in the pom; fabric8: an image
 * each in its pom; every lane: the list {@link #LIST} that the script reads, and fabric8's lane runs the script's build
 * step) and removes them again for the scenarios of the plain sample.
 */
final class GeneratedServices {
    static final int COUNT = 20;
    /** The one the scenario changes. */
    static final String CHANGED = "gen01";
    /** The file in the copy that names them, one a line: the script releases these too. */
    static final String LIST = "generated-services";
    private static final String SERVICES_END = "</services>";
    private static final String CONTAINERS_END = "</testContainers>";
    /** Where fabric8's pom gets their images: before the runner's, so that they start before it. */
    private static final String FABRIC8_RUNNER = "<!-- The Go integration runner";

    private GeneratedServices() {
    }

    static List<String> names() {
        return IntStream.rangeClosed(1, COUNT).mapToObj("gen%02d"::formatted).toList();
    }

    /** Where the service's source is in the copy. */
    static String source(String name) {
        return "go/cmd/" + name + "/main.go";
    }

    /** Writes the services into the copy, and for a Maven lane into its pom. */
    static void add(Path project, Contender contender) throws IOException {
        for (String name : names()) {
            Path main = project.resolve(source(name));
            Files.createDirectories(main.getParent());
            Files.writeString(main, goSource(name));
        }
        Files.writeString(project.resolve(LIST), String.join("\n", names()) + "\n");
        Path pom = project.resolve("pom.xml");
        if (contender.turret()) {
            Files.writeString(pom, withTurretServices(Files.readString(pom)));
        } else if (contender == Contender.FABRIC8) {
            Files.writeString(pom, withFabric8Images(Files.readString(pom)));
        }
    }

    /** Takes them out of the copy again: the plain sample. */
    static void remove(Path project, Contender contender) throws IOException {
        for (String name : names()) {
            Lane.deleteRecursively(project.resolve(source(name)).getParent());
        }
        Files.deleteIfExists(project.resolve(LIST));
        Path pom = project.resolve("pom.xml");
        if (contender.turret()) {
            Files.writeString(pom, withoutTurretServices(Files.readString(pom)));
        } else if (contender == Contender.FABRIC8) {
            Files.writeString(pom, withoutFabric8Images(Files.readString(pom)));
        }
    }

    /** fabric8's pom (bench/fabric8/pom.xml) with an image per generated service, as the script builds and runs it. */
    static String withFabric8Images(String pom) {
        int runner = pom.indexOf(FABRIC8_RUNNER);
        if (runner < 0) {
            throw new IllegalStateException("The benchmark found no '" + FABRIC8_RUNNER + "' in fabric8's pom");
        }
        return pom.substring(0, runner) + fabric8Images() + pom.substring(runner);
    }

    static String withoutFabric8Images(String pom) {
        return pom.replace(fabric8Images() + FABRIC8_RUNNER, FABRIC8_RUNNER);
    }

    private static String fabric8Images() {
        return names().stream().map(name -> """
                <image>
                  <alias>%1$s</alias>
                  <name>${bench.registry}/${bench.namespace}/%1$s:${suffix}</name>
                  <build>
                    <contextDir>${project.basedir}/target/context/%1$s</contextDir>
                    <dockerFile>${project.basedir}/docker/generated.Dockerfile</dockerFile>
                  </build>
                  <run>
                    <network>
                      <mode>custom</mode>
                      <name>${bench.network}</name>
                      <alias>%1$s</alias>
                    </network>
                    <wait>
                      <log>%1$s serving on</log>
                      <time>30000</time>
                    </wait>
                  </run>
                </image>
                """.formatted(name)).collect(Collectors.joining("", "<!-- the benchmark's generated services -->\n", ""));
    }

    /** The sample's pom with a {@code <service>} per generated service and a test container for each. */
    static String withTurretServices(String pom) {
        int services = pom.indexOf(SERVICES_END);
        int containers = pom.lastIndexOf(CONTAINERS_END); // the main build's: the etcd profile has its own before it
        if (services < 0 || containers < services) {
            throw new IllegalStateException("The benchmark found no <services> followed by <testContainers> in the sample's pom");
        }
        return pom.substring(0, services) + turretServices() + pom.substring(services, containers) + turretContainers()
                + pom.substring(containers);
    }

    static String withoutTurretServices(String pom) {
        return pom.replace(turretServices() + SERVICES_END, SERVICES_END).replace(turretContainers() + CONTAINERS_END,
                CONTAINERS_END);
    }

    private static String turretServices() {
        return names().stream().map(name -> """
                <service>
                  <name>%s</name>
                  <base>scratch</base>
                  <layers>
                    <layer>
                      <builder>go</builder>
                      <path>%s</path>
                      <into>/service</into>
                    </layer>
                  </layers>
                  <entrypoint>
                    <arg>/service</arg>
                  </entrypoint>
                  <ports>
                    <port>8080</port>
                  </ports>
                  <user>65532:65532</user>
                </service>
                """.formatted(name, name)).collect(Collectors.joining("", "<!-- the benchmark's generated services -->\n", ""));
    }

    private static String turretContainers() {
        return names().stream().map(name -> """
                <container>
                  <service>%s</service>
                  <waitFor>
                    <log>%s serving on</log>
                  </waitFor>
                </container>
                """.formatted(name, name)).collect(Collectors.joining("", "<!-- the benchmark's generated services -->\n", ""));
    }

    private static String goSource(String name) {
        return """
                // Command %1$s is one of the services the benchmark generates for its many-services scenario: it
                // listens on :8080, answers each connection with its name, and stops on SIGTERM or SIGINT.
                package main

                import (
                \t"fmt"
                \t"log"
                \t"net"
                \t"os"
                \t"os/signal"
                \t"syscall"
                )

                func main() {
                \tlistener, err := net.Listen("tcp", ":8080")
                \tif err != nil {
                \t\tlog.Fatal(err)
                \t}
                \t// The test environment waits for this line.
                \tlog.Printf("%1$s serving on %%s", listener.Addr())
                \tgo func() {
                \t\tfor {
                \t\t\tconn, err := listener.Accept()
                \t\t\tif err != nil {
                \t\t\t\treturn
                \t\t\t}
                \t\t\tfmt.Fprintln(conn, "%1$s")
                \t\t\tconn.Close()
                \t\t}
                \t}()
                \tsignals := make(chan os.Signal, 1)
                \tsignal.Notify(signals, syscall.SIGTERM, os.Interrupt)
                \t<-signals
                }
                """.formatted(name);
    }
}
