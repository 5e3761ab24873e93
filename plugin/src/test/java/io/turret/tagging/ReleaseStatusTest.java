package io.turret.tagging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseStatusTest {
    private final RegistryOfTags registry = new RegistryOfTags();
    private final Map<String, String> repositories = new LinkedHashMap<>(Map.of("api", "shop/api"));

    @Test
    void namesTheReleaseThatPutEachTagThere() {
        registry.manifests.add("shop/api@d1");
        registry.tags.put("shop/api:dev", "d1");
        registry.writeJournal(new ReleaseJournal("r7", "dev", ReleaseJournal.State.COMPLETE,
                List.of(new TagMove("api", "shop/api", "d1", Optional.empty()))));

        List<String> report = new ReleaseStatus(registry).report("dev", repositories);

        assertTrue(report.get(0).matches("api\\s+shop/api:dev\\s+d1\\s+put there by release r7"), report.get(0));
        assertTrue(report.get(1).contains("r7: complete"), report.get(1));
    }

    @Test
    void saysWhenAReleaseIsUnfinishedAndWhatWillHappen() {
        registry.tags.put("shop/api:dev", "d0");
        registry.writeJournal(new ReleaseJournal("r8", "dev", ReleaseJournal.State.MOVING,
                List.of(new TagMove("api", "shop/api", "d1", Optional.of("d0")))));

        List<String> report = new ReleaseStatus(registry).report("dev", repositories);

        assertTrue(report.get(0).contains("not put there by the last release"), report.get(0));
        assertTrue(report.get(1).contains("r8 of dev is UNFINISHED"), report.get(1));
    }

    @Test
    void aTagThatDoesNotExistAndNoJournalAreSaidSo() {
        List<String> report = new ReleaseStatus(registry).report("dev", repositories);

        assertTrue(report.get(0).contains("(no such tag)"), report.get(0));
        assertTrue(report.get(1).contains("No release of dev"), report.get(1));
    }
}
