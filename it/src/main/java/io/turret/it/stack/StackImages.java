package io.turret.it.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Puts an image of the engine into a stack's registry, and only there, for tests that pull it. */
public final class StackImages {
    private StackImages() {
    }

    /**
     * Pushes the engine's {@code source} to {@code stack} as {@code REPOSITORY:TAG} (with the stack's
     * credential), then removes that name from the engine, so that only the registry has it.
     *
     * @return the pushed image's reference, {@code ADDRESS/REPOSITORY:TAG}
     */
    public static String pushOnlyTo(RegistryStack stack, DockerClient docker, String source, String repository, String tag)
            throws InterruptedException {
        return pushOnlyTo(stack.address(), stack.username(), stack.password(), docker, source, repository, tag);
    }

    /** As {@link #pushOnlyTo(RegistryStack, DockerClient, String, String, String)}, to any registry the engine trusts. */
    public static String pushOnlyTo(String address, String username, String password, DockerClient docker, String source,
            String repository, String tag) throws InterruptedException {
        String named = address + "/" + repository;
        docker.tagImageCmd(source, named, tag).exec();
        List<PushResponseItem> pushed = new ArrayList<>();
        docker.pushImageCmd(named).withTag(tag).withAuthConfig(new AuthConfig().withRegistryAddress(address)
                .withUsername(username).withPassword(password))
                .exec(new ResultCallback.Adapter<PushResponseItem>() {
                    @Override
                    public void onNext(PushResponseItem item) {
                        pushed.add(item);
                    }
                }).awaitCompletion(5, TimeUnit.MINUTES);
        List<String> errors = pushed.stream().filter(PushResponseItem::isErrorIndicated)
                .map(item -> item.getErrorDetail() == null ? item.toString() : item.getErrorDetail().getMessage())
                .toList();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Pushing " + named + ":" + tag + " failed: " + errors);
        }
        docker.removeImageCmd(named + ":" + tag).exec();
        try {
            docker.inspectImageCmd(named + ":" + tag).exec();
            throw new IllegalStateException("The engine still has " + named + ":" + tag);
        } catch (NotFoundException expected) {
            return named + ":" + tag;
        }
    }
}
