package io.turret.it.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one command in a labelled container to its end and removes the container, for tests. */
final class OneShotContainer {
    static final Map<String, String> LABELS = Map.of("io.turret.run", "it-tests", "io.turret.project", "turret-it");

    record Result(int exitCode, String output) {
    }

    private OneShotContainer() {
    }

    static Result run(DockerClient docker, String image, String... command) throws InterruptedException {
        String id = docker.createContainerCmd(image).withCmd(command).withLabels(LABELS).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int exit = docker.waitContainerCmd(id).start().awaitStatusCode(2, TimeUnit.MINUTES);
            StringBuilder output = new StringBuilder();
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    output.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }).awaitCompletion(30, TimeUnit.SECONDS);
            return new Result(exit, output.toString());
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }
}
