package io.turret.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import io.turret.report.Log;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionTest {
    private final RegistryOfTags registry = new RegistryOfTags();
    private final Map<String, String> repositories = new LinkedHashMap<>();

    /** api and worker released as integration (r1), their manifests in the registry; production holds older ones. */
    private void releasedAsIntegration() {
        repositories.put("api", "shop/api");
        repositories.put("worker", "shop/worker");
        for (String service : repositories.keySet()) {
            registry.manifests.add("shop/" + service + "@new-" + service);
            registry.manifests.add("shop/" + service + "@old-" + service);
            registry.tags.put("shop/" + service + ":production", "old-" + service);
        }
        new TagMover(registry, Log.silent()).move("r1", "integration", List.of(
                new TagMove("api", "shop/api", "new-api", Optional.empty()),
                new TagMove("worker", "shop/worker", "new-worker", Optional.empty())));
    }

    @Test
    void movesEveryTagToTheManifestTheReleaseTested() {
        releasedAsIntegration();

        new Promotion(registry, Log.silent()).promote("p1", "integration", "production", repositories);

        assertEquals(Optional.of("new-api"), registry.tagged("shop/api", "production"));
        assertEquals(Optional.of("new-worker"), registry.tagged("shop/worker", "production"));
        assertEquals(ReleaseJournal.State.COMPLETE, registry.journal("production").orElseThrow().state());
    }

    @Test
    void refusesWhenATagMovedSinceTheReleaseAndMovesNothing() {
        releasedAsIntegration();
        registry.manifests.add("shop/worker@hotfix");
        registry.tags.put("shop/worker:integration", "hotfix");

        UserFailure refused = assertThrows(UserFailure.class,
                () -> new Promotion(registry, Log.silent()).promote("p1", "integration", "production", repositories));

        assertTrue(refused.getMessage().contains("worker: shop/worker:integration points at hotfix, release r1 put it on new-worker"),
                refused.getMessage());
        assertEquals(Optional.of("old-api"), registry.tagged("shop/api", "production"));
    }

    @Test
    void refusesWithoutARecordedReleaseOrWithAnUnfinishedOne() {
        repositories.put("api", "shop/api");
        assertTrue(assertThrows(UserFailure.class, () -> new Promotion(registry, Log.silent())
                .promote("p1", "integration", "production", repositories)).getMessage().contains("release it first"));

        registry.writeJournal(new ReleaseJournal("r2", "integration", ReleaseJournal.State.MOVING, List.of()));
        assertTrue(assertThrows(UserFailure.class, () -> new Promotion(registry, Log.silent())
                .promote("p1", "integration", "production", repositories)).getMessage().contains("turret:check -Dsuffix=integration"));
    }

    @Test
    void toAnotherRegistryEachManifestIsBroughtOverBeforeAnyTagMoves() {
        releasedAsIntegration();
        RegistryOfTags other = new RegistryOfTags();
        List<String> broughtOver = new java.util.ArrayList<>();

        new Promotion(registry, other, Log.silent()).promote("p1", "integration", "production", repositories, move -> {
            assertTrue(other.tags.isEmpty(), "no tag moved before every manifest is there");
            other.manifests.add(move.repository() + "@" + move.digest());
            broughtOver.add(move.service());
        });

        assertEquals(List.of("api", "worker"), broughtOver);
        assertEquals(Optional.of("new-api"), other.tagged("shop/api", "production"));
        assertEquals(Optional.of("old-api"), registry.tagged("shop/api", "production"), "the source registry is left alone");
        assertEquals(ReleaseJournal.State.COMPLETE, other.journal("production").orElseThrow().state());
    }
}
