package io.turret.tagging;

import static io.turret.tagging.Fixtures.LIVE;
import static io.turret.tagging.Fixtures.NOW;
import static io.turret.tagging.Fixtures.d;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseStatusTest {
    private static final String R7 = "20261207-100000-0007";
    private static final String R8 = "20261207-100000-0008";

    private final RegistryOfTags registry = new RegistryOfTags();
    private final Map<String, String> repositories = new LinkedHashMap<>(Map.of("api", "shop/api"));

    private List<String> report() {
        return new ReleaseStatus(registry, Fixtures.liveness()).report("dev", repositories);
    }

    @Test
    void namesTheReleaseThatPutEachTagThere() {
        registry.manifest("shop/api", d("d1"));
        registry.tags.put("shop/api:dev", d("d1"));
        registry.writeJournal(new ReleaseJournal(R7, "dev", ReleaseJournal.State.COMPLETE,
                List.of(new TagMove("api", "shop/api", d("d1"), Optional.empty())), Optional.empty()));

        List<String> report = report();

        assertTrue(report.get(0).matches("api\\s+shop/api:dev\\s+" + d("d1") + "\\s+put there by release " + R7), report.get(0));
        assertTrue(report.get(1).contains(R7 + ": complete"), report.get(1));
    }

    @Test
    void saysWhenAReleaseIsUnfinishedAndWhatWillHappen() {
        registry.tags.put("shop/api:dev", d("d0"));
        registry.writeJournal(new ReleaseJournal(R8, "dev", ReleaseJournal.State.MOVING,
                List.of(new TagMove("api", "shop/api", d("d1"), Optional.of(d("d0")))), Optional.empty()));

        List<String> report = report();

        assertTrue(report.get(0).contains("not put there by the last release"), report.get(0));
        assertTrue(report.get(1).contains(R8 + " of dev is UNFINISHED"), report.get(1));
    }

    @Test
    void saysWhenAReleaseIsInProgressAndWhoseRunItIs() {
        registry.writeJournal(new ReleaseJournal(R8, "dev", ReleaseJournal.State.MOVING,
                List.of(new TagMove("api", "shop/api", d("d1"), Optional.empty())), Optional.of(new Mover(LIVE, NOW))));

        List<String> report = report();

        assertTrue(report.get(1).contains(R8 + " of dev is IN PROGRESS (process 200 on agent-1, since " + NOW), report.get(1));
    }

    @Test
    void anUntrustedJournalIsNamedAfterTheTags() {
        registry.tags.put("shop/api:dev", d("d1"));
        registry.writeJournal(new ReleaseJournal(R8, "dev", ReleaseJournal.State.COMPLETE,
                List.of(new TagMove("api", "other/api", d("d1"), Optional.empty())), Optional.empty()));

        List<String> report = report();

        assertTrue(report.get(0).contains("not put there by the last release"), report.get(0));
        assertTrue(report.get(1).startsWith("The release journal registry.test/shop/turret-releases:dev is not one Turret wrote"),
                report.get(1));
    }

    @Test
    void aTagThatDoesNotExistAndNoJournalAreSaidSo() {
        List<String> report = report();

        assertTrue(report.get(0).contains("(no such tag)"), report.get(0));
        assertTrue(report.get(1).contains("No release of dev"), report.get(1));
    }
}
