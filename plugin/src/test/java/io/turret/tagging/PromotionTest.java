package io.turret.tagging;

import static io.turret.tagging.Fixtures.LIVE;
import static io.turret.tagging.Fixtures.NOW;
import static io.turret.tagging.Fixtures.R1;
import static io.turret.tagging.Fixtures.R2;
import static io.turret.tagging.Fixtures.d;
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

    private Promotion promotion() {
        return new Promotion(registry, Fixtures.liveness(), Log.silent());
    }

    /** api and worker released as integration (R1), their manifests in the registry; production holds older ones. */
    private void releasedAsIntegration() {
        repositories.put("api", "shop/api");
        repositories.put("worker", "shop/worker");
        for (String service : repositories.keySet()) {
            registry.manifest("shop/" + service, d("new-" + service));
            registry.manifest("shop/" + service, d("old-" + service));
            registry.tags.put("shop/" + service + ":production", d("old-" + service));
        }
        new TagMover(registry, Fixtures.liveness(), Log.silent()).move(R1, "integration", List.of(
                new TagMove("api", "shop/api", d("new-api"), Optional.empty()),
                new TagMove("worker", "shop/worker", d("new-worker"), Optional.empty())));
    }

    @Test
    void movesEveryTagToTheManifestTheReleaseTested() {
        releasedAsIntegration();

        promotion().promote(R2, "integration", "production", repositories);

        assertEquals(Optional.of(d("new-api")), registry.tagged("shop/api", "production"));
        assertEquals(Optional.of(d("new-worker")), registry.tagged("shop/worker", "production"));
        assertEquals(ReleaseJournal.State.COMPLETE, registry.journal("production").orElseThrow().state());
    }

    @Test
    void refusesWhenATagMovedSinceTheReleaseAndMovesNothing() {
        releasedAsIntegration();
        registry.manifest("shop/worker", d("hotfix"));
        registry.tags.put("shop/worker:integration", d("hotfix"));

        UserFailure refused = assertThrows(UserFailure.class,
                () -> promotion().promote(R2, "integration", "production", repositories));

        assertTrue(refused.getMessage().contains("worker: shop/worker:integration points at " + d("hotfix") + ", release " + R1
                + " put it on " + d("new-worker")), refused.getMessage());
        assertEquals(Optional.of(d("old-api")), registry.tagged("shop/api", "production"));
    }

    @Test
    void refusesWithoutARecordedReleaseOrWithAnUnfinishedOne() {
        repositories.put("api", "shop/api");
        assertTrue(assertThrows(UserFailure.class, () -> promotion()
                .promote(R2, "integration", "production", repositories)).getMessage().contains("release it first"));

        registry.writeJournal(new ReleaseJournal(R1, "integration", ReleaseJournal.State.MOVING, List.of(), Optional.empty()));
        assertTrue(assertThrows(UserFailure.class, () -> promotion()
                .promote(R2, "integration", "production", repositories)).getMessage().contains("turret:check -Dsuffix=integration"));
    }

    @Test
    void refusesAReleaseStillInProgressNamingItsRun() {
        repositories.put("api", "shop/api");
        registry.writeJournal(new ReleaseJournal(R1, "integration", ReleaseJournal.State.MOVING, List.of(),
                Optional.of(new Mover(LIVE, NOW))));

        String refused = assertThrows(UserFailure.class, () -> promotion().promote(R2, "integration", "production",
                repositories)).getMessage();

        assertTrue(refused.startsWith("A release of integration (" + R1 + ") is in progress (process 200 on agent-1"), refused);
        assertTrue(refused.endsWith("Promote integration once it has finished."), refused);
    }

    @Test
    void refusesAJournalThatMovesAnotherProjectsRepository() {
        repositories.put("api", "shop/api");
        registry.manifest("other/api", d("evil"));
        registry.tags.put("other/api:integration", d("evil"));
        registry.writeJournal(new ReleaseJournal(R1, "integration", ReleaseJournal.State.COMPLETE,
                List.of(new TagMove("api", "other/api", d("evil"), Optional.empty())), Optional.empty()));
        registry.writes.clear();

        assertThrows(UntrustedJournal.class, () -> promotion().promote(R2, "integration", "production", repositories));
        assertEquals(List.of(), registry.writes);
    }

    @Test
    void toAnotherRegistryEachManifestIsBroughtOverBeforeAnyTagMoves() {
        releasedAsIntegration();
        RegistryOfTags other = new RegistryOfTags();
        List<String> broughtOver = new java.util.ArrayList<>();

        new Promotion(registry, other, Fixtures.liveness(), Log.silent()).promote(R2, "integration", "production", repositories,
                move -> {
                    assertTrue(other.tags.isEmpty(), "no tag moved before every manifest is there");
                    other.manifest(move.repository(), move.digest());
                    broughtOver.add(move.service());
                });

        assertEquals(List.of("api", "worker"), broughtOver);
        assertEquals(Optional.of(d("new-api")), other.tagged("shop/api", "production"));
        assertEquals(Optional.of(d("old-api")), registry.tagged("shop/api", "production"), "the source registry is left alone");
        assertEquals(ReleaseJournal.State.COMPLETE, other.journal("production").orElseThrow().state());
    }
}
