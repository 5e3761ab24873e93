package io.turret.docker;

import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.report.Log;

/** Makes sure the engine has the image a container needs: pulled, with its registry's credential, when missing. */
public final class ImagePull {
    private ImagePull() {
    }

    /**
     * @param where the configuration element that names the image, for messages: {@code <builder> 'go': }
     * @param name what log lines start with: the builder's or container's name
     */
    public static void ensure(DockerAccess docker, String image, String where, String name, Log log) {
        if (docker.hasImage(image)) {
            return;
        }
        log.info("[" + name + "] pulling " + image);
        try {
            docker.pullImage(image);
        } catch (EnvironmentFailure | UserFailure e) {
            throw new UserFailure(where + "the image " + image + " is not in the Docker engine and could not be pulled ("
                    + e.getMessage() + "); build or load it first, or fix <image>.", e);
        }
    }
}
