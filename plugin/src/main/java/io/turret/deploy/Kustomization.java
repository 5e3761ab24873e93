package io.turret.deploy;

/**
 * {@code kustomization.yaml}: an {@code images:} entry per service that pins the image the team's own
 * Kubernetes manifests name ({@code REGISTRY/NAMESPACE/SERVICE}) to the release's digest. A team lays it
 * over its manifests by adding them to {@code resources:}, or by naming this folder in its own kustomization.
 */
public final class Kustomization {
    public static final String NAME = "kustomization.yaml";

    private Kustomization() {
    }

    public static String render(Deployment deployment) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Written by turret:deploy-files: the release ").append(deployment.suffix())
                .append(", every image pinned by digest.\n");
        yaml.append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n");
        for (DeployedService service : deployment.services()) {
            yaml.append("  - name: ").append(Quoting.yaml(service.repository())).append('\n');
            yaml.append("    newName: ").append(Quoting.yaml(service.repository())).append('\n');
            yaml.append("    digest: ").append(Quoting.yaml(service.digest().toString())).append('\n');
        }
        return yaml.toString();
    }
}
