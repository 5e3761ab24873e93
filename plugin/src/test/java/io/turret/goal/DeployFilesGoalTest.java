package io.turret.goal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.turret.deploy.DeployedService;
import io.turret.failure.UserFailure;
import io.turret.image.ImageNaming;
import io.turret.image.Suffix;
import io.turret.itest.TestContainerSpec;
import io.turret.oci.Digest;
import io.turret.tagging.ReleaseJournal;
import io.turret.tagging.TagStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeployFilesGoalTest {
    private static final Digest API = new Digest("a".repeat(64));
    private static final Digest WORKER = new Digest("b".repeat(64));

    private final Map<String, Digest> tags = new HashMap<>();
    private Optional<ReleaseJournal> journal = Optional.empty();

    /** The registry's tags and journal, read only. */
    private final TagStore registry = new TagStore() {
        @Override
        public Optional<Digest> tagged(String repository, String tag) {
            return Optional.ofNullable(tags.get(repository + ":" + tag));
        }

        @Override
        public boolean hasManifest(String repository, Digest digest) {
            throw new UnsupportedOperationException("deploy-files only reads tags");
        }

        @Override
        public void tag(String repository, String tag, Digest digest) {
            throw new UnsupportedOperationException("deploy-files only reads tags");
        }

        @Override
        public boolean untag(String repository, String tag) {
            throw new UnsupportedOperationException("deploy-files only reads tags");
        }

        @Override
        public Optional<ReleaseJournal> journal(String suffix) {
            return journal;
        }

        @Override
        public void writeJournal(ReleaseJournal written) {
            throw new UnsupportedOperationException("deploy-files only reads tags");
        }

        @Override
        public String journalReference(String suffix) {
            return "registry.example:5000/shop/turret-releases:" + suffix;
        }
    };

    private static DeployFilesGoal goal() {
        Map<String, String> repositories = new LinkedHashMap<>();
        repositories.put("api", "shop/api");
        repositories.put("worker", "shop/worker");
        return new DeployFilesGoal(new ImageNaming("registry.example:5000", "shop", new Suffix("production")), repositories,
                List.of(new TestContainerSpec(null, "api", null, List.of(), Map.of(), null, List.of(8080), null, null, List.of())));
    }

    @Test
    void everyServiceIsPinnedByTheDigestItsSuffixTagPointsAt() {
        tags.put("shop/api:production", API);
        tags.put("shop/worker:production", WORKER);
        tags.put("shop/api:integration", WORKER);

        List<DeployedService> services = goal().deployment(registry).services();

        assertEquals(List.of("registry.example:5000/shop/api@" + API, "registry.example:5000/shop/worker@" + WORKER),
                services.stream().map(DeployedService::image).toList());
    }

    @Test
    void aSuffixWithoutItsTagsIsRefusedInOneLineNamingIt() {
        tags.put("shop/api:production", API);

        UserFailure refused = assertThrows(UserFailure.class, () -> goal().deployment(registry));

        assertEquals("No release of the suffix production in registry.example:5000 (no tag shop/worker:production); release it"
                + " (turret:release -Dsuffix=production) or promote one to it (turret:promote -Dfrom=SUFFIX"
                + " -Dsuffix=production) first.", refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
    }

    @Test
    void aReleaseOfTheSuffixStillMovingItsTagsIsRefused() {
        tags.put("shop/api:production", API);
        tags.put("shop/worker:production", WORKER);
        journal = Optional.of(new ReleaseJournal("20261207-130000-abcd", "production", ReleaseJournal.State.MOVING, List.of(),
                Optional.empty()));

        UserFailure refused = assertThrows(UserFailure.class, () -> goal().deployment(registry));

        assertEquals(true, refused.getMessage().startsWith("A release of the suffix production in registry.example:5000 is"
                + " unfinished"), refused.getMessage());
    }
}
