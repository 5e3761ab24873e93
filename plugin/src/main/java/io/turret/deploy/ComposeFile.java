package io.turret.deploy;

import java.util.List;

/**
 * {@code compose.yaml}: one compose service per released service, its image pinned by digest, wired
 * as the integration tests ran it (network alias, command, environment, published ports,
 * {@code depends_on}); read by {@code docker compose} and Debian's {@code docker-compose} 1.29 alike.
 * Every value is quoted, and a copied value has its {@code $} doubled, so compose interpolates only
 * the variables it names.
 */
public final class ComposeFile {
    public static final String NAME = "compose.yaml";

    private ComposeFile() {
    }

    public static String render(Deployment deployment) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Written by turret:deploy-files: the release ").append(deployment.suffix()).append(" of ")
                .append(deployment.registry()).append('/').append(deployment.namespace())
                .append(", every image pinned by digest, wired as the integration tests ran it.\n");
        if (!deployment.variables().isEmpty()) {
            yaml.append("# Give these variables (in .env beside this file, or in the environment): ")
                    .append(String.join(", ", deployment.variables())).append(".\n");
        }
        yaml.append("services:\n");
        for (DeployedService service : deployment.services()) {
            yaml.append("  ").append(Quoting.yaml(service.name())).append(":\n");
            yaml.append("    image: ").append(Quoting.composeLiteral(service.image())).append('\n');
            yaml.append("    restart: always\n");
            if (!service.command().isEmpty()) {
                yaml.append("    command:\n");
                list(yaml, service.command().stream().map(Quoting::composeLiteral).toList());
            }
            if (!service.environment().isEmpty()) {
                yaml.append("    environment:\n");
                for (Setting setting : service.environment()) {
                    yaml.append("      ").append(Quoting.yaml(setting.name())).append(": ").append(setting.constant()
                            .map(Quoting::composeLiteral).orElseGet(() -> Quoting.yaml("${" + setting.name() + "}"))).append('\n');
                }
            }
            if (!service.ports().isEmpty()) {
                yaml.append("    ports:\n");
                list(yaml, service.ports().stream()
                        .map(port -> Quoting.yaml("${" + port.variable() + "}:" + port.containerPort())).toList());
            }
            if (!service.dependsOn().isEmpty()) {
                yaml.append("    depends_on:\n");
                list(yaml, service.dependsOn().stream().map(Quoting::yaml).toList());
            }
            yaml.append("    networks:\n      default:\n        aliases:\n");
            yaml.append("          - ").append(Quoting.yaml(service.alias())).append('\n');
        }
        return yaml.toString();
    }

    private static void list(StringBuilder yaml, List<String> quoted) {
        quoted.forEach(item -> yaml.append("      - ").append(item).append('\n'));
    }
}
