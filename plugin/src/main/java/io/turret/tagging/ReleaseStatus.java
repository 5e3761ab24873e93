package io.turret.tagging;

import io.turret.oci.Digest;
import io.turret.run.Liveness;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What each service's suffix tag points at, which release put it there, and whether a release is unfinished. */
public final class ReleaseStatus {
    private final TagStore store;
    private final Liveness liveness;

    public ReleaseStatus(TagStore store, Liveness liveness) {
        this.store = store;
        this.liveness = liveness;
    }

    /**
     * @param repositories service → its repository, in the order to show them
     * @return the lines of the report
     */
    public List<String> report(String suffix, Map<String, String> repositories) {
        Journals journals = new Journals(store, repositories, liveness);
        Optional<ReleaseJournal> journal;
        String untrusted = null;
        try {
            journal = journals.read(suffix);
        } catch (UntrustedJournal e) {
            journal = Optional.empty();
            untrusted = e.getMessage();
        }
        List<String> lines = new ArrayList<>();
        int width = repositories.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, String> service : repositories.entrySet()) {
            Optional<Digest> digest = store.tagged(service.getValue(), suffix);
            Optional<ReleaseJournal> last = journal;
            String by = digest.flatMap(d -> last.filter(j -> j.moves().stream()
                    .anyMatch(move -> move.service().equals(service.getKey()) && move.digest().equals(d))))
                    .map(j -> "put there by release " + j.release())
                    .orElse(digest.isPresent() ? "not put there by the last release Turret recorded" : "");
            lines.add(String.format("%-" + width + "s  %s:%s  %s  %s", service.getKey(), service.getValue(), suffix,
                    digest.map(Digest::toString).orElse("(no such tag)"), by).stripTrailing());
        }
        if (untrusted != null) {
            lines.add(untrusted);
        } else if (journal.isEmpty()) {
            lines.add("No release of " + suffix + " was recorded by Turret.");
        } else if (journal.get().unfinished() && journals.inProgress(journal.get())) {
            lines.add("The release " + journal.get().release() + " of " + suffix + " is IN PROGRESS ("
                    + journal.get().mover().orElseThrow() + "): it is moving its tags now.");
        } else if (journal.get().unfinished()) {
            lines.add("The release " + journal.get().release() + " of " + suffix + " is UNFINISHED (cut short before all its"
                    + " tags moved); the next turret:push, turret:release or turret:check of this suffix finishes it forward,"
                    + " or back when a manifest of it is gone.");
        } else {
            lines.add("The last release of " + suffix + " is " + journal.get().release() + ": "
                    + journal.get().state().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ".");
        }
        return lines;
    }
}
