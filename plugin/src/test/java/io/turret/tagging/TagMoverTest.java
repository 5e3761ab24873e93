package io.turret.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import io.turret.report.Log;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TagMoverTest {
    private static final String SUFFIX = "integration";
    private static final List<String> SERVICES = List.of("api", "worker", "frontend");

    private final RegistryOfTags registry = new RegistryOfTags();

    private List<TagMove> release() {
        return release(registry);
    }

    private Map<String, Optional<String>> suffixTags() {
        return suffixTags(registry);
    }

    /** api and worker were released before (digests old-*); frontend is new. The new manifests are all pushed. */
    private static List<TagMove> release(RegistryOfTags registry) {
        for (String service : SERVICES) {
            registry.manifests.add("shop/" + service + "@new-" + service);
            if (!service.equals("frontend")) {
                registry.manifests.add("shop/" + service + "@old-" + service);
                registry.tags.put("shop/" + service + ":" + SUFFIX, "old-" + service);
            }
        }
        return SERVICES.stream().map(service -> new TagMove(service, "shop/" + service, "new-" + service,
                registry.tagged("shop/" + service, SUFFIX))).toList();
    }

    private static Map<String, Optional<String>> suffixTags(RegistryOfTags registry) {
        return SERVICES.stream().collect(Collectors.toMap(s -> s, s -> registry.tagged("shop/" + s, SUFFIX)));
    }

    private void assertAllNew() {
        SERVICES.forEach(s -> assertEquals(Optional.of("new-" + s), registry.tagged("shop/" + s, SUFFIX), s));
    }

    private void assertAllOld() {
        assertEquals(Map.of("api", Optional.of("old-api"), "worker", Optional.of("old-worker"), "frontend", Optional.empty()),
                suffixTags());
    }

    @Test
    void theJournalIsWrittenBeforeTheFirstTagAndMarkedCompleteAfterTheLast() {
        new TagMover(registry, Log.silent()).move("r1", SUFFIX, release());

        assertAllNew();
        assertEquals("journal MOVING", registry.writes.get(0));
        assertEquals("journal COMPLETE", registry.writes.get(registry.writes.size() - 1));
        assertEquals(ReleaseJournal.State.COMPLETE, registry.journal(SUFFIX).orElseThrow().state());
    }

    @Test
    void tagsThatAlreadyPointAtTheReleaseAreNotWrittenAtAll() {
        List<TagMove> first = release();
        new TagMover(registry, Log.silent()).move("r1", SUFFIX, first);
        registry.writes.clear();

        List<TagMove> again = first.stream().map(m -> new TagMove(m.service(), m.repository(), m.digest(),
                registry.tagged(m.repository(), SUFFIX))).toList();
        new TagMover(registry, Log.silent()).move("r2", SUFFIX, again);

        assertEquals(List.of(), registry.writes);
    }

    @Test
    void aRefusedTagPutsBackTheTagsMovedBeforeItAndDeletesNewOnes() {
        registry.refusedTag = "shop/frontend:" + SUFFIX;
        List<TagMove> moves = release();

        UserFailure failure = assertThrows(UserFailure.class, () -> new TagMover(registry, Log.silent()).move("r1", SUFFIX, moves));

        assertAllOld();
        assertTrue(failure.getMessage().contains("shop/frontend:integration"), failure.getMessage());
        assertEquals(ReleaseJournal.State.ROLLED_BACK, registry.journal(SUFFIX).orElseThrow().state());
    }

    @Test
    void aNewTagTheRegistryWillNotDeleteIsTheOneExceptionNamed() {
        registry.refusedTag = "shop/worker:" + SUFFIX;
        registry.deletesTags = false;
        List<TagMove> moves = release();
        List<TagMove> newFirst = List.of(moves.get(2), moves.get(0), moves.get(1));

        UserFailure failure = assertThrows(UserFailure.class,
                () -> new TagMover(registry, Log.silent()).move("r1", SUFFIX, newFirst));

        assertTrue(failure.getMessage().contains("except shop/frontend:integration"), failure.getMessage());
        assertEquals(Optional.of("old-api"), registry.tagged("shop/api", SUFFIX));
        assertEquals(Optional.of("old-worker"), registry.tagged("shop/worker", SUFFIX));
    }

    @Test
    void aKillAtAnyWriteLeavesARegistryThatTheNextRunMakesWhole() {
        int writes = countWritesOfAWholeRelease();
        for (int killedAfter = 0; killedAfter <= writes; killedAfter++) {
            RegistryOfTags killed = new RegistryOfTags();
            List<TagMove> moves = release(killed);
            killed.writesUntilKilled = killedAfter;
            try {
                new TagMover(killed, Log.silent()).move("r1", SUFFIX, moves);
            } catch (RegistryOfTags.Killed expected) {
                // the process is gone: no roll-back ran
            }
            killed.writesUntilKilled = Integer.MAX_VALUE;

            new TagMover(killed, Log.silent()).repair(SUFFIX);

            Map<String, Optional<String>> tags = suffixTags(killed);
            boolean allNew = SERVICES.stream().allMatch(s -> tags.get(s).equals(Optional.of("new-" + s)));
            boolean allOld = tags.equals(Map.of("api", Optional.of("old-api"), "worker", Optional.of("old-worker"),
                    "frontend", Optional.empty()));
            assertTrue(allNew || allOld, "killed after " + killedAfter + " writes: " + tags);
            assertTrue(killed.journal(SUFFIX).map(j -> !j.unfinished()).orElse(true), "killed after " + killedAfter);
        }
    }

    private static int countWritesOfAWholeRelease() {
        RegistryOfTags counting = new RegistryOfTags();
        new TagMover(counting, Log.silent()).move("r1", SUFFIX, release(counting));
        return counting.writes.size();
    }

    @Test
    void anUnfinishedReleaseWhoseManifestsAreThereIsRolledForward() {
        List<TagMove> moves = release();
        registry.journals.put(SUFFIX, new ReleaseJournal("r1", SUFFIX, ReleaseJournal.State.MOVING, moves).toJson());
        registry.tags.put("shop/api:" + SUFFIX, "new-api");

        Optional<String> said = new TagMover(registry, Log.silent()).repair(SUFFIX);

        assertAllNew();
        assertTrue(said.orElseThrow().contains("rolled forward"), said.get());
        assertEquals(ReleaseJournal.State.COMPLETE, registry.journal(SUFFIX).orElseThrow().state());
    }

    @Test
    void anUnfinishedReleaseMissingAManifestIsRolledBack() {
        List<TagMove> moves = release();
        registry.journals.put(SUFFIX, new ReleaseJournal("r1", SUFFIX, ReleaseJournal.State.MOVING, moves).toJson());
        registry.tags.put("shop/api:" + SUFFIX, "new-api");
        registry.tags.put("shop/frontend:" + SUFFIX, "new-frontend");
        registry.manifests.remove("shop/worker@new-worker");

        Optional<String> said = new TagMover(registry, Log.silent()).repair(SUFFIX);

        assertAllOld();
        assertTrue(said.orElseThrow().contains("rolled back") && said.get().contains("shop/worker@new-worker"), said.get());
    }

    @Test
    void aFinishedReleaseNeedsNoRepair() {
        new TagMover(registry, Log.silent()).move("r1", SUFFIX, release());
        registry.writes.clear();

        assertEquals(Optional.empty(), new TagMover(registry, Log.silent()).repair(SUFFIX));
        assertEquals(Optional.empty(), new TagMover(registry, Log.silent()).repair("production"));
        assertEquals(List.of(), registry.writes);
    }

    @Test
    void aJournalReadsBackAsWrittenAndAnythingElseIsRefused() {
        ReleaseJournal journal = new ReleaseJournal("r1", SUFFIX, ReleaseJournal.State.MOVING, release());

        assertEquals(journal, ReleaseJournal.fromJson(journal.toJson()));
        assertThrows(IllegalArgumentException.class, () -> ReleaseJournal.fromJson("{\"release\":\"r1\"}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> ReleaseJournal.fromJson("not json".getBytes()));
    }
}
