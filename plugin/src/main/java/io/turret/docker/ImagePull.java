package io.turret.docker;

import io.turret.failure.EnvironmentFailure;
import io.turret.failure.Interrupted;
import io.turret.failure.UserFailure;
import io.turret.report.Log;

/** Makes sure the engine has the image a container needs: pulled, with its registry's credential, when missing. */
public final class ImagePull {
    private ImagePull() {
    }

    /**
     * A pull that fails stays what it was: the user's to fix (a refused credential, no such image)
     * or the environment's (a registry that cannot be reached), told with {@code where}.
     *
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
        } catch (Interrupted e) {
            throw e;
        } catch (UserFailure e) {
            throw new UserFailure(where, notPulled(image, e), e);
        } catch (EnvironmentFailure e) {
            throw new EnvironmentFailure(where, notPulled(image, e), e);
        }
    }

    private static String notPulled(String image, RuntimeException failure) {
        return "the image " + image + " is not in the Docker engine and could not be pulled (" + why(failure)
                + "); build or load it first, or fix <image>.";
    }

    /** The engine's own words when it was the engine that failed; the whole message otherwise. */
    private static String why(RuntimeException failure) {
        return failure instanceof EngineSaid ? "the Docker engine said: " + EngineSaid.words(failure) : failure.getMessage();
    }
}
