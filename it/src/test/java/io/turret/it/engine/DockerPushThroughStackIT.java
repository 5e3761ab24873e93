package io.turret.it.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import io.turret.it.stack.RegistryStack;
import io.turret.it.stack.RegistryStackExtension;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The engine trusts the stack's CA through /etc/docker/certs.d, as users set it up, and pushes into S3. */
@ExtendWith(RegistryStackExtension.class)
class DockerPushThroughStackIT {

    @Test
    void theEnginePushesThroughNginxIntoTheBucket(RegistryStack stack, DockerClient docker) throws Exception {
        String repository = stack.address() + "/it/tiny";
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        RegistryStackExtension.engine().importImage(new ByteArrayInputStream(TinyImage.rootFileSystem()), repository, tag);
        try {
            List<PushResponseItem> items = new ArrayList<>();
            docker.pushImageCmd(repository).withTag(tag)
                    .withAuthConfig(new AuthConfig().withRegistryAddress(stack.address())
                            .withUsername(stack.username()).withPassword(stack.password()))
                    .exec(new ResultCallback.Adapter<PushResponseItem>() {
                        @Override
                        public void onNext(PushResponseItem item) {
                            items.add(item);
                        }
                    }).awaitCompletion(2, TimeUnit.MINUTES);

            assertNull(items.stream().filter(PushResponseItem::isErrorIndicated).map(item -> item.getErrorDetail().getMessage())
                    .findFirst().orElse(null), "push errors");
            String tagLink = stack.storagePrefix() + "repositories/it/tiny/_manifests/tags/" + tag + "/current/link";
            String link = stack.s3().client().getObjectAsBytes(r -> r.bucket(stack.bucket()).key(tagLink)).asUtf8String();
            assertTrue(link.startsWith("sha256:"), link);
        } finally {
            docker.removeImageCmd(repository + ":" + tag).withForce(true).exec();
        }
    }

    @Test
    void withoutCredentialsTheEngineIsRefusedAndNothingIsStored(RegistryStack stack, DockerClient docker) throws Exception {
        String repository = stack.address() + "/it/refused";
        RegistryStackExtension.engine().importImage(new ByteArrayInputStream(TinyImage.rootFileSystem()), repository, "t");
        try {
            List<PushResponseItem> items = new ArrayList<>();
            docker.pushImageCmd(repository).withTag("t")
                    .exec(new ResultCallback.Adapter<PushResponseItem>() {
                        @Override
                        public void onNext(PushResponseItem item) {
                            items.add(item);
                        }
                    }).awaitCompletion(2, TimeUnit.MINUTES);

            assertTrue(items.stream().anyMatch(PushResponseItem::isErrorIndicated), "the push failed");
            String tagLink = stack.storagePrefix() + "repositories/it/refused/_manifests/tags/t/current/link";
            assertFalse(exists(stack, tagLink));
        } finally {
            docker.removeImageCmd(repository + ":t").withForce(true).exec();
        }
    }

    private static boolean exists(RegistryStack stack, String key) {
        try {
            stack.s3().client().headObject(r -> r.bucket(stack.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            assertEquals(404, e.statusCode());
            return false;
        }
    }
}
