package io.turret.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code systemd/NAMESPACE-SERVICE.service}: one unit per service that runs its image by digest with
 * the engine, on a network named after the namespace where the others reach it by its alias, restarted
 * always. The variables come from {@code EnvironmentFile=/etc/turret/NAMESPACE.env} (the same
 * {@code NAME=value} lines as compose's {@code .env}); every value goes to the container by name
 * ({@code -e NAME}), so none is on the engine's command line.
 */
public final class SystemdUnit {
    public static final String FOLDER = "systemd";

    private SystemdUnit() {
    }

    /** {@code NAMESPACE-SERVICE}: the unit's name without {@code .service}, and its container's name. */
    public static String unitName(Deployment deployment, DeployedService service) {
        return deployment.prefix() + "-" + service.name();
    }

    public static String fileName(Deployment deployment, DeployedService service) {
        return unitName(deployment, service) + ".service";
    }

    public static String environmentFile(Deployment deployment) {
        return "/etc/turret/" + deployment.prefix() + ".env";
    }

    public static String render(Deployment deployment, DeployedService service) {
        String container = unitName(deployment, service);
        String network = deployment.prefix();
        List<String> after = new ArrayList<>(List.of("docker.service", "network-online.target"));
        List<String> wants = new ArrayList<>(List.of("network-online.target"));
        service.dependsOn().forEach(other -> {
            after.add(deployment.prefix() + "-" + other + ".service");
            wants.add(deployment.prefix() + "-" + other + ".service");
        });
        StringBuilder unit = new StringBuilder();
        unit.append("# Written by turret:deploy-files: ").append(service.name()).append(" of the release ")
                .append(deployment.suffix()).append(", pinned by digest.\n");
        unit.append("[Unit]\n");
        unit.append("Description=").append(container).append(" (").append(deployment.suffix()).append(")\n");
        unit.append("Requires=docker.service\n");
        unit.append("After=").append(String.join(" ", after)).append('\n');
        unit.append("Wants=").append(String.join(" ", wants)).append("\n\n");
        unit.append("[Service]\n");
        boolean variables = service.environment().stream().anyMatch(Setting::isVariable) || !service.ports().isEmpty();
        if (variables) {
            unit.append("EnvironmentFile=").append(environmentFile(deployment)).append('\n');
        }
        for (Setting setting : service.environment()) {
            setting.constant().ifPresent(value -> unit.append("Environment=")
                    .append(Quoting.systemd(setting.name() + "=" + value, false)).append('\n'));
        }
        unit.append("TimeoutStartSec=0\n");
        unit.append("ExecStartPre=-docker rm -f ").append(container).append('\n');
        unit.append("ExecStartPre=-docker network create ").append(network).append('\n');
        unit.append("ExecStartPre=docker pull ").append(Quoting.systemd(service.image(), true)).append('\n');
        List<String> run = new ArrayList<>(List.of("docker", "run", "--rm", "--name", container, "--network", network,
                "--network-alias", Quoting.systemd(service.alias(), true)));
        for (Setting setting : service.environment()) {
            run.add("-e");
            run.add(Quoting.systemd(setting.name(), true));
        }
        for (Published port : service.ports()) {
            run.add("-p");
            run.add("${" + port.variable() + "}:" + port.containerPort());
        }
        run.add(Quoting.systemd(service.image(), true));
        service.command().forEach(argument -> run.add(Quoting.systemd(argument, true)));
        unit.append("ExecStart=").append(String.join(" ", run)).append('\n');
        unit.append("ExecStop=docker stop ").append(container).append('\n');
        unit.append("Restart=always\nRestartSec=5\n\n");
        unit.append("[Install]\nWantedBy=multi-user.target\n");
        return unit.toString();
    }
}
