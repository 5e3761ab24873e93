package io.turret.tagging;

import static io.turret.tagging.Fixtures.DEAD;
import static io.turret.tagging.Fixtures.ELSEWHERE;
import static io.turret.tagging.Fixtures.LIVE;
import static io.turret.tagging.Fixtures.NOW;
import static io.turret.tagging.Fixtures.R1;
import static io.turret.tagging.Fixtures.R2;
import static io.turret.tagging.Fixtures.SELF;
import static io.turret.tagging.Fixtures.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.report.Log;
import io.turret.report.RecordingLog;
import io.turret.run.Owner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TagMoverTest {
    private static final String SUFFIX = "integration";
    private static final List<String> SERVICES = List.of("api", "worker", "frontend");
    private static final Map<String, String> REPOSITORIES = repositories();

    private final RegistryOfTags registry = new RegistryOfTags();

    private static Map<String, String> repositories() {
        Map<String, String> repositories = new LinkedHashMap<>();
        SERVICES.forEach(service -> repositories.put(service, "shop/" + service));
        return repositories;
    }

    private static TagMover mover(RegistryOfTags registry) {
        return new TagMover(registry, Fixtures.liveness(), Log.silent());
    }

    private TagMover mover() {
        return mover(registry);
    }

    private Optional<TagMover.Repair> repair() {
        return mover().repair(SUFFIX, REPOSITORIES);
    }

    private List<TagMove> release() {
        return release(registry);
    }

    private Map<String, Optional<Digest>> suffixTags() {
        return suffixTags(registry);
    }

    /** api and worker were released before (digests old-*); frontend is new. The new manifests are all pushed. */
    private static List<TagMove> release(RegistryOfTags registry) {
        for (String service : SERVICES) {
            registry.manifest("shop/" + service, d("new-" + service));
            if (!service.equals("frontend")) {
                registry.manifest("shop/" + service, d("old-" + service));
                registry.tags.put("shop/" + service + ":" + SUFFIX, d("old-" + service));
            }
        }
        return SERVICES.stream().map(service -> new TagMove(service, "shop/" + service, d("new-" + service),
                registry.tagged("shop/" + service, SUFFIX))).toList();
    }

    private static Map<String, Optional<Digest>> suffixTags(RegistryOfTags registry) {
        return SERVICES.stream().collect(Collectors.toMap(s -> s, s -> registry.tagged("shop/" + s, SUFFIX)));
    }

    private void assertAllNew() {
        SERVICES.forEach(s -> assertEquals(Optional.of(d("new-" + s)), registry.tagged("shop/" + s, SUFFIX), s));
    }

    private void assertAllOld() {
        assertEquals(oldTags(), suffixTags());
    }

    private static Map<String, Optional<Digest>> oldTags() {
        return Map.of("api", Optional.of(d("old-api")), "worker", Optional.of(d("old-worker")), "frontend", Optional.empty());
    }

    /** A journal left MOVING by {@code owner}, written {@code ago}. */
    private void unfinished(List<TagMove> moves, Owner owner, Duration ago) {
        registry.journals.put(SUFFIX, new ReleaseJournal(R1, SUFFIX, ReleaseJournal.State.MOVING, moves,
                Optional.of(new Mover(owner, NOW.minus(ago)))).toJson());
    }

    private void unfinished(List<TagMove> moves) {
        unfinished(moves, DEAD, Duration.ofMinutes(5));
    }

    @Test
    void theJournalIsWrittenBeforeTheFirstTagAndMarkedCompleteAfterTheLast() {
        mover().move(R1, SUFFIX, release());

        assertAllNew();
        assertEquals("journal MOVING", registry.writes.get(0));
        assertEquals("journal COMPLETE", registry.writes.get(registry.writes.size() - 1));
        ReleaseJournal journal = registry.journal(SUFFIX).orElseThrow();
        assertEquals(ReleaseJournal.State.COMPLETE, journal.state());
        assertEquals(Optional.of(new Mover(SELF, NOW)), journal.mover(), "the journal names the run that moves the tags");
    }

    @Test
    void tagsThatAlreadyPointAtTheReleaseAreNotWrittenAtAll() {
        List<TagMove> first = release();
        mover().move(R1, SUFFIX, first);
        registry.writes.clear();

        List<TagMove> again = first.stream().map(m -> new TagMove(m.service(), m.repository(), m.digest(),
                registry.tagged(m.repository(), SUFFIX))).toList();
        mover().move(R2, SUFFIX, again);

        assertEquals(List.of(), registry.writes);
    }

    @Test
    void aRefusedTagPutsBackTheTagsMovedBeforeItAndDeletesNewOnes() {
        registry.refusedTag = "shop/frontend:" + SUFFIX;
        List<TagMove> moves = release();

        UserFailure failure = assertThrows(UserFailure.class, () -> mover().move(R1, SUFFIX, moves));

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

        UserFailure failure = assertThrows(UserFailure.class, () -> mover().move(R1, SUFFIX, newFirst));

        assertTrue(failure.getMessage().contains("except shop/frontend:integration"), failure.getMessage());
        assertEquals(Optional.of(d("old-api")), registry.tagged("shop/api", SUFFIX));
        assertEquals(Optional.of(d("old-worker")), registry.tagged("shop/worker", SUFFIX));
    }

    @Test
    void aKillAtAnyWriteLeavesARegistryThatTheNextRunMakesWhole() {
        int writes = countWritesOfAWholeRelease();
        for (int killedAfter = 0; killedAfter <= writes; killedAfter++) {
            RegistryOfTags killed = new RegistryOfTags();
            List<TagMove> moves = release(killed);
            killed.writesUntilKilled = killedAfter;
            // the run that is killed is another process than the one that repairs
            TagMover dying = new TagMover(killed, new io.turret.run.Liveness(DEAD, owner -> false, Duration.ofHours(6),
                    java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)), Log.silent());
            try {
                dying.move(R1, SUFFIX, moves);
            } catch (RegistryOfTags.Killed expected) {
                // the process is gone: no roll-back ran
            }
            killed.writesUntilKilled = Integer.MAX_VALUE;

            mover(killed).repair(SUFFIX, REPOSITORIES);

            Map<String, Optional<Digest>> tags = suffixTags(killed);
            boolean allNew = SERVICES.stream().allMatch(s -> tags.get(s).equals(Optional.of(d("new-" + s))));
            assertTrue(allNew || tags.equals(oldTags()), "killed after " + killedAfter + " writes: " + tags);
            assertTrue(killed.journal(SUFFIX).map(j -> !j.unfinished()).orElse(true), "killed after " + killedAfter);
        }
    }

    private static int countWritesOfAWholeRelease() {
        RegistryOfTags counting = new RegistryOfTags();
        mover(counting).move(R1, SUFFIX, release(counting));
        return counting.writes.size();
    }

    @Test
    void anUnfinishedReleaseWhoseManifestsAreThereIsRolledForwardSayingWhichTagsMoved() {
        unfinished(release());
        registry.tags.put("shop/api:" + SUFFIX, d("new-api"));

        TagMover.Repair said = repair().orElseThrow();

        assertAllNew();
        assertEquals(TagMover.Outcome.ROLLED_FORWARD, said.outcome());
        assertTrue(said.message().contains("rolled forward: moved shop/worker:integration, shop/frontend:integration;"
                + " already right: shop/api:integration"), said.message());
        assertEquals(ReleaseJournal.State.COMPLETE, registry.journal(SUFFIX).orElseThrow().state());
    }

    @Test
    void anUnfinishedReleaseMissingAManifestIsRolledBack() {
        unfinished(release());
        registry.tags.put("shop/api:" + SUFFIX, d("new-api"));
        registry.tags.put("shop/frontend:" + SUFFIX, d("new-frontend"));
        registry.manifests.remove("shop/worker@" + d("new-worker"));

        TagMover.Repair said = repair().orElseThrow();

        assertAllOld();
        assertEquals(TagMover.Outcome.ROLLED_BACK, said.outcome());
        assertTrue(said.message().contains("shop/worker@" + d("new-worker")), said.message());
        assertTrue(said.message().contains("moved shop/api:integration, shop/frontend:integration; already right:"
                + " shop/worker:integration"), said.message());
    }

    @Test
    void aRollBackLeavesAloneEveryTagThatPointsNeitherAtTheReleaseNorBeforeIt() {
        // a crafted journal: manifests that do not exist, "previous" = older manifests; the tags point at newer ones
        List<TagMove> crafted = new ArrayList<>();
        for (String service : SERVICES) {
            registry.manifest("shop/" + service, d("older-" + service));
            registry.manifest("shop/" + service, d("newer-" + service));
            registry.tags.put("shop/" + service + ":" + SUFFIX, d("newer-" + service));
            crafted.add(new TagMove(service, "shop/" + service, d("missing-" + service), Optional.of(d("older-" + service))));
        }
        unfinished(crafted);
        registry.writes.clear();

        TagMover.Repair said = repair().orElseThrow();

        SERVICES.forEach(s -> assertEquals(Optional.of(d("newer-" + s)), registry.tagged("shop/" + s, SUFFIX), s));
        assertEquals(List.of("journal ROLLED_BACK"), registry.writes, "no tag was written");
        assertTrue(said.message().contains("no tag moved"), said.message());
        assertTrue(said.message().contains("left alone: shop/api:integration (it points at " + d("newer-api")), said.message());
        assertFalse(said.message().contains("where it was before"), said.message());
    }

    @Test
    void aRollForwardLeavesAloneATagSomeoneElseMoved() {
        List<TagMove> moves = release();
        unfinished(moves);
        registry.manifest("shop/worker", d("hotfix"));
        registry.tags.put("shop/worker:" + SUFFIX, d("hotfix"));

        TagMover.Repair said = repair().orElseThrow();

        assertEquals(Optional.of(d("hotfix")), registry.tagged("shop/worker", SUFFIX));
        assertEquals(Optional.of(d("new-api")), registry.tagged("shop/api", SUFFIX));
        assertTrue(said.message().contains("left alone: shop/worker:integration (it points at " + d("hotfix")
                + ", neither this release's manifest nor the one before it: someone else moved it)"), said.message());
    }

    @Test
    void aNewTagLeftElsewhereIsNotSaidToPointAtTheRelease() {
        RecordingLog log = new RecordingLog();
        registry.deletesTags = false;
        List<TagMove> moves = release();
        unfinished(moves);
        registry.manifests.remove("shop/worker@" + d("new-worker"));
        registry.manifest("shop/frontend", d("someone-else"));
        registry.tags.put("shop/frontend:" + SUFFIX, d("someone-else"));

        new TagMover(registry, Fixtures.liveness(), log).repair(SUFFIX, REPOSITORIES);

        assertEquals(List.of(), log.warnings.stream().filter(line -> line.contains("still points at this release")).toList());
        assertEquals(Optional.of(d("someone-else")), registry.tagged("shop/frontend", SUFFIX));
    }

    @Test
    void aReleaseWhoseRunIsAliveIsInProgressAndNothingIsTouched() {
        unfinished(release(), LIVE, Duration.ofMinutes(1));
        registry.writes.clear();

        TagMover.Repair said = repair().orElseThrow();

        assertEquals(TagMover.Outcome.IN_PROGRESS, said.outcome());
        assertTrue(said.message().startsWith("A release of integration (" + R1 + ") is in progress (process 200 on agent-1,"
                + " since "), said.message());
        assertEquals(List.of(), registry.writes);
        assertAllOld();
    }

    @Test
    void aReleaseOfAnotherHostIsInProgressUntilReapAfterThenRepaired() {
        unfinished(release(), ELSEWHERE, Duration.ofHours(5));
        assertEquals(TagMover.Outcome.IN_PROGRESS, repair().orElseThrow().outcome());
        assertTrue(repair().orElseThrow().message().contains("turret.reapAfter (PT6H)"), repair().get().message());

        unfinished(release(), ELSEWHERE, Duration.ofHours(7));
        assertEquals(TagMover.Outcome.ROLLED_FORWARD, repair().orElseThrow().outcome());
        assertAllNew();
    }

    @Test
    void aJournalOfThisProcessIsInProgressOnlyWhileItMovesTags() {
        unfinished(release(), SELF, Duration.ofMinutes(1));

        assertEquals(TagMover.Outcome.ROLLED_FORWARD, repair().orElseThrow().outcome());
    }

    @Test
    void aJournalOfAnOlderTurretNamingNoRunIsRepaired() {
        registry.journals.put(SUFFIX, new ReleaseJournal(R1, SUFFIX, ReleaseJournal.State.MOVING, release(), Optional.empty())
                .toJson());

        assertEquals(TagMover.Outcome.ROLLED_FORWARD, repair().orElseThrow().outcome());
    }

    @Test
    void aSecondRepairSeesTheFirstsResult() {
        unfinished(release());
        repair();
        registry.writes.clear();

        assertEquals(Optional.empty(), repair());
        assertEquals(List.of(), registry.writes);
    }

    @Test
    void aRepairDoesNotMarkFinishedAJournalThatAnotherRunReplacedMeanwhile() {
        List<TagMove> moves = release();
        unfinished(moves);
        // another run starts a new release of the suffix while this one repairs
        registry.afterEachTag = () -> registry.journals.put(SUFFIX, new ReleaseJournal(R2, SUFFIX,
                ReleaseJournal.State.MOVING, moves, Optional.of(new Mover(LIVE, NOW))).toJson());

        repair();

        assertEquals(R2, registry.journal(SUFFIX).orElseThrow().release());
        assertTrue(registry.journal(SUFFIX).orElseThrow().unfinished(), "the other run's journal is left as it wrote it");
    }

    @Test
    void aFinishedReleaseNeedsNoRepair() {
        mover().move(R1, SUFFIX, release());
        registry.writes.clear();

        assertEquals(Optional.empty(), repair());
        assertEquals(Optional.empty(), mover().repair("production", REPOSITORIES));
        assertEquals(List.of(), registry.writes);
    }

    @Test
    void aJournalMovingARepositoryOutsideTheProjectIsRefusedAndNothingMoves() {
        registry.manifest("other/api", d("evil"));
        unfinished(List.of(new TagMove("api", "other/api", d("evil"), Optional.empty())));
        registry.writes.clear();

        UntrustedJournal refused = assertThrows(UntrustedJournal.class, this::repair);

        assertEquals(List.of(), registry.writes);
        assertEquals("registry.test/shop/turret-releases:integration", refused.reference());
        assertTrue(refused.getMessage().contains("it moves the tag of service 'api' in repository other/api, but this"
                + " project's repository for it is shop/api"), refused.getMessage());
        assertTrue(refused.getMessage().contains("delete that tag"), refused.getMessage());
    }

    @Test
    void aJournalNamingAServiceThatIsNotTheProjectsIsRefused() {
        unfinished(List.of(new TagMove("billing", "shop/billing", d("x"), Optional.empty())));

        assertTrue(assertThrows(UntrustedJournal.class, this::repair).getMessage()
                .contains("a service 'billing' that is not one of this project's services"));
    }

    @Test
    void aFinishedJournalNamingAServiceRemovedSinceDoesNotStopTheNextRelease() {
        List<TagMove> withBilling = new ArrayList<>(release());
        withBilling.add(new TagMove("billing", "shop/billing", d("billing"), Optional.empty()));
        registry.journals.put(SUFFIX, new ReleaseJournal(R1, SUFFIX, ReleaseJournal.State.COMPLETE, withBilling, Optional.empty())
                .toJson());

        assertEquals(Optional.empty(), repair());
        mover().move(R2, SUFFIX, release());

        assertEquals(ReleaseJournal.State.COMPLETE, registry.journal(SUFFIX).orElseThrow().state());
        assertEquals(R2, registry.journal(SUFFIX).orElseThrow().release());
    }

    @Test
    void aJournalWhoseSuffixIsNotItsTagIsRefusedAndNoJournalIsWrittenElsewhere() {
        registry.journals.put("e-src", new ReleaseJournal(R1, "e-other", ReleaseJournal.State.MOVING, release(),
                Optional.empty()).toJson());
        registry.writes.clear();

        UntrustedJournal refused = assertThrows(UntrustedJournal.class, () -> mover().repair("e-src", REPOSITORIES));

        assertTrue(refused.getMessage().contains("it says it is the journal of suffix 'e-other', but it is tagged e-src"),
                refused.getMessage());
        assertEquals(List.of(), registry.writes);
        assertFalse(registry.journals.containsKey("e-other"));
    }

    @Test
    void aJournalReadsBackAsWrittenAndAnythingElseIsRefused() {
        ReleaseJournal journal = new ReleaseJournal(R1, SUFFIX, ReleaseJournal.State.MOVING, release(),
                Optional.of(new Mover(SELF, NOW)));

        assertEquals(journal, ReleaseJournal.fromJson(journal.toJson()));
        assertThrows(IllegalArgumentException.class, () -> ReleaseJournal.fromJson(("{\"release\":\"" + R1 + "\"}").getBytes()));
        assertThrows(IllegalArgumentException.class, () -> ReleaseJournal.fromJson("not json".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> ReleaseJournal.fromJson("[]".getBytes()));
    }

    @Test
    void aPathAsDigestAForeignStateOrReleaseIdIsRefusedWhenRead() {
        String good = new String(new ReleaseJournal(R1, SUFFIX, ReleaseJournal.State.MOVING, release(), Optional.empty())
                .toJson(), StandardCharsets.UTF_8);
        Map<String, String> bad = Map.of(
                d("new-api").toString(), "../../../shop/api/manifests/integration",
                "\"MOVING\"", "\"DONE\"",
                R1, "r1; rm -rf /");
        bad.forEach((from, to) -> {
            String tampered = good.replace(from, to);
            assertFalse(tampered.equals(good), from);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ReleaseJournal.fromJson(tampered.getBytes(StandardCharsets.UTF_8)), to);
            assertTrue(refused.getMessage().contains(to.replace("\"", "").substring(0, 4)), refused.getMessage());
        });
        registry.journals.put(SUFFIX, good.replace(d("new-api").toString(), "../../../shop/api/manifests/integration")
                .getBytes(StandardCharsets.UTF_8));
        registry.writes.clear();

        assertThrows(UntrustedJournal.class, this::repair);
        assertEquals(List.of(), registry.writes);
    }
}
